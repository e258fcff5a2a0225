"""Privacy: a participant's own data as JSON, and erasing sensitive data after the event.

The purge keeps what statistics need (delegation, category, nationality, status, dates of the
workflow) and erases passport data, birth date, phone, photos and the delegation's documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from conference.core import audit, uploads
from conference.core.db import utcnow
from conference.extensions import db
from conference.registration.models import Document, Participant
from conference.registration.records import record_dict
from conference.registration.services import documents_of

PURGED_FIELDS = ("passport_number", "passport_expiry", "date_of_birth", "phone")


def own_data(participant: Participant) -> dict[str, Any]:
    """Everything we hold about a participant, for the participant themselves (sensitive included)."""
    data = record_dict(participant, sensitive=True)
    data["category"] = participant.category.name if participant.category else participant.category_code
    data["nationality"] = participant.nationality.name if participant.nationality else None
    data["documents_of_delegation"] = (
        [{"kind": d.kind, "filename": d.filename} for d in documents_of(participant.delegation_id)]
        if participant.delegation_id
        else []
    )
    data["exported_at"] = utcnow().isoformat()
    return data


def purge(older_than_days: int, *, now: dt.datetime | None = None) -> tuple[int, int]:
    """Erase sensitive fields and photos of records untouched for ``older_than_days``, and documents
    uploaded before then. Returns (participants purged, documents deleted). Commits."""
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    people = list(
        db.session.scalars(
            select(Participant).where(
                Participant.purged_at.is_(None), func.coalesce(Participant.decided_at, Participant.updated_at) < cutoff
            )
        )
    )
    files: list[str | None] = []
    for p in people:
        files += [p.photo_path, p.photo_thumb_path]
        for name in PURGED_FIELDS:
            setattr(p, name, None)
        p.photo_path = p.photo_thumb_path = None
        p.purged_at = now or utcnow()
    docs = list(db.session.scalars(select(Document).where(Document.uploaded_at < cutoff)))
    files += [d.path for d in docs]
    for d in docs:
        db.session.delete(d)
    audit.record(
        "privacy.purge",
        "participant",
        None,
        after={"participants": len(people), "documents": len(docs), "older_than_days": older_than_days},
    )
    db.session.commit()
    for path in files:
        uploads.delete_stored(path)
    return len(people), len(docs)
