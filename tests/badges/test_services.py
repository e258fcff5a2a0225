import pytest
from sqlalchemy import select

from conference.badges import printing, services
from conference.badges.models import Badge, BadgeSerial, PrintBatchItem
from conference.core.errors import DomainError
from conference.core.models import AuditEntry
from conference.core.signals import accreditation_changed, badge_details_changed
from conference.extensions import db
from tests import factories


def _approve(participant_id: int, old: str = "submitted") -> None:
    accreditation_changed.send(None, participant_id=participant_id, old_status=old, new_status="approved")
    db.session.commit()


def test_approval_issues_an_active_badge_with_serial_1(app):
    p = factories.ParticipantFactory(status="approved")
    _approve(p.id)
    badge = services.badge_for_participant(p.id)
    assert badge.status == "active" and badge.serial == 1
    assert services.badge_state(badge.id).revoked_serials == ()
    assert [s.serial for s in services.serial_history(badge.id)] == [1]


def test_approving_twice_keeps_one_badge(app):
    p = factories.ParticipantFactory(status="approved")
    _approve(p.id)
    _approve(p.id, old="approved")
    assert db.session.scalar(select(db.func.count()).select_from(Badge).where(Badge.participant_id == p.id)) == 1


def test_a_cancelled_accreditation_revokes_the_badge_and_reapproval_issues_a_new_serial(app):
    badge = factories.BadgeFactory()
    accreditation_changed.send(None, participant_id=badge.participant_id, old_status="approved", new_status="cancelled")
    db.session.commit()
    state = services.badge_state(badge.id)
    assert state.status == "revoked" and state.revoked_serials == (1,)
    _approve(badge.participant_id, old="cancelled")
    state = services.badge_state(badge.id)
    assert (state.status, state.current_serial, state.revoked_serials) == ("active", 2, (1,))


def test_reprint_issues_a_new_serial_and_revokes_the_old_one(app):
    badge = factories.BadgeFactory()
    services.reprint(badge.id, "lost", "left in a taxi")
    state = services.badge_state(badge.id)
    assert (state.current_serial, state.revoked_serials) == (2, (1,))
    first, second = services.serial_history(badge.id)
    assert first.revoked_at is not None and "lost" in first.revoke_reason
    assert second.reason == "lost" and second.note == "left in a taxi" and second.revoked_at is None
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "badge.reprint", AuditEntry.entity_id == str(badge.id))
    )
    assert entry.reason == "lost" and entry.before["serial"] == 1 and entry.after["serial"] == 2


@pytest.mark.parametrize(("reason", "note", "code"), [("whim", "", "bad_reason"), ("other", " ", "note_required")])
def test_reprint_needs_a_known_reason(app, reason, note, code):
    badge = factories.BadgeFactory()
    with pytest.raises(DomainError) as exc:
        services.reprint(badge.id, reason, note)
    assert exc.value.code == code


def test_revoke_needs_a_reason_is_audited_and_blocks_reprint(app):
    badge = factories.BadgeFactory()
    with pytest.raises(DomainError) as exc:
        services.revoke(badge.id, "  ")
    assert exc.value.code == "reason_required"
    services.revoke(badge.id, "badge reported stolen")
    assert services.badge_state(badge.id).revoked_serials == (1,)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "badge.revoke", AuditEntry.entity_id == str(badge.id))
    )
    assert entry.reason == "badge reported stolen"
    for call, code in (
        (lambda: services.revoke(badge.id, "again"), "badge_revoked"),
        (lambda: services.reprint(badge.id, "lost"), "badge_revoked"),
    ):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.code == code


def test_changed_details_flag_a_printed_badge_for_reprint(app):
    badge = factories.BadgeFactory()
    badge_details_changed.send(None, participant_id=badge.participant_id, fields=["name"])
    assert badge.needs_reprint is False  # not printed yet: it will print the new name anyway
    printing.create_batch("badge", str(badge.id))
    badge_details_changed.send(None, participant_id=badge.participant_id, fields=["photo"])
    db.session.commit()
    assert badge.needs_reprint is True
    assert badge.id in [b.id for b, _holder in services.needs_reprint()]
    services.reprint(badge.id, "photo_changed")
    assert badge.needs_reprint is False and badge.printed_at is None


def test_collection_after_id_check(app):
    badge = factories.BadgeFactory()
    officer = factories.UserFactory(role="accreditation_officer")
    with pytest.raises(DomainError) as exc:
        services.record_collection(badge.id, id_checked=True, actor_id=officer.id)
    assert exc.value.code == "not_printed"
    printing.create_batch("badge", str(badge.id))
    assert badge.id in [b.id for b, _holder in services.not_collected()]
    with pytest.raises(DomainError) as exc:
        services.record_collection(badge.id, id_checked=False, actor_id=officer.id)
    assert exc.value.code == "id_not_checked"
    services.record_collection(badge.id, id_checked=True, actor_id=officer.id)
    assert badge.collected_by_id == officer.id and badge.collected_at is not None
    assert badge.id not in [b.id for b, _holder in services.not_collected()]
    with pytest.raises(DomainError) as exc:
        services.record_collection(badge.id, id_checked=True, actor_id=officer.id)
    assert exc.value.code == "already_collected"


