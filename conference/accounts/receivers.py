"""What accounts does when another part of the platform announces something (see core.signals)."""

from __future__ import annotations

from typing import Any

from conference.accounts.services import ADMIN_EMAIL, ensure_admin
from conference.core.signals import serving


@serving.connect
def admin_login(_sender: Any, **_extra: Any) -> list[str]:
    """``make run`` on a new database: create the admin and tell the person starting it how to log in."""
    password = ensure_admin(ADMIN_EMAIL)
    if password:
        return [
            f"  Log in as {ADMIN_EMAIL} with password: {password}",
            "  (shown once; `.venv/bin/flask --app wsgi create-admin` sets a new one)\n",
        ]
    return [f"  Admin login: {ADMIN_EMAIL} (forgot it? `.venv/bin/flask --app wsgi create-admin`)\n"]
