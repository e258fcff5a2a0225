"""Domain errors and the HTTP error handlers (JSON for the API, HTML for pages)."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from conference.extensions import db


class DomainError(Exception):
    """A rule refused the operation. ``code`` is a machine reason, ``message`` is for people."""

    status = 400

    def __init__(self, code: str, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def register_errorhandlers(app: Flask) -> None:
    def render(status: int, code: str, message: str):
        if wants_json():
            return jsonify(error=code, message=message), status
        return render_template("core/error.html", status=status, message=message), status

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        if wants_json():
            return jsonify(error=exc.code, message=exc.message, **exc.details), exc.status
        return render_template("core/error.html", status=exc.status, message=exc.message), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return render(
            400,
            "csrf_failed",
            "This form has expired or was not sent from this site. Go back, reload the page and send it again.",
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code and exc.code >= 500:
            db.session.rollback()
        code = (exc.name or "error").lower().replace(" ", "_")
        return render(exc.code or 500, code, exc.description or exc.name)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        return render(500, "internal_error", "Something went wrong on our side. The team has been told.")
