"""Service tests: every workflow transition and error path of registration and accreditation."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from PIL import Image
from sqlalchemy import func, select

from conference.core.errors import DomainError
from conference.core.models import AuditEntry, OutboxMail
from conference.core.signals import accreditation_changed, badge_details_changed
from conference.core.uploads import UploadError, stored_path
from conference.extensions import db
from conference.registration import importer, links, photos, privacy, records, services, workflow
from conference.registration.models import Country, Delegation, Participant
from tests import factories

UNICODE_NAMES = [
    ("Thị Minh Khai", "Nguyễn"),
    ("محمد عبد الله", "العتيبي"),
    ("小明", "王"),
    ("Александр Сергеевич", "Пушкин"),
]


@pytest.fixture
def focal(app):
    return factories.UserFactory(role="focal_point")


@pytest.fixture
def officer(app):
    return factories.UserFactory(role="accreditation_officer")


@pytest.fixture
def delegation(focal):
    d = factories.DelegationFactory(country_iso3="FRA", focal_point=focal)
    factories.DocumentFactory(delegation=d, kind="note_verbale")
    return d


def mails_to(address: str) -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == address)))


def actions(entity_id) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == str(entity_id)).order_by(AuditEntry.id)
        )
    )


class Recorder:
    def __init__(self, signal):
        self.calls = []
        self.signal = signal
        signal.connect(self.receive)

    def receive(self, sender, **kwargs):
        self.calls.append(kwargs)

    def close(self):
        self.signal.disconnect(self.receive)


# --- sign-up and delegation -------------------------------------------------------------------------


def test_focal_point_sign_up_queues_the_verification_mail(in_request):
    user = services.sign_up_focal_point("Focal@Mission.example", "Trần Văn An", "a long password 1")
    assert user.role == "focal_point" and user.email == "focal@mission.example" and user.email_verified_at is None
    assert "Confirm your email" in mails_to("focal@mission.example")[0].subject
    with pytest.raises(DomainError) as refused:
        services.sign_up_focal_point("focal@mission.example", "Other", "a long password 2")
    assert refused.value.code == "email_taken"


def free_country() -> Country:
    taken = select(Delegation.country_iso3).where(Delegation.country_iso3.is_not(None))
    return db.session.scalars(select(Country).where(Country.iso3.notin_(taken)).order_by(Country.iso3)).first()


def test_delegation_from_the_seeded_lists_and_one_per_state(focal):
    country = free_country()
    d = services.create_delegation(
        focal.id, {"type": "member_state", "country_iso3": country.iso3.lower(), "address": "Hà Nội"}
    )
    assert d.name == country.name and d.country_iso3 == country.iso3
    assert d.focal_point_id == focal.id
    other = factories.UserFactory(role="focal_point")
    with pytest.raises(DomainError) as exc:
        services.create_delegation(other.id, {"type": "member_state", "country_iso3": country.iso3, "address": "x"})
    assert exc.value.code == "delegation_exists"
    with pytest.raises(DomainError) as bad:
        services.create_delegation(focal.id, {"type": "igo", "organisation_code": "NOPE", "address": ""})
    assert bad.value.code == "invalid_input" and set(bad.value.fields) == {"organisation_code", "address"}
    ngo = services.create_delegation(focal.id, {"type": "ngo", "name": "Cyber Peace Institute", "address": "Geneva"})
    assert ngo.name == "Cyber Peace Institute"


def test_editing_a_delegation_keeps_its_type_and_state(focal, delegation):
    services.update_delegation(
        focal.id, delegation.id, {"address": "Paris", "type": "ngo", "country_iso3": "DEU", "name": "Other"}
    )
    assert (delegation.address, delegation.type, delegation.country_iso3, delegation.name) == (
        "Paris",
        "member_state",
        "FRA",
        "France",
    )
    with pytest.raises(DomainError) as refused:
        services.update_delegation(focal.id, delegation.id, {"address": " "})
    assert refused.value.code == "invalid_input"


def test_participant_role_cannot_register_a_delegation(app):
    user = factories.UserFactory(role="participant")
    with pytest.raises(DomainError) as refused:
        services.create_delegation(user.id, {"type": "member_state", "country_iso3": "DEU", "address": "x"})
    assert refused.value.code == "not_focal_point"


def test_individual_self_registration_creates_a_one_person_delegation(in_request):
    user, d = services.sign_up_individual(
        "reporter@news.example",
        "Ana Reporter",
        "a long password 1",
        delegation_type="media",
        organisation_name="Hanoi Daily",
    )
    assert user.role == "participant" and d.focal_point_id == user.id and d.self_registered
    assert services.missing_documents(d) == ["letter_of_assignment", "press_card"]
    with pytest.raises(DomainError):
        services.sign_up_individual(
            "x@y.example", "X", "a long password 1", delegation_type="member_state", organisation_name="x"
        )


# --- documents and photos ----------------------------------------------------------------------------


def test_pdf_upload_is_checked(focal, delegation):
    doc = services.upload_document(focal.id, delegation.id, "note_verbale", "NV 12/2025.pdf", factories.pdf_bytes())
    assert stored_path(doc.path).read_bytes().startswith(b"%PDF-")
    assert "static" not in doc.path
    with pytest.raises(UploadError) as exc:
        services.upload_document(focal.id, delegation.id, "note_verbale", "x.pdf", b"<html>not a pdf</html>")
    assert exc.value.code == "not_a_pdf"
    with pytest.raises(UploadError):
        big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF"
        services.upload_document(focal.id, delegation.id, "note_verbale", "x.pdf", big)


def test_photo_is_cropped_to_3_4_without_exif_with_a_thumbnail(focal, delegation):
    p = factories.ParticipantFactory(delegation=delegation)
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 800), (230, 230, 230)).save(buffer, "JPEG", exif=exif)
    photos.set_photo(focal.id, p.id, buffer.getvalue())
    with Image.open(stored_path(p.photo_path)) as photo, Image.open(stored_path(p.photo_thumb_path)) as thumb:
        assert photo.width * 4 == photo.height * 3
        assert thumb.size == (150, 200)
        assert not photo.getexif()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"GIF89a not really", "not_an_image"),
        (factories.photo_bytes(200, 300), "image_too_small"),
        (factories.photo_bytes(600, 800, fmt="GIF"), "bad_image_type"),
    ],
)
def test_bad_photos_are_refused(focal, delegation, data, code):
    p = factories.ParticipantFactory(delegation=delegation)
    with pytest.raises(UploadError) as exc:
        photos.set_photo(focal.id, p.id, data)
    assert exc.value.code == code
    assert db.session.get(Participant, p.id).photo_path is None


def test_oversized_and_bomb_photos_are_refused(focal, delegation):
    p = factories.ParticipantFactory(delegation=delegation)
    with pytest.raises(UploadError) as exc:
        photos.set_photo(focal.id, p.id, b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1))
    assert exc.value.code == "file_too_large"
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, "PNG")  # 100 Mpx, tiny file
    with pytest.raises(UploadError) as exc:
        photos.set_photo(focal.id, p.id, buffer.getvalue())
    assert exc.value.code == "image_too_many_pixels"


# --- records ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "family"), UNICODE_NAMES)
def test_unicode_names_round_trip(delegation, focal, given, family):
    p = services.add_member(
        focal.id, delegation.id, {"given_names": given, "family_name": family, "category_code": "delegate"}
    )
    db.session.expire_all()
    again = db.session.get(Participant, p.id)
    assert (again.given_names, again.family_name) == (given, family)


def test_bad_fields_are_named(delegation, focal):
    with pytest.raises(DomainError) as exc:
        services.add_member(
            focal.id,
            delegation.id,
            {
                "given_names": "",
                "family_name": "X",
                "category_code": "king",
                "email": "nope",
                "date_of_birth": "31/12/1980",
                "nationality_iso3": "XXX",
            },
        )
    assert set(exc.value.fields) == {"given_names", "category_code", "email", "date_of_birth", "nationality_iso3"}


def test_duplicate_email_or_passport_is_refused_and_names_the_clash(delegation, focal):
    first = factories.ParticipantFactory(
        delegation=delegation, complete=True, email="dup@example.org", passport_number="X1234567"
    )
    other = factories.DelegationFactory(country_iso3="DEU", with_focal_point=True)
    with pytest.raises(DomainError) as exc:
        services.create_participant(
            other.id, {"given_names": "A", "family_name": "B", "category_code": "delegate", "email": "DUP@example.org"}
        )
    assert exc.value.params["clash_participant_id"] == first.id
    assert f"#{first.id}" in exc.value.message
    with pytest.raises(DomainError) as refused:
        services.create_participant(
            other.id,
            {"given_names": "A", "family_name": "B", "category_code": "delegate", "passport_number": "x 123-4567"},
        )
    assert refused.value.code == "duplicate_participant"


def test_duplicate_guard_is_in_postgresql(delegation):
    factories.ParticipantFactory(delegation=delegation, email="same@example.org")
    with pytest.raises(Exception, match="uq_participants_active_email"), db.session.begin_nested():
        db.session.add(
            Participant(
                delegation_id=delegation.id,
                given_names="A",
                family_name="B",
                category_code="delegate",
                email="same@example.org",
            )
        )
        db.session.flush()


def test_a_cancelled_record_frees_the_email(delegation, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, email="again@example.org", status="approved")
    workflow.cancel(officer.id, p.id, "Left the delegation")
    again = services.create_participant(
        delegation.id,
        {"given_names": "A", "family_name": "B", "category_code": "delegate", "email": "again@example.org"},
    )
    assert again.id != p.id


def test_create_participant_for_other_domains(app):
    rec = Recorder(accreditation_changed)
    try:
        p = services.create_participant(
            None,
            {
                "given_names": "Booth",
                "family_name": "Staff",
                "category_code": "exhibitor",
                "email": "staff@booth.example",
            },
            status="approved",
        )
    finally:
        rec.close()
    assert rec.calls == [{"participant_id": p.id, "old_status": None, "new_status": "approved"}]
    assert p.status == "approved" and p.delegation_id is None and p.submitted_at is not None
    assert "participant.create" in actions(p.id)


def test_focal_point_edits_only_while_pending(delegation, focal, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True)
    services.update_participant(focal.id, p.id, {"title": "Counsellor"})
    assert p.title == "Counsellor"
    workflow.submit(focal.id, p.id)
    with pytest.raises(DomainError) as exc:
        services.update_participant(focal.id, p.id, {"title": "Minister"})
    assert exc.value.code == "not_editable"
    workflow.request_changes(officer.id, p.id, "Please use a passport valid after March 2026.")
    services.update_participant(focal.id, p.id, {"title": "Minister"})
    assert p.title == "Minister"


def test_after_approval_only_officers_edit_and_badge_changes_are_signalled(delegation, focal, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted")
    workflow.approve(officer.id, p.id)
    with pytest.raises(DomainError) as refused:
        services.update_participant(focal.id, p.id, {"family_name": "Changed"})
    assert refused.value.code == "not_editable"
    rec = Recorder(badge_details_changed)
    try:
        services.update_participant(
            officer.id, p.id, {"family_name": "Lê", "category_code": "adviser", "phone": "+84 24 1111 2222"}
        )
        services.update_participant(officer.id, p.id, {"phone": "+84 24 3333 4444"})
        photos.set_photo(officer.id, p.id, factories.photo_bytes(300, 400, fmt="PNG"))
    finally:
        rec.close()
    assert rec.calls == [
        {"participant_id": p.id, "fields": ["category", "name"]},
        {"participant_id": p.id, "fields": ["photo"]},
    ]


def test_sensitive_fields_blank_on_a_form_are_kept(delegation, focal):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, passport_number="K7654321")
    services.update_participant(focal.id, p.id, {"passport_number": "", "title": "Adviser"})
    assert p.passport_number == "K7654321"
    assert records.record_dict(p, sensitive=False)["passport_number"] == "•••21"
    assert records.record_dict(p, sensitive=True)["passport_number"] == "K7654321"


def test_audit_masks_passport_data(delegation, focal):
    p = factories.ParticipantFactory(delegation=delegation, complete=True)
    services.update_participant(focal.id, p.id, {"passport_number": "N9999999", "date_of_birth": "1979-01-02"})
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "participant.update", AuditEntry.entity_id == str(p.id))
    ).one()
    assert entry.after == {"passport_number": "•••", "date_of_birth": "•••"}


# --- workflow --------------------------------------------------------------------------------------


def test_full_workflow_with_audit_mail_and_signals(delegation, focal, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, email="member@example.org")
    rec = Recorder(accreditation_changed)
    try:
        workflow.submit(focal.id, p.id)
        workflow.request_changes(officer.id, p.id, "The photo is blurred.")
        assert p.status_message == "The photo is blurred."
        workflow.submit(focal.id, p.id)
        workflow.approve(officer.id, p.id)
        workflow.cancel(officer.id, p.id, "Did not travel")
    finally:
        rec.close()
    assert [(c["old_status"], c["new_status"]) for c in rec.calls] == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "approved"),
        ("approved", "cancelled"),
    ]
    assert actions(p.id)[-5:] == [
        "participant.submit",
        "participant.request_changes",
        "participant.resubmit",
        "participant.approve",
        "participant.cancel",
    ]
    subjects = [m.subject for m in mails_to("member@example.org")]
    assert any(s.startswith("Accreditation approved") for s in subjects)
    assert any("The photo is blurred." in m.body for m in mails_to(focal.email))


def test_reject_needs_a_message(delegation, focal, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted")
    with pytest.raises(DomainError) as exc:
        workflow.reject(officer.id, p.id, "  ")
    assert exc.value.code == "message_required"
    workflow.reject(officer.id, p.id, "Not on the note verbale.")
    assert p.status == "rejected"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "approve"),
        ("approved", "submit"),
        ("approved", "approve"),
        ("rejected", "cancel"),
        ("submitted", "cancel"),
        ("cancelled", "approve"),
        ("draft", "request_changes"),
    ],
)
def test_wrong_state_is_refused(delegation, officer, status, action):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status=status)
    with pytest.raises(DomainError) as exc:
        workflow.transition(officer.id, p.id, action, "because")
    assert exc.value.code == "wrong_state"
    assert p.status == status


def test_wrong_role_is_refused(delegation, focal):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted")
    for action in ("approve", "reject", "request_changes"):
        with pytest.raises(DomainError) as refused:
            workflow.transition(focal.id, p.id, action, "x")
        assert refused.value.code == "officers_only"
    stranger = factories.UserFactory(role="focal_point")
    with pytest.raises(DomainError) as refused:
        workflow.transition(stranger.id, p.id, "submit")
    assert refused.value.code == "participant_not_found"
    assert p.status == "submitted"


def test_submit_needs_complete_record_documents_and_verified_email(app):
    focal = factories.UserFactory(role="focal_point")
    focal.email_verified_at = None
    d = factories.DelegationFactory(country_iso3="ITA", focal_point=focal)
    bare = factories.ParticipantFactory(delegation=d)
    with pytest.raises(DomainError) as exc:
        workflow.submit(focal.id, bare.id)
    assert exc.value.code == "incomplete" and "a photo" in exc.value.message
    full = factories.ParticipantFactory(delegation=d, complete=True)
    with pytest.raises(DomainError) as exc:
        workflow.submit(focal.id, full.id)
    assert exc.value.code == "documents_missing"
    factories.DocumentFactory(delegation=d)
    with pytest.raises(DomainError) as exc:
        workflow.submit(focal.id, full.id)
    assert exc.value.code == "email_not_verified"


def test_submit_delegation_submits_all_or_lists_what_is_missing(delegation, focal):
    a = factories.ParticipantFactory(delegation=delegation, complete=True)
    b = factories.ParticipantFactory(delegation=delegation, given_names="Incomplete")
    with pytest.raises(DomainError) as exc:
        workflow.submit_delegation(focal.id, delegation.id)
    assert "Incomplete" in exc.value.message
    assert a.status == "draft"
    db.session.delete(b)
    db.session.commit()
    result = workflow.submit_delegation(focal.id, delegation.id)
    assert result.done == [a.id] and a.status == "submitted" and delegation.status == "submitted"


def test_bulk_approve_skips_records_in_the_wrong_state(delegation, officer):
    ok = [factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted") for _ in range(3)]
    draft = factories.ParticipantFactory(delegation=delegation, complete=True)
    result = workflow.bulk(officer.id, [p.id for p in ok] + [draft.id], "approve")
    assert sorted(result.done) == sorted(p.id for p in ok)
    assert list(result.skipped) == [draft.id]
    assert all(p.status == "approved" for p in ok) and draft.status == "draft"


def test_bulk_is_for_officers(delegation, focal):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted")
    with pytest.raises(DomainError) as refused:
        workflow.bulk(focal.id, [p.id], "approve")
    assert refused.value.code == "officers_only"


# --- personal links ----------------------------------------------------------------------------------


def test_personal_link_opens_only_that_record_and_a_new_one_voids_the_old(delegation, focal, in_request):
    p = factories.ParticipantFactory(delegation=delegation, email="self@example.org")
    token = links.send_personal_link(focal.id, p.id)
    assert links.participant_for_link(token).id == p.id
    assert "Complete your registration" in mails_to("self@example.org")[0].subject
    newer = links.send_personal_link(focal.id, p.id)
    with pytest.raises(DomainError) as refused:
        links.participant_for_link(token)
    assert refused.value.code == "personal_link_invalid"
    services.update_participant(None, p.id, {"phone": "+33 1 23 45 67 89", "consent": True}, via_link=True)
    photos.set_photo(None, p.id, factories.photo_bytes(), via_link=True)
    assert p.consent_given_at is not None and p.photo_path
    assert links.participant_for_link(newer).id == p.id
    with pytest.raises(DomainError) as refused:
        links.participant_for_link(newer[:-2] + "xx")
    assert refused.value.code == "personal_link_invalid"


# --- import ----------------------------------------------------------------------------------------

HEADER = ["given_names", "family_name", "category", "nationality", "email", "passport_number", "date_of_birth"]


def xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def count(delegation) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Participant).where(Participant.delegation_id == delegation.id)
    )


def test_import_csv_with_unicode(delegation, focal):
    lines = [",".join(HEADER)] + [
        f"{g},{f},delegate,VNM,p{i}@example.org,V{i}000001,1975-03-0{i + 1}" for i, (g, f) in enumerate(UNICODE_NAMES)
    ]
    created = importer.import_members(focal.id, delegation.id, "m.csv", ("\n".join(lines)).encode("utf-8"))
    assert [(p.given_names, p.family_name) for p in created] == UNICODE_NAMES
    assert created[0].date_of_birth == dt.date(1975, 3, 1)


def test_import_with_one_bad_row_saves_nothing(delegation, focal):
    data = xlsx(
        [
            ["Anna", "Ivanova", "delegate", "RUS", "anna@example.org", "R1234567", dt.date(1980, 1, 1)],
            ["Bad", "Row", "emperor", "RUS", "not-an-email", "R7654321", "1980-01-01"],
            ["Ivan", "Petrov", "adviser", "RUS", "ivan@example.org", "R2222222", "1981-02-02"],
        ]
    )
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_members(focal.id, delegation.id, "m.xlsx", data)
    problems = exc.value.params["problems"]
    assert any(p.startswith("Row 3, column “category”") for p in problems)
    assert any(p.startswith("Row 3, column “email”") for p in problems)
    assert count(delegation) == 0


@pytest.mark.parametrize("email", ["lan@example..org", "lan@-mofa.example", "lan nguyen@example.org"])
def test_import_refuses_what_email_validator_refuses(delegation, focal, email):
    data = xlsx([["Lan", "Nguyễn", "delegate", "VNM", email, "V1234567", "1980-04-12"]])
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_members(focal.id, delegation.id, "m.xlsx", data)
    assert exc.value.params["problems"][0].startswith("Row 2, column “email”")
    assert count(delegation) == 0


def test_import_stores_addresses_normalised(delegation, focal):
    data = xlsx([["Lan", "Nguyễn", "delegate", "VNM", " Lan.Nguyen@MOFA.Example ", "V1234567", "1980-04-12"]])
    (created,) = importer.import_members(focal.id, delegation.id, "m.xlsx", data)
    assert created.email == "lan.nguyen@mofa.example"


def test_import_refuses_formulas_without_evaluating_them(delegation, focal):
    data = xlsx([['=HYPERLINK("http://evil","x")', "Petrov", "delegate", "RUS", "f@example.org", "", ""]])
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_members(focal.id, delegation.id, "m.xlsx", data)
    assert "formulas are not accepted" in exc.value.params["problems"][0]
    csv_data = ("\n".join([",".join(HEADER), "=1+1,Petrov,delegate,RUS,,,"])).encode()
    with pytest.raises(importer.ImportFailed):
        importer.import_members(focal.id, delegation.id, "m.csv", csv_data)
    assert count(delegation) == 0


def test_import_reports_duplicates_in_the_file_and_in_the_database(delegation, focal):
    factories.ParticipantFactory(delegation=delegation, email="taken@example.org")
    data = xlsx(
        [
            ["A", "One", "delegate", "", "same@example.org", "", ""],
            ["B", "Two", "delegate", "", "same@example.org", "", ""],
            ["C", "Three", "delegate", "", "taken@example.org", "", ""],
        ]
    )
    with pytest.raises(importer.ImportFailed) as exc:
        importer.import_members(focal.id, delegation.id, "m.xlsx", data)
    text = " ".join(exc.value.params["problems"])
    assert "the same as row 2" in text and "already registered" in text
    assert count(delegation) == 1


def test_import_template_has_the_columns(app):
    assert importer.template_csv().decode("utf-8-sig").strip() == ",".join(importer.COLUMNS)
    rows = importer.read_rows("t.xlsx", importer.template_xlsx(["delegate"]))
    assert rows[0] == list(importer.COLUMNS)


def test_another_focal_point_cannot_import_into_a_delegation(delegation):
    stranger = factories.UserFactory(role="focal_point")
    with pytest.raises(DomainError) as refused:
        importer.import_members(stranger.id, delegation.id, "m.csv", b"given_names,family_name,category\nA,B,delegate")
    assert refused.value.code == "delegation_not_found"


# --- privacy ---------------------------------------------------------------------------------------


def test_purge_erases_sensitive_fields_and_photos_but_keeps_statistics(delegation, officer):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, status="submitted")
    workflow.approve(officer.id, p.id)
    photo = stored_path(p.photo_path)
    assert photo.exists()
    people, docs = privacy.purge(30, now=p.decided_at + dt.timedelta(days=31))
    assert people >= 1 and docs >= 1
    assert (p.passport_number, p.date_of_birth, p.photo_path) == (None, None, None)
    assert p.category_code == "delegate" and p.status == "approved" and p.nationality_iso3 == "FRA"
    assert photo.exists()  # until the erasure is committed: a rolled-back purge must find its photos
    db.session.commit()
    assert not photo.exists()


def test_a_rolled_back_photo_change_keeps_the_old_photo(delegation, focal):
    p = factories.ParticipantFactory(delegation=delegation, complete=True)
    db.session.commit()  # the record as the earlier request left it; the rollback below undoes the change only
    old = stored_path(p.photo_path)
    photos.set_photo(focal.id, p.id, factories.photo_bytes(700, 900))
    db.session.rollback()
    assert old.exists() and stored_path(db.session.get(Participant, p.id).photo_path) == old


def test_purge_command(runner):
    result = runner.invoke(args=["privacy", "purge", "--older-than", "36500"])
    assert result.exit_code == 0 and "Purged sensitive data of 0 participant(s)" in result.output


def test_own_data_includes_everything(delegation):
    p = factories.ParticipantFactory(delegation=delegation, complete=True, given_names="Олег")
    data = privacy.own_data(p)
    assert data["given_names"] == "Олег" and data["passport_number"] == p.passport_number


def test_a_passport_that_expired_yesterday_is_refused_and_one_valid_today_is_kept(app):
    """The rule compares with the day of registration, so the dates are relative to today."""
    record = {"given_names": "Ana", "family_name": "Quispe", "category_code": "delegate"}
    with pytest.raises(DomainError) as exc:
        records.clean_record({**record, "passport_expiry": factories.from_today(-1).isoformat()})
    assert exc.value.fields == {"passport_expiry": "The passport has expired; use a valid passport or ID."}
    today = factories.from_today(0)
    assert records.clean_record({**record, "passport_expiry": today.isoformat()})["passport_expiry"] == today
