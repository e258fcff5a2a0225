"""The JSON API's shared parts: ``/api/v1/openapi.json`` assembled from each domain's ``api.py``.

A domain exposes API routes by defining ``bp`` (url_prefix ``/api/v1``) in ``conference/<domain>/api.py``
and documents them in ``OPENAPI_PATHS`` (and ``OPENAPI_SCHEMAS``) there.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from conference.accounts.guards import public
from conference.core.domains import domain_modules

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def openapi_document() -> dict:

    paths: dict = {}
    schemas: dict = {
        "Error": {
            "type": "object",
            "required": ["error", "message"],
            "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
        }
    }
    for _domain, module in domain_modules("api"):
        paths.update(getattr(module, "OPENAPI_PATHS", {}))
        schemas.update(getattr(module, "OPENAPI_SCHEMAS", {}))
    return {
        "openapi": "3.0.3",
        "info": {"title": "Hanoi Convention conference platform API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": schemas,
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": dict(sorted(paths.items())),
    }


@bp.route("/openapi.json")
@public
def openapi():
    return jsonify(openapi_document())
