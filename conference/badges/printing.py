"""The print queue: choose badges, record the batch (who, when, which badges and serials), render it.

``create_batch`` records and marks the badges printed in one transaction; ``render_batch`` then
draws the PDF from what was recorded (the recorded serials, so a batch re-renders identically:
Ed25519 signatures and reportlab's invariant mode are deterministic). Large batches render in a
background thread that reports progress on the batch row; the page polls it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import Select, exists, select, update
from sqlalchemy.orm import aliased

from conference.badges import pdf, photos, tokens
from conference.badges.models import Badge, BadgeLayout, BadgeStatus, BatchStatus, PrintBatch, PrintBatchItem
from conference.badges.services import issue_badge
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError, NotFound
from conference.core.services import get_event
from conference.core.uploads import storage_root
from conference.extensions import db
from conference.registration.models import (
    AccreditationStatus,
    Category,
    Country,
    Delegation,
    DelegationType,
    Organisation,
    Participant,
)

BACKGROUND_OVER = 200  # badges; smaller batches render within the request
FOLDER = "badge-batches"
# The colour band under the header: the delegation's kind, with the host country in Viet Nam's red.
BAND_COLOURS = {
    DelegationType.HOST_COUNTRY: "#DA251D",
    DelegationType.MEMBER_STATE: "#1F5C99",
    DelegationType.OBSERVER_STATE: "#3F7CAC",
    DelegationType.REIO: "#003399",
    DelegationType.UN_ENTITY: "#009EDB",
    DelegationType.IGO: "#00796B",
    DelegationType.NGO: "#5C6670",
    DelegationType.PRIVATE_SECTOR: "#5C6670",
    DelegationType.ACADEMIA: "#6D4C8D",
    DelegationType.MEDIA: "#E0A100",
}
NO_DELEGATION = "#5C6670"


def _ordered(query: Select) -> Select:
    return query.order_by(Delegation.name.nulls_last(), Participant.family_name, Participant.given_names, Badge.id)


def _selected_participants(selection: str, value: str) -> Select:
    query = (
        select(Participant.id)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .where(Participant.status == AccreditationStatus.APPROVED)
    )
    if selection == "delegation":
        query = query.where(Participant.delegation_id == _int(value, "delegation"))
    elif selection == "category":
        query = query.where(Participant.category_code == value)
    elif selection == "arrival":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise DomainError("bad_value", "Give the arrival date as YYYY-MM-DD.") from exc
        query = query.where(Participant.arrival_date == day)
    elif selection == "badge":
        query = query.join(Badge, Badge.participant_id == Participant.id).where(Badge.id == _int(value, "badge"))
    elif selection != "unprinted":
        raise DomainError("bad_selection", "Choose which badges to print.")
    return query


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError("bad_value", f"Choose a {what}.") from exc


def candidates(
    selection: str, value: str = "", *, include_printed: bool = False, limit: int | None = None
) -> list[Badge]:
    """The active badges a batch would print, by delegation then name (read only)."""
    query = _ordered(
        select(Badge)
        .join(Participant, Participant.id == Badge.participant_id)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .where(Badge.status == BadgeStatus.ACTIVE, Participant.id.in_(_selected_participants(selection, value)))
    )
    if not include_printed and selection != "badge":
        query = query.where(Badge.printed_at.is_(None))
    return list(db.session.scalars(query.limit(limit)))


def create_batch(
    selection: str, value: str = "", layout: str = "cr80", *, include_printed: bool = False, actor_id: int | None = None
) -> PrintBatch:
    """Record a print batch and mark its badges printed (commits once).

    Approved participants of the selection who have no badge yet get one first. The badges are
    locked while recorded, so two officers printing at once never put a badge in both batches
    unless they asked for printed badges too. Fails with ``bad_layout``, ``bad_selection``,
    ``bad_value`` or ``nothing_to_print``.
    """
    if layout not in set(BadgeLayout):
        raise DomainError("bad_layout", "Choose a badge layout.")
    missing = (
        []
        if selection == "badge"
        else db.session.scalars(
            _selected_participants(selection, value).where(~exists().where(Badge.participant_id == Participant.id))
        ).all()
    )
    for participant_id in missing:
        issue_badge(participant_id, actor_id=actor_id)
    query = _ordered(
        select(Badge.id, Badge.serial)
        .join(Participant, Participant.id == Badge.participant_id)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .where(Badge.status == BadgeStatus.ACTIVE, Participant.id.in_(_selected_participants(selection, value)))
        .with_for_update(of=Badge)
    )
    if not include_printed and selection != "badge":
        query = query.where(Badge.printed_at.is_(None))
    rows = db.session.execute(query).all()
    if not rows:
        raise DomainError("nothing_to_print", "No approved badge matches this choice.")
    batch = PrintBatch(
        created_by_id=actor_id,
        selection=selection,
        selection_value=value or "",
        layout=layout,
        status=BatchStatus.QUEUED.value,
        total=len(rows),
    )
    db.session.add(batch)
    db.session.flush()
    db.session.execute(
        PrintBatchItem.__table__.insert(),
        [
            {"batch_id": batch.id, "badge_id": bid, "serial": serial, "position": i}
            for i, (bid, serial) in enumerate(rows)
        ],
    )
    ids = [bid for bid, _ in rows]
    db.session.execute(
        update(Badge).where(Badge.id.in_(ids)).values(printed_at=utcnow(), collected_at=None, collected_by_id=None)
    )
    audit.record(
        "badge.batch_printed",
        "badge_print_batch",
        batch.id,
        after={"selection": selection, "value": value, "layout": layout, "badges": len(ids), "badge_ids": ids[:500]},
    )
    db.session.commit()
    return batch


def event_strings() -> tuple[str, str, str]:
    event = get_event()
    if event is None:
        return "Conference", "", ""
    start, end = event.start_date, event.end_date
    if (start.month, start.year) == (end.month, end.year):
        days = f"{start.day}–{end.day} {end:%B %Y}" if start != end else f"{end.day} {end:%B %Y}"
    else:
        days = f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    city = ", ".join(part.strip() for part in event.venue.split(",")[-2:])
    return event.short_name, event.name, f"{days} · {city}"


def badge_views(pairs: Iterable[tuple[int, int]]) -> list[pdf.BadgeView]:
    """What each (badge id, serial) shows, in the given order."""
    pairs = list(pairs)
    org = aliased(Organisation)
    rows = db.session.execute(
        select(Badge.id, Participant, Category, Delegation, Country.iso3, org.acronym)
        .join(Participant, Participant.id == Badge.participant_id)
        .join(Category, Category.code == Participant.category_code)
        .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
        .outerjoin(Country, Country.iso3 == Delegation.country_iso3)
        .outerjoin(org, org.code == Delegation.organisation_code)
        .where(Badge.id.in_([bid for bid, _ in pairs]))
    ).all()
    by_id = {row[0]: row[1:] for row in rows}
    short, long_name, dates = event_strings()
    views = []
    for badge_id, serial in pairs:
        if badge_id not in by_id:
            continue
        participant, category, delegation, iso3, acronym = by_id[badge_id]
        views.append(
            pdf.BadgeView(
                badge_id=badge_id,
                serial=serial,
                number=f"HN{badge_id:06d}",
                code=tokens.sign(badge_id, serial),
                name=participant.display_name,
                title=participant.title or "",
                affiliation=delegation.name if delegation else "",
                band_label=iso3 or acronym or "",
                band_colour=BAND_COLOURS.get(delegation.type, NO_DELEGATION) if delegation else NO_DELEGATION,
                category_name=category.name,
                category_letter=category.letter,
                category_colour=category.badge_colour,
                zones=tuple(category.zones or ()),
                photo=photos.print_photo(participant.photo_path),
                event_name=short,
                event_title=long_name,
                event_dates=dates,
            )
        )
    return views


def batch_file(batch: PrintBatch) -> Path:
    return storage_root() / FOLDER / f"batch-{batch.id}.pdf"


def get_batch(batch_id: int) -> PrintBatch:
    batch = db.session.get(PrintBatch, batch_id)
    if batch is None:
        raise NotFound("batch_not_found", "No such print batch.")
    return batch


def render_batch(batch_id: int) -> Path:
    """Draw a recorded batch into its PDF under STORAGE_DIR, reporting progress on the batch row."""
    batch = get_batch(batch_id)
    batch.status = BatchStatus.RUNNING.value
    batch.rendered = 0
    db.session.commit()
    pairs = db.session.execute(
        select(PrintBatchItem.badge_id, PrintBatchItem.serial)
        .where(PrintBatchItem.batch_id == batch_id)
        .order_by(PrintBatchItem.position)
    ).all()
    target = batch_file(batch)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")

    def progress(count: int) -> None:
        db.session.execute(update(PrintBatch).where(PrintBatch.id == batch_id).values(rendered=count))
        db.session.commit()

    try:
        views = badge_views(pairs)
        with partial.open("wb") as out:
            count = pdf.render(
                views, batch.layout, out, title=f"Badges, batch {batch_id}", progress=progress, every=250
            )
        partial.replace(target)
    except Exception as exc:
        db.session.rollback()
        db.session.execute(
            update(PrintBatch).where(PrintBatch.id == batch_id).values(status=BatchStatus.FAILED.value, error=str(exc))
        )
        db.session.commit()
        raise
    db.session.execute(
        update(PrintBatch)
        .where(PrintBatch.id == batch_id)
        .values(status=BatchStatus.DONE.value, rendered=count, pdf_path=f"{FOLDER}/{target.name}", finished_at=utcnow())
    )
    db.session.commit()
    return target


def render_in_background(app: Flask, batch_id: int) -> threading.Thread:
    """Render a large batch off the request thread (the page polls ``rendered``/``total``)."""

    def work() -> None:
        with app.app_context():
            try:
                render_batch(batch_id)
            except Exception:
                app.logger.exception("badge batch %s failed", batch_id)
            finally:
                db.session.remove()

    thread = threading.Thread(target=work, name=f"badge-batch-{batch_id}", daemon=True)
    thread.start()
    return thread


def start_render(batch: PrintBatch) -> None:
    if batch.total > BACKGROUND_OVER:
        render_in_background(current_app._get_current_object(), batch.id)  # type: ignore[attr-defined]
    else:
        render_batch(batch.id)


def batch_pdf(batch_id: int) -> Path:
    """The batch's PDF, re-rendered from the recorded badges and serials if the file is gone."""
    batch = get_batch(batch_id)
    if batch.status in (BatchStatus.QUEUED, BatchStatus.RUNNING):
        raise DomainError("not_ready", "This batch is still being drawn.")
    path = batch_file(batch)
    if not path.exists():
        path = render_batch(batch_id)
    return path


