"""The print queue: choose badges, record the batch (who, when, which badges and serials), render it.

``create_batch`` records the batch and marks its badges printed; ``render_batch`` then draws the PDF
from what was recorded (the recorded serials, so a batch re-renders identically: Ed25519 signatures
and reportlab's invariant mode are deterministic). Both flush; the request commits. Large batches
render in a background thread, started once the request has committed the batch: that job is its own
boundary and commits its progress on the batch row, which the page polls.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, SessionTransaction

from conference.accounts import queries as accounts
from conference.badges import pdf, photos, tokens
from conference.badges.errors import BadgeError
from conference.badges.models import Badge, BadgeLayout, BadgeStatus, BatchStatus, PrintBatch, PrintBatchItem
from conference.badges.services import HeldBadge, issue_badge, with_holders
from conference.core import audit
from conference.core.db import utcnow
from conference.core.errors import DomainError
from conference.core.schemas import INT32_MAX
from conference.core.services import get_event
from conference.core.uploads import storage_root
from conference.extensions import db
from conference.registration import queries as registration
from conference.registration.enums import DelegationType

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


def _bad_value() -> DomainError:
    return DomainError(BadgeError.BAD_VALUE, fields={"selection": BadgeError.BAD_VALUE.message})


def _int(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise _bad_value() from exc
    if not 1 <= number <= INT32_MAX:
        raise _bad_value()
    return number


def _selected_participants(selection: str, value: str) -> list[int]:
    """The approved participants a selection names, in print order (by delegation, then name)."""
    if selection == "unprinted":
        return registration.approved_for_badges()
    if selection == "delegation":
        return registration.approved_for_badges(delegation_id=_int(value))
    if selection == "category":
        return registration.approved_for_badges(category_code=value)
    if selection == "arrival":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise _bad_value() from exc
        return registration.approved_for_badges(arrival_date=day)
    if selection == "badge":
        holder = db.session.scalar(select(Badge.participant_id).where(Badge.id == _int(value)))
        return registration.approved_for_badges(participant_ids=[holder]) if holder else []
    raise DomainError(BadgeError.BAD_SELECTION, fields={"selection": BadgeError.BAD_SELECTION.message})


def _printable(participant_ids: list[int], *, unprinted_only: bool, lock: bool = False) -> list[Badge]:
    """The active badges of ``participant_ids``, in the participants' order."""
    query = select(Badge).where(Badge.status == BadgeStatus.ACTIVE, Badge.participant_id.in_(participant_ids))
    if unprinted_only:
        query = query.where(Badge.printed_at.is_(None))
    if lock:
        query = query.order_by(Badge.id).with_for_update()
    by_participant = {b.participant_id: b for b in db.session.scalars(query)}
    return [by_participant[pid] for pid in participant_ids if pid in by_participant]


def candidates(
    selection: str, value: str = "", *, include_printed: bool = False, limit: int | None = None
) -> list[HeldBadge]:
    """The active badges a batch would print, by delegation then name, with their holders (read only)."""
    chosen = _selected_participants(selection, value)
    badges = _printable(chosen, unprinted_only=not include_printed and selection != "badge")
    return with_holders(badges[:limit], in_badge_order=False)


