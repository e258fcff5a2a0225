"""The one guard every view uses: ``@public`` or ``@roles_required(...)``.

A test walks the URL map and fails if a view has neither, so no route is left unguarded by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask_login import current_user

from conference.accounts.auth import bearer_token
from conference.core.errors import CoreError, DomainError
from conference.extensions import login_manager

F = TypeVar("F", bound=Callable)
ANY_USER = "*"


def public(view: F) -> F:
    """Mark a view as open to everyone."""
    view._access = "public"  # type: ignore[attr-defined]
    return view


def roles_required(*roles: str) -> Callable[[F], F]:
    """Require a logged-in user holding one of ``roles`` (admin always passes; ``ANY_USER`` = any role).

    Anonymous users are sent to the login page (401 for the API); others get 403.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if ANY_USER not in roles and not current_user.has_role(*roles):
                raise DomainError(CoreError.FORBIDDEN)
            return view(*args, **kwargs)

        wrapped._access = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


login_required = roles_required(ANY_USER)


def request_api_token() -> str | None:
    """The bearer API token this request carries, if any (for a domain that caches token look-ups)."""
    return bearer_token()
