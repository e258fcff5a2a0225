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
from conference.registration.records import participant_out
from conference.registration.schemas import DocumentBrief, OwnData
from conference.registration.services import documents_of

PURGED_FIELDS = ("passport_number", "passport_expiry", "date_of_birth", "phone")


def own_data(participant: Participant) -> dict[str, Any]:
    """Everything we hold about a participant, for the participant themselves (sensitive included), as
    JSON values: the record's schema with what it refers to."""
    documents = documents_of(participant.delegation_id) if participant.delegation_id else []
    data = OwnData.model_validate(
        {
            **participant_out(participant, sensitive=True).model_dump(),
            "category": participant.category.name if participant.category else participant.category_code,
            "nationality": participant.nationality.name if participant.nationality else None,
            "documents_of_delegation": [DocumentBrief.model_validate(d) for d in documents],
            "exported_at": utcnow(),
        }
    )
    return data.model_dump(mode="json")


def purge(older_than_days: int, *, now: dt.datetime | None = None) -> tuple[int, int]:
    """Erase sensitive fields and photos of records untouched for ``older_than_days``, and documents
    uploaded before then. Returns (participants purged, documents deleted); the files go once the caller
    commits."""
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
    uploads.delete_stored_after_commit(*files)
    return len(people), len(docs)
