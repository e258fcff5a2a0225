"""The one function every domain calls on each state change.

Entries join the caller's transaction, so a change and its audit entry commit (or fail) together.
Sensitive values are masked before they are stored.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

from conference.core.context import current_actor, current_ip
from conference.core.models import AuditEntry
from conference.extensions import db

SENSITIVE_FIELDS = frozenset(
    {
        "passport_number",
        "passport_expiry",
        "date_of_birth",
        "password",
        "password_hash",
        "totp_secret",
        "recovery_codes",
        "token",
        "token_hash",
    }
)
MASK = "•••"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def mask(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: (MASK if k in SENSITIVE_FIELDS and v not in (None, "") else _plain(v)) for k, v in values.items()}


def record(
    action: str,
    entity_type: str,
    entity_id: Any = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    actor_id: int | None = None,
    actor_label: str | None = None,
    security: bool = False,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits)."""
    ctx_id, ctx_label = current_actor()
    entry = AuditEntry(
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=mask(before),
        after=mask(after),
        reason=reason,
        actor_id=actor_id if actor_id is not None else ctx_id,
        actor_label=actor_label or ctx_label,
        ip=current_ip(),
        is_security=security,
    )
    db.session.add(entry)
    return entry


def snapshot(obj: Any, fields: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of ``obj`` as plain values, for ``before``/``after``."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, for compact entries."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
