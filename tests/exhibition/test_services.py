"""Applications, decisions and booth allocation rules."""

from __future__ import annotations

import io
import threading

import pytest
from PIL import Image
from sqlalchemy import select

from conference.accounts.models import User
from conference.core.errors import DomainError
from conference.core.models import AuditEntry, OutboxMail
from conference.exhibition import services
from conference.exhibition.models import BoothAllocation, Exhibitor
from conference.extensions import db
from conference.registration.models import Participant
from tests import factories


def _application(**overrides) -> services.Application:
    data = {
        "organisation_name": "Cyber Shield Labs",
        "kind": "tech_company",
        "theme": "cybersecurity",
        "requested_size_sqm": 9,
        "description_en": "Threat intelligence for law enforcement.",
        "description_fr": "Renseignement sur les menaces.",
        "website": "https://cybershield.example",
        "preferred_booths": ["B07", "B08"],
        "staff": [services.StaffMember("Lan", "Nguyen", "lan@cybershield.example", "Engineer")],
    }
    data.update(overrides)
    return services.Application(**data)


def _png(size=(200, 100), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else (10, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def _mails(to: str) -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == to).order_by(OutboxMail.id)))


def _actions(entity_type: str, entity_id) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
            .order_by(AuditEntry.id)
        )
    )


def test_a_newcomer_signs_up_and_applies_with_staff_and_logo(app):
    with app.test_request_context():  # the verification mail carries a link
        exhibitor = services.sign_up_and_apply(
            "Applicant@CyberShield.example", "a long password", "Minh Tran", _application(logo=_png())
        )
    assert exhibitor.status == "applied"
    assert exhibitor.preferred_booths == ["B07", "B08"]
    assert exhibitor.logo_path.startswith("exhibitors/logos/")
    logo = Image.open(services.uploads.stored_path(exhibitor.logo_path))
    assert logo.format == "JPEG" and logo.getpixel((5, 5)) == (255, 255, 255)  # transparency became white
    [member] = exhibitor.staff
    participant = db.session.get(Participant, member.participant_id)
    assert (participant.category_code, participant.status) == ("exhibitor", "submitted")
    subjects = [m.subject for m in _mails("applicant@cybershield.example")]
    assert any("Confirm your email" in s for s in subjects)
    assert any("exhibitor application" in s for s in subjects)
    assert _actions("exhibitor", exhibitor.id) == ["exhibitor.apply", "exhibitor.staff_add"]


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"theme": "gardening"}, "unknown_theme"),
        ({"kind": "club"}, "unknown_kind"),
        ({"requested_size_sqm": 12}, "unknown_size"),
        ({"preferred_booths": ["B99"]}, "unknown_booth"),
        ({"website": "javascript:alert(1)"}, "bad_website"),
        ({"logo": b"GIF89a not really"}, "not_an_image"),
        ({"logo": _png((20, 20), "RGB")}, "image_too_small"),
        ({"staff": [services.StaffMember("A", "B", "not-an-email")]}, "staff_bad_email"),
        ({"staff": [services.StaffMember("A", "B", "ana@cybershield..example")]}, "staff_bad_email"),
    ],
)
def test_invalid_applications_are_refused_with_a_reason(app, overrides, code):
    user = factories.UserFactory(role="exhibitor")
    with pytest.raises(DomainError) as info:
        services.submit_application(user.id, _application(**overrides))
    assert info.value.code == code
    assert db.session.scalar(select(Exhibitor).where(Exhibitor.user_id == user.id)) is None


def test_one_application_per_account(app):
    user = factories.UserFactory(role="exhibitor")
    services.submit_application(user.id, _application())
    with pytest.raises(DomainError) as info:
        services.submit_application(user.id, _application(organisation_name="Again"))
    assert info.value.code == "application_exists"


def test_approval_accredits_the_listed_staff_and_gives_them_a_login(app):
    user = factories.UserFactory(role="exhibitor")
    exhibitor = services.submit_application(user.id, _application())
    admin = factories.UserFactory(role="admin")
    services.approve_exhibitor(exhibitor.id, admin.id, "Welcome!")
    [member] = exhibitor.staff
    participant = db.session.get(Participant, member.participant_id)
    assert participant.status == "approved" and participant.decided_by_id == admin.id
    assert member.user_id is not None and participant.user_id == member.user_id
    assert any("approved" in m.subject for m in _mails(user.email))
    assert any("staff account" in m.subject for m in _mails("lan@cybershield.example"))
    assert "exhibitor.approve" in _actions("exhibitor", exhibitor.id)
    assert services.organisation_of_staff(participant.id) == "Cyber Shield Labs"


def test_staff_are_accredited_through_the_registration_workflow(app):
    """Approving the exhibitor approves its staff as an officer would: the transition is audited as
    any approval and the staff member is mailed; refusing it later cancels their accreditation."""
    user = factories.UserFactory(role="exhibitor")
    exhibitor = services.submit_application(user.id, _application())
    admin = factories.UserFactory(role="admin")
    services.approve_exhibitor(exhibitor.id, admin.id)
    participant_id = exhibitor.staff[0].participant_id
    assert "participant.approve" in _actions("participant", participant_id)
    assert any(m.subject.startswith("Accreditation approved") for m in _mails("lan@cybershield.example"))
    services.reject_exhibitor(exhibitor.id, admin.id, "Withdrawn by the organisation")
    assert db.session.get(Participant, participant_id).status == "cancelled"
    assert "participant.cancel" in _actions("participant", participant_id)
    assert any(m.subject.startswith("Accreditation cancelled") for m in _mails("lan@cybershield.example"))