def create_batch(
    selection: str, value: str = "", layout: str = "cr80", *, include_printed: bool = False, actor_id: int | None = None
) -> PrintBatch:
    """Record a print batch and mark its badges printed (flushes; the caller commits).

    Approved participants of the selection who have no badge yet get one first. The badges are
    locked while recorded, so two officers printing at once never put a badge in both batches
    unless they asked for printed badges too. Fails with ``bad_layout``, ``bad_selection``,
    ``bad_value`` or ``nothing_to_print``.
    """
    if layout not in set(BadgeLayout):
        raise DomainError(BadgeError.BAD_LAYOUT, fields={"layout": BadgeError.BAD_LAYOUT.message})
    chosen = _selected_participants(selection, value)
    if selection != "badge":
        have = set(db.session.scalars(select(Badge.participant_id).where(Badge.participant_id.in_(chosen))))
        for participant_id in chosen:
            if participant_id not in have:
                issue_badge(participant_id, actor_id=actor_id)
    badges = _printable(chosen, unprinted_only=not include_printed and selection != "badge", lock=True)
    if not badges:
        raise DomainError(BadgeError.NOTHING_TO_PRINT, fields={"selection": BadgeError.NOTHING_TO_PRINT.message})
    batch = PrintBatch(
        created_by_id=actor_id,
        selection=selection,
        selection_value=value or "",
        layout=layout,
        status=BatchStatus.QUEUED.value,
        total=len(badges),
    )
    db.session.add(batch)
    db.session.flush()
    db.session.execute(
        PrintBatchItem.__table__.insert(),
        [{"batch_id": batch.id, "badge_id": b.id, "serial": b.serial, "position": i} for i, b in enumerate(badges)],
    )
    ids = [b.id for b in badges]
    db.session.execute(
        update(Badge).where(Badge.id.in_(ids)).values(printed_at=utcnow(), collected_at=None, collected_by_id=None)
    )
    audit.record(
        "badge.batch_printed",
        "badge_print_batch",
        batch.id,
        after={"selection": selection, "value": value, "layout": layout, "badges": len(ids), "badge_ids": ids[:500]},
    )
    db.session.flush()
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


def _band_colour(holder: registration.BadgeHolder) -> str:
    return BAND_COLOURS.get(holder.delegation_type, NO_DELEGATION) if holder.delegation_type else NO_DELEGATION