def render_one(badge_id: int, layout: str = "cr80") -> bytes:
    """One badge's PDF with its current serial, for a preview or the desk (records nothing)."""
    import io

    badge = db.session.get(Badge, badge_id)
    if badge is None:
        raise NotFound("badge_not_found", "No such badge.")
    if layout not in set(BadgeLayout):
        raise DomainError("bad_layout", "Choose a badge layout.")
    out = io.BytesIO()
    pdf.render(badge_views([(badge.id, badge.serial)]), layout, out, title=f"Badge {badge.number}")
    return out.getvalue()


def recent_batches(limit: int = 50) -> list[PrintBatch]:
    return list(db.session.scalars(select(PrintBatch).order_by(PrintBatch.id.desc()).limit(limit)))


def batch_rows(batch_id: int) -> list[tuple[PrintBatchItem, Participant, Delegation | None]]:
    """The recorded contents of a batch, in print order, with who each badge is for."""
    return [
        (item, participant, delegation)
        for item, participant, delegation in db.session.execute(
            select(PrintBatchItem, Participant, Delegation)
            .join(Badge, Badge.id == PrintBatchItem.badge_id)
            .join(Participant, Participant.id == Badge.participant_id)
            .outerjoin(Delegation, Delegation.id == Participant.delegation_id)
            .where(PrintBatchItem.batch_id == batch_id)
            .order_by(PrintBatchItem.position)
        )
    ]
