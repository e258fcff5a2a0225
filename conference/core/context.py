"""Who is acting and from where, for services called inside or outside a request."""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user


def current_actor() -> tuple[int | None, str]:
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        return current_user.id, current_user.email
    return None, "system"


def current_ip() -> str | None:
    if has_request_context():
        return request.remote_addr
    return None
