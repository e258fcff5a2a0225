"""The registry of PostgreSQL advisory-lock namespaces, so no two domains ever share one by accident.

Every lock is transaction-level and two-keyed: (namespace, key). PostgreSQL releases it at commit
or rollback, so a lock can never outlive the unit of work that took it.
"""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy import func, select

from conference.extensions import db


class LockNamespace(IntEnum):
    """First key of ``pg_advisory_xact_lock(int, int)``; the second says what is locked inside it."""

    DELEGATION = 1  # registration: one active delegation per state or organisation (key: its code)
    PROGRAMME = 2  # agenda: programme edits, so two organisers cannot create the same clash (key: 0)
    SIGNUPS = 4  # agenda: one booking change per participant at a time (key: participant id)
    SCAN = 7001  # scanning: scans of one badge decided one at a time (key: badge id)
    SESSION_DOOR = 7002  # scanning: a session room's occupancy (key: session id)


def xact_lock(namespace: LockNamespace, key: int | str) -> None:
    """Wait for the advisory lock on ``key`` in ``namespace`` until the transaction ends.

    A text key (a country or organisation code) is hashed to an int by PostgreSQL's ``hashtext``:
    two codes may share a lock, which only makes them wait for each other.
    """
    second = func.hashtext(key) if isinstance(key, str) else key
    db.session.execute(select(func.pg_advisory_xact_lock(int(namespace), second)))
