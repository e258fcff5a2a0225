"""How a request is authenticated: the session cookie, or a bearer API token (no cookie, no CSRF)."""

from __future__ import annotations

from flask import Flask, g, redirect, request, url_for
from flask_login import LoginManager

from conference.core.errors import CoreError, DomainError, error_response
from conference.extensions import csrf, db

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip() or None
    return None


def init_login_manager(manager: LoginManager) -> None:
    from conference.accounts.models import User
    from conference.accounts.services import user_for_api_token

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None

    @manager.request_loader
    def load_from_token(_request) -> User | None:
        token = bearer_token()
        if token is None:
            return None
        user = user_for_api_token(token)
        if user is not None:
            g.api_token_auth = True
        return user

    @manager.unauthorized_handler
    def unauthorized():
        if request.path.startswith("/api/"):
            return error_response(DomainError(CoreError.UNAUTHORIZED))
        return redirect(url_for(manager.login_view, next=request.full_path.rstrip("?")))


def init_csrf(app: Flask) -> None:
    """CSRF on every state-changing request, except API calls that carry a bearer token."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False

    @app.before_request
    def check_csrf() -> None:
        if not app.config.get("WTF_CSRF_ENABLED", True):
            return
        if request.method in UNSAFE_METHODS and bearer_token() is None:
            csrf.protect()