def test_staff_added_after_approval_wait_for_accreditation(app):
    exhibitor = factories.ExhibitorFactory(status="approved")
    member = services.add_staff(exhibitor.id, services.StaffMember("Hoa", "Le", "hoa@test.example"))
    assert db.session.get(Participant, member.participant_id).status == "submitted"
    assert member.user_id is not None  # can scan at the booth right away
    with pytest.raises(DomainError) as info:
        services.add_staff(exhibitor.id, services.StaffMember("Hoa", "Le", "HOA@test.example"))
    assert info.value.code == "staff_exists"


def test_rejection_needs_a_reason_frees_the_booth_and_refuses_staff(app):
    user = factories.UserFactory(role="exhibitor")
    exhibitor = services.submit_application(user.id, _application())
    admin = factories.UserFactory(role="admin")
    services.approve_exhibitor(exhibitor.id, admin.id)
    services.allocate_booth(exhibitor.id, "B07", None)
    with pytest.raises(DomainError) as info:
        services.reject_exhibitor(exhibitor.id, admin.id, "  ")
    assert info.value.code == "reason_required"
    services.reject_exhibitor(exhibitor.id, admin.id, "Duplicate application")
    assert db.session.scalar(select(BoothAllocation).where(BoothAllocation.exhibitor_id == exhibitor.id)) is None
    assert db.session.get(Participant, exhibitor.staff[0].participant_id).status == "cancelled"
    refused = services.submit_application(
        factories.UserFactory(role="exhibitor").id, _application(organisation_name="B")
    )
    services.reject_exhibitor(refused.id, admin.id, "Not a cybersecurity exhibit")
    assert db.session.get(Participant, refused.staff[0].participant_id).status == "rejected"
    assert "Duplicate application" in _mails(user.email)[-1].body


def test_allocation_rules(app):
    small = factories.ExhibitorFactory(status="approved", requested_size_sqm=9, organisation_name="Small Co")
    big = factories.ExhibitorFactory(status="approved", requested_size_sqm=18, organisation_name="Big Org")
    pending = factories.ExhibitorFactory(status="applied")

    with pytest.raises(DomainError) as info:
        services.allocate_booth(pending.id, "B07", None)
    assert info.value.code == "not_approved"

    with pytest.raises(DomainError) as info:
        services.allocate_booth(big.id, "B07", None)
    assert info.value.code == "booth_too_small"
    assert "B07 has 9 m²" in info.value.message and "18 m²" in info.value.message

    services.allocate_booth(small.id, "B07", None)
    with pytest.raises(DomainError) as info:
        services.allocate_booth(big.id, "B03", None) and services.allocate_booth(small.id, "B03", None)
    assert info.value.code == "booth_taken"
    assert info.value.message == "Booth B03 is already allocated to Big Org."

    with pytest.raises(DomainError) as info:
        services.allocate_booth(small.id, "B07", None)
    assert info.value.code == "already_allocated"

    services.allocate_booth(small.id, "B08", None)  # a move frees B07
    assert services.occupants().keys() >= {services.booth_by_code("B08").id, services.booth_by_code("B03").id}
    assert services.booth_by_code("B07").id not in services.occupants()
    mails = _mails(db.session.get(User, small.user_id).email)
    assert "This replaces booth B07." in mails[-1].body
    assert _actions("booth", services.booth_by_code("B08").id) == ["booth.allocate"]

    services.release_booth(small.id)
    assert services.booth_by_code("B08").id not in services.occupants()


def test_two_organisers_allocating_the_same_booth_at_once(fresh_app):
    """Two connections race for B07: the unique booth constraint lets exactly one win."""
    with fresh_app.app_context():
        ids = [factories.ExhibitorFactory(status="approved").id for _ in range(2)]
        db.session.commit()
        db.session.remove()

    barrier = threading.Barrier(2)
    results: dict[int, str] = {}

    def allocate(exhibitor_id: int) -> None:
        app = fresh_app
        with app.app_context():
            try:
                barrier.wait()
                services.allocate_booth(exhibitor_id, "B07", None)
                results[exhibitor_id] = "ok"
            except DomainError as exc:
                results[exhibitor_id] = exc.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=allocate, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["booth_taken", "ok"]
    with fresh_app.app_context():
        holders = db.session.scalars(
            select(BoothAllocation.exhibitor_id).where(BoothAllocation.booth_id == services.booth_by_code("B07").id)
        ).all()
        assert len(holders) == 1 and results[holders[0]] == "ok"
        db.session.remove()


def test_the_database_refuses_a_second_allocation_of_a_booth(app):
    a, b = factories.ExhibitorFactory(status="approved", booth="B05"), factories.ExhibitorFactory(status="approved")
    db.session.add(BoothAllocation(booth_id=services.booth_by_code("B05").id, exhibitor_id=b.id))
    with pytest.raises(Exception, match="uq_booth_allocations_booth_id"):
        db.session.flush()
    db.session.rollback()
    assert a.id


def test_public_directory_search_and_filter(app):
    factories.ExhibitorFactory(status="approved", organisation_name="Viet Nam Ministry", theme="fighting-cybercrime")
    factories.ExhibitorFactory(status="approved", organisation_name="100% Secure_Ltd", theme="cybersecurity")
    factories.ExhibitorFactory(status="applied", organisation_name="Viet Pending")
    names = lambda rows: [e.organisation_name for e in rows]  # noqa: E731
    assert "Viet Pending" not in names(services.public_exhibitors("viet"))
    assert "Viet Nam Ministry" in names(services.public_exhibitors("viet"))
    assert names(services.public_exhibitors("100%")) == ["100% Secure_Ltd"]
    assert "Viet Nam Ministry" not in names(services.public_exhibitors(theme="cybersecurity"))