def test_a_batch_records_badges_and_serials_sorted_by_delegation_then_name(app):
    officer = factories.UserFactory(role="accreditation_officer")
    zed = factories.DelegationFactory(country_iso3="ZWE", name="Zimbabwe")
    alb = factories.DelegationFactory(country_iso3="ALB", name="Albania")
    b1 = factories.BadgeFactory(participant__delegation=zed, participant__family_name="Alpha")
    b2 = factories.BadgeFactory(participant__delegation=alb, participant__family_name="Young")
    b3 = factories.BadgeFactory(participant__delegation=alb, participant__family_name="Baker")
    services.reprint(b3.id, "damaged")
    waiting = factories.ParticipantFactory(
        delegation=alb, status="approved", family_name="Newcomer"
    )  # approved, no badge yet
    batch = printing.create_batch("delegation", str(alb.id), "cr80-a4", actor_id=officer.id)
    items = db.session.scalars(select(PrintBatchItem).where(PrintBatchItem.batch_id == batch.id).order_by("position"))
    got = [(i.badge_id, i.serial) for i in items]
    newcomer = services.badge_for_participant(waiting.id)
    assert got == [(b3.id, 2), (newcomer.id, 1), (b2.id, 1)]
    assert batch.created_by_id == officer.id and batch.total == 3
    assert all(b.printed_at is not None for b in (b2, b3, newcomer)) and b1.printed_at is None
    with pytest.raises(DomainError) as exc:
        printing.create_batch("delegation", str(alb.id))
    assert exc.value.code == "nothing_to_print"
    again = printing.create_batch("delegation", str(alb.id), include_printed=True)
    assert again.total == 3


@pytest.mark.parametrize(
    ("selection", "value", "code"),
    [("everything", "", "bad_selection"), ("arrival", "tomorrow", "bad_value"), ("delegation", "x", "bad_value")],
)
def test_bad_batch_choices_are_refused(app, selection, value, code):
    with pytest.raises(DomainError) as exc:
        printing.create_batch(selection, value)
    assert exc.value.code == code


def test_batches_by_category_and_arrival(app):
    import datetime as dt

    day = dt.date(2025, 10, 24)
    media = factories.BadgeFactory(participant__category_code="media", participant__arrival_date=day)
    factories.BadgeFactory(participant__category_code="delegate")
    batch = printing.create_batch("category", "media")
    assert [i.badge_id for i in batch.items] == [media.id]
    other = factories.BadgeFactory(participant__category_code="delegate", participant__arrival_date=day)
    batch = printing.create_batch("arrival", day.isoformat())
    assert [i.badge_id for i in batch.items] == [other.id]


def test_a_batch_pdf_is_stored_and_regenerated_identically(app):
    badge = factories.BadgeFactory(participant__with_photo=True, participant__photo_seed=3)
    batch = printing.create_batch("badge", str(badge.id), "a6")
    path = printing.render_batch(batch.id)
    first = path.read_bytes()
    assert first.startswith(b"%PDF") and batch.status == "done"
    path.unlink()
    assert printing.batch_pdf(batch.id).read_bytes() == first


def test_serial_rows_are_unique_per_badge(app):
    badge = factories.BadgeFactory()
    db.session.add(BadgeSerial(badge_id=badge.id, serial=1, reason="issued"))
    with pytest.raises(Exception, match="uq_badge_serials_badge_id_serial"):
        db.session.flush()
    db.session.rollback()


def test_dashboard_figures_and_exports(app):
    from conference.badges import exports, stats

    badge = factories.BadgeFactory(printed=True, participant__family_name="Figures")
    figures = {f.label: f.value for f in stats.figures()}
    assert figures["Badges printed"] >= 1 and "Badges needing a reprint" in figures
    table = exports.EXPORTS["badges"].build(False)
    rows = [r for r in table.rows if r[0] == badge.number]
    assert len(rows) == 1 and rows[0][6] != "" and len(rows[0]) == len(table.headers)
    batches = list(exports.EXPORTS["badge_batches"].build(False).rows)
    assert batches and batches[-1][3] == "badge"


def test_panel_search_finds_badges_by_number_and_name(app):
    from conference.badges import search

    badge = factories.BadgeFactory(participant__family_name="Searchable")
    with app.test_request_context():
        by_number = search.search(badge.number, 5)
        by_name = search.search("searchab", 50)
    assert [h.url for h in by_number] == [f"/badges/{badge.id}"]
    assert f"/badges/{badge.id}" in [h.url for h in by_name]