def badge_views(printed: Iterable[tuple[int, int, int]]) -> list[pdf.BadgeView]:
    """What each (badge id, serial, holder's participant id) shows, in the given order (holders read in
    one query)."""
    printed = list(printed)
    holders = {h.participant_id: h for h in registration.badge_holders({pid for _, _, pid in printed})}
    short, long_name, dates = event_strings()
    views = []
    for badge_id, serial, participant_id in printed:
        holder = holders.get(participant_id)
        if holder is None:
            continue
        views.append(
            pdf.BadgeView(
                badge_id=badge_id,
                serial=serial,
                number=f"HN{badge_id:06d}",
                code=tokens.sign(badge_id, serial),
                name=holder.name,
                title=holder.title,
                affiliation=holder.delegation,
                band_label=holder.band_label,
                band_colour=_band_colour(holder),
                category_name=holder.category_name,
                category_letter=holder.category_letter,
                category_colour=holder.category_colour,
                zones=holder.zones,
                photo=photos.print_photo(holder.photo_path),
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
        raise DomainError(BadgeError.BATCH_NOT_FOUND)
    return batch


def _set_batch(batch_id: int, **values: object) -> None:
    batch = get_batch(batch_id)
    for name, value in values.items():
        setattr(batch, name, value)
    db.session.flush()


def mark_failed(batch_id: int, exc: BaseException) -> None:
    """Record why drawing a batch failed, for the batch page (flushes)."""
    _set_batch(batch_id, status=BatchStatus.FAILED.value, error=str(exc))


def render_batch(batch_id: int, progress: Callable[[int], None] | None = None) -> Path:
    """Draw a recorded batch into its PDF under STORAGE_DIR (flushes its state; the caller commits).

    ``progress`` hears the number of badges drawn so far. A failure is recorded on the batch, then raised.
    """
    batch = get_batch(batch_id)
    batch.status = BatchStatus.RUNNING.value
    batch.rendered = 0
    db.session.flush()
    printed = db.session.execute(
        select(PrintBatchItem.badge_id, PrintBatchItem.serial, Badge.participant_id)
        .join(Badge, Badge.id == PrintBatchItem.badge_id)
        .where(PrintBatchItem.batch_id == batch_id)
        .order_by(PrintBatchItem.position)
    ).all()
    layout = batch.layout
    target = batch_file(batch)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    try:
        views = badge_views(printed)
        with partial.open("wb") as out:
            count = pdf.render(views, layout, out, title=f"Badges, batch {batch_id}", progress=progress, every=250)
        partial.replace(target)
    except Exception as exc:
        mark_failed(batch_id, exc)
        raise
    _set_batch(
        batch_id,
        status=BatchStatus.DONE.value,
        rendered=count,
        pdf_path=f"{FOLDER}/{target.name}",
        finished_at=utcnow(),
    )
    return target


def render_in_background(app: Flask, batch_id: int) -> threading.Thread:
    """Render a committed batch off the request thread. The job is its own unit of work: it commits
    each progress step (the page polls ``rendered``/``total``) and its outcome, done or failed."""

    def progress(count: int) -> None:
        _set_batch(batch_id, rendered=count)
        db.session.commit()

    def work() -> None:
        with app.app_context():
            try:
                render_batch(batch_id, progress)
                db.session.commit()
            except Exception as exc:
                app.logger.exception("badge batch %s failed", batch_id)
                db.session.rollback()
                mark_failed(batch_id, exc)
                db.session.commit()
            finally:
                db.session.remove()

    thread = threading.Thread(target=work, name=f"badge-batch-{batch_id}", daemon=True)
    thread.start()
    return thread


def start_render(batch: PrintBatch) -> None:
    """Draw a small batch now; a large one in the background once this transaction has committed it."""
    if batch.total <= BACKGROUND_OVER:
        render_batch(batch.id)
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    batch_id = batch.id
    _when_committed(lambda: render_in_background(app, batch_id))


def _when_committed(run: Callable[[], object]) -> None:
    """Run ``run`` once this session's transaction commits; never if it rolls back first (a thread
    on another connection would not find what was never committed)."""
    session = db.session()
    pending = [run]

    def committed(_session: Session) -> None:
        if pending:
            pending.pop()()

    def rolled_back(_session: Session, previous: SessionTransaction) -> None:
        if not previous.nested:
            pending.clear()

    event.listen(session, "after_commit", committed, once=True)
    event.listen(session, "after_soft_rollback", rolled_back)


def batch_pdf(batch_id: int) -> Path:
    """The batch's PDF, re-rendered from the recorded badges and serials if the file is gone."""
    batch = get_batch(batch_id)
    if batch.status in (BatchStatus.QUEUED, BatchStatus.RUNNING):
        raise DomainError(BadgeError.NOT_READY)
    path = batch_file(batch)
    if not path.exists():
        path = render_batch(batch_id)
    return path


def render_one(badge_id: int, layout: str = "cr80") -> bytes:
    """One badge's PDF with its current serial, for a preview or the desk (records nothing)."""
    badge = db.session.get(Badge, badge_id)
    if badge is None:
        raise DomainError(BadgeError.BADGE_NOT_FOUND)
    if layout not in set(BadgeLayout):
        raise DomainError(BadgeError.BAD_LAYOUT)
    out = io.BytesIO()
    views = badge_views([(badge.id, badge.serial, badge.participant_id)])
    pdf.render(views, layout, out, title=f"Badge {badge.number}")
    return out.getvalue()


def recent_batches(limit: int = 50) -> list[tuple[PrintBatch, str]]:
    """The latest batches, newest first, each with the e-mail of who recorded it ("" if unknown)."""
    batches = list(db.session.scalars(select(PrintBatch).order_by(PrintBatch.id.desc()).limit(limit)))
    emails = accounts.emails_of(b.created_by_id for b in batches)
    return [(b, emails.get(b.created_by_id or 0, "")) for b in batches]


def batch_rows(batch_id: int) -> list[tuple[PrintBatchItem, registration.BadgeHolder | None]]:
    """The recorded contents of a batch, in print order, with who each badge is for."""
    rows = db.session.execute(
        select(PrintBatchItem, Badge.participant_id)
        .join(Badge, Badge.id == PrintBatchItem.badge_id)
        .where(PrintBatchItem.batch_id == batch_id)
        .order_by(PrintBatchItem.position)
    ).all()
    holders = {h.participant_id: h for h in registration.badge_holders({pid for _, pid in rows})}
    return [(item, holders.get(pid)) for item, pid in rows]
