"""The JSON API's one validator and document generator (spectree over the pydantic schemas).

A domain's API view is declared with ``@api.validate(json=SomeIn, resp=answers(HTTP_201=SomeOut))``:
spectree validates the body and query against the schema before the view runs, the view receives the
parsed model as its ``json``/``query`` argument, the response is checked against the declared model, and
the OpenAPI document is generated from the same declarations (strict mode: exactly the declared routes).
A request that does not fit its schema is refused with ``invalid_input`` and the problem of each field.
"""

from __future__ import annotations

from typing import Any

from flask import request
from pydantic import ValidationError
from spectree import Response, SecurityScheme, SpecTree
from spectree.models import SecuritySchemeData

from conference.core.errors import CoreError, DomainError
from conference.core.schemas import ErrorBody

ERROR_CODES = ("HTTP_400", "HTTP_401", "HTTP_403", "HTTP_404", "HTTP_409", "HTTP_429")


def field_errors(error: ValidationError) -> dict[str, str]:
    """Field path → the first thing wrong with it, in the words a person reads: a validator's own
    message without pydantic's "Value error, " in front (API answers and form pages alike)."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False, include_input=False):
        name = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(name, item["msg"].removeprefix("Value error, "))
    return fields


def _refuse_invalid(_req: Any, _resp: Any, error: Exception | None, _instance: Any, _adapter: Any) -> None:
    # Checked whatever the validation said: spectree reads a body that is not JSON as {}, which a schema
    # of optional fields accepts, and the request would go ahead as if nothing had been sent.
    if request.get_data() and request.get_json(silent=True) is None:
        raise DomainError(CoreError.INVALID_JSON)
    if error is None:
        return
    fields = field_errors(error) if isinstance(error, ValidationError) else {"body": str(error)}
    raise DomainError(CoreError.INVALID_INPUT, fields=fields)


api = SpecTree(
    "flask",
    mode="strict",
    title="Hanoi Convention conference platform API",
    version="1.0.0",
    path="apidoc",  # spectree's own doc routes are not registered; /api/v1/openapi.json serves the document
    page_templates={},  # no documentation pages: they would load scripts from a CDN
    before=_refuse_invalid,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    validation_error_status=400,
    security_schemes=[
        SecurityScheme(name="bearer", data=SecuritySchemeData(type="http", scheme="bearer")),
        SecurityScheme(name="session", data=SecuritySchemeData(type="apiKey", field_in="cookie", name="session")),
    ],
    security=[{"bearer": []}, {"session": []}],
)


def answers(**code_models: Any) -> Response:
    """The declared responses of a route, plus the refusals every route may answer with."""
    models = {code: ErrorBody for code in ERROR_CODES}
    models.update(code_models)
    return Response(**models)
