"""The error model: each domain's catalogue of reasons, the one exception that carries them, and the
HTTP error handlers (JSON for the API, HTML for pages).

A domain declares its refusals once, in its ``errors.py``::

    class BadgeError(Reason):
        REVOKED = "badge_revoked", 409, _l("This badge is revoked; do not hand it over.")

and a service raises ``DomainError(BadgeError.REVOKED)``. The code, the HTTP status and the message a
person reads (translated when shown) then come from that one line, whether the refusal ends up as a JSON
answer, a flash, a form field's error or a verdict on the scanner.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from conference.extensions import db


class Reason(enum.StrEnum):
    """Base of every domain's catalogue: a member is a machine code with an HTTP status and a message."""

    status: int
    message: Any  # a lazy string: translated in the locale of whoever reads it

    def __new__(cls, code: str, status: int = 400, message: Any = "") -> Reason:
        member = str.__new__(cls, code)
        member._value_ = code
        member.status = status
        member.message = message
        return member


class CoreError(Reason):
    """Refusals of the web layer itself, shared by every domain."""

    INVALID_JSON = "invalid_json", 400, _l("Send a JSON object in the request body.")
    INVALID_INPUT = "invalid_input", 400, _l("Some values are missing or not valid; see the fields listed.")
    REASON_REQUIRED = "reason_required", 400, _l("Say why: the reason is kept with the decision and in the audit log.")
    UNAUTHORIZED = "unauthorized", 401, _l("Log in first.")
    FORBIDDEN = "forbidden", 403, _l("You do not have access to this page.")
    NOT_FOUND = "not_found", 404, _l("This page or record does not exist.")
    METHOD_NOT_ALLOWED = "method_not_allowed", 405, _l("This address does not accept that kind of request.")
    TOO_LARGE = "too_large", 413, _l("What you sent is too large.")
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type", 415, _l("Send JSON (Content-Type: application/json).")
    CSRF_FAILED = (
        "csrf_failed",
        400,
        _l("This form has expired or was not sent from this site. Go back, reload the page and send it again."),
    )
    RATE_LIMITED = "rate_limited", 429, _l("Too many requests. Wait a moment and try again.")
    UNAVAILABLE = "unavailable", 503, _l("The service is briefly unavailable. Try again in a few seconds.")
    INTERNAL = "internal_error", 500, _l("Something went wrong on our side. The team has been told.")


def catalogues() -> list[type[Reason]]:
    """Every catalogue of reasons defined so far (each domain's ``errors`` module must be imported)."""
    found, todo = [], list(Reason.__subclasses__())
    while todo:
        catalogue = todo.pop()
        found.append(catalogue)
        todo.extend(catalogue.__subclasses__())
    return sorted(found, key=lambda c: c.__name__)


class DomainError(Exception):
    """A rule refused the operation, for ``reason``.

    ``params`` fill the reason's message (``%(name)s``) and travel in the JSON answer; ``fields`` maps
    form or body field names to what is wrong with each, so a page can show each message beside its field.
    """

    def __init__(self, reason: Reason, /, *, fields: Mapping[str, Any] | None = None, **params: Any) -> None:
        if not isinstance(reason, Reason):
            raise TypeError(f"DomainError takes a member of a Reason catalogue, not {reason!r}")
        super().__init__(reason.value)
        self.reason = reason
        self.params = params
        self.fields = {name: str(text) for name, text in (fields or {}).items()}

    @property
    def code(self) -> str:
        return self.reason.value

    @property
    def status(self) -> int:
        return self.reason.status

    @property
    def message(self) -> str:
        text = str(self.reason.message)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return self.message

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        body.update({k: v for k, v in self.params.items() if k not in body})
        return body


# HTTP errors Werkzeug raises (routing, guards, limits) answer with the same catalogue.
_HTTP_REASONS = {
    401: CoreError.UNAUTHORIZED,
    403: CoreError.FORBIDDEN,
    404: CoreError.NOT_FOUND,
    405: CoreError.METHOD_NOT_ALLOWED,
    413: CoreError.TOO_LARGE,
    415: CoreError.UNSUPPORTED_MEDIA_TYPE,
    429: CoreError.RATE_LIMITED,
    503: CoreError.UNAVAILABLE,
}


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(exc: DomainError, headers: Mapping[str, str] | None = None):
    """The answer to a refusal: JSON for the API and API clients, the error page for people."""
    if wants_json():
        return jsonify(exc.as_json()), exc.status, dict(headers or {})
    page = render_template("core/error.html", status=exc.status, message=exc.message)
    return page, exc.status, dict(headers or {})


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return error_response(exc)

    @app.errorhandler(CSRFError)
    def csrf_error(_exc: CSRFError):
        return error_response(DomainError(CoreError.CSRF_FAILED))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        if status >= 500:
            db.session.rollback()
        reason = _HTTP_REASONS.get(status)
        if reason is None:
            reason = CoreError.INTERNAL if status >= 500 else CoreError.INVALID_INPUT
        return error_response(DomainError(reason))

    @app.errorhandler(OperationalError)
    def database_down(exc: OperationalError):
        db.session.rollback()
        app.logger.error("database unavailable: %s", exc.orig)
        return error_response(DomainError(CoreError.UNAVAILABLE), {"Retry-After": "5"})

    @app.errorhandler(Exception)
    def unexpected(_exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        return error_response(DomainError(CoreError.INTERNAL))
