"""Lead capture: consent decides what an exhibitor learns; exhibitors see only their own leads."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from conference.badges.tokens import sign
from conference.core.errors import DomainError
from conference.core.models import AuditEntry
from conference.core.signals import booth_scanned
from conference.exhibition import services
from conference.exhibition.models import BoothVisit, Lead
from conference.extensions import db
from tests import factories

NOW = dt.datetime(2025, 10, 25, 4, 30, tzinfo=dt.UTC)


@pytest.fixture
def booth_b07():
    """An approved exhibitor at B07 with one staff login."""
    owner = factories.UserFactory(role="exhibitor")
    exhibitor = factories.ExhibitorFactory(
        user=owner, status="approved", booth="B07", organisation_name="Cyber Shield Labs"
    )
    return exhibitor, owner, services.booth_by_code("B07")


def _visitor(consent: bool, **kwargs):
    delegation = factories.DelegationFactory(country_iso3="FRA", name="France")
    return factories.ParticipantFactory(
        delegation=delegation,
        given_names="Claire",
        family_name="Martin",
        title="Cyber attaché",
        email="claire@france.example",
        phone="+33 1 00 00 00 00",
        status="approved",
        consent_share_contact=consent,
        **kwargs,
    )


def test_a_consenting_visitor_becomes_a_lead_with_contact_details(app, booth_b07):
    exhibitor, owner, booth = booth_b07
    visitor = _visitor(consent=True)
    outcome = services.record_booth_scan(booth.id, visitor.id, owner.id, NOW)
    assert (outcome.lead, outcome.visitor_name, outcome.booth_visits) == (True, "Claire Martin", 1)
    services.record_booth_scan(booth.id, visitor.id, owner.id, NOW + dt.timedelta(hours=2))
    [lead] = services.leads_of(exhibitor.id)
    assert (lead.name, lead.organisation, lead.email, lead.phone, lead.title) == (
        "Claire Martin",
        "France",
        "claire@france.example",
        "+33 1 00 00 00 00",
        "Cyber attaché",
    )
    assert lead.visits == 2 and lead.first_scanned_at == NOW and lead.last_scanned_at > NOW
    assert services.visit_counts() == {booth.id: 2}


def test_a_visitor_without_consent_is_only_counted(app, booth_b07):
    exhibitor, owner, booth = booth_b07
    visitor = _visitor(consent=False)
    outcome = services.record_booth_scan(booth.id, visitor.id, owner.id, NOW)
    assert (outcome.lead, outcome.visitor_name, outcome.booth_visits) == (False, None, 1)
    assert services.leads_of(exhibitor.id) == []
    assert services.visit_counts(exhibitor.id) == {booth.id: 1}
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "booth.scan")).one()
    assert entry.after == {"exhibitor_id": exhibitor.id, "lead": False}  # nothing about the visitor


def test_only_the_booths_staff_may_scan_there(app, booth_b07):
    _, _, booth = booth_b07
    other = factories.ExhibitorFactory(status="approved", booth="B08")
    visitor = _visitor(consent=True)
    with pytest.raises(DomainError) as info:
        services.record_booth_scan(booth.id, visitor.id, other.user_id, NOW)
    assert info.value.code == "not_booth_staff"
    with pytest.raises(DomainError) as info:
        services.record_booth_scan(services.booth_by_code("B05").id, visitor.id, other.user_id, NOW)
    assert info.value.code == "booth_not_allocated"


def test_booths_of_user_covers_the_applicant_and_listed_staff(app, booth_b07):
    exhibitor, owner, booth = booth_b07
    member = services.add_staff(exhibitor.id, services.StaffMember("Hoa", "Le", "hoa@test.example"))
    assert services.booths_of_user(owner.id) == [booth.id]
    assert services.booths_of_user(member.user_id) == [booth.id]
    assert services.booths_of_user(factories.UserFactory(role="exhibitor").id) == []
    pending = factories.ExhibitorFactory(status="applied", booth="B08")
    assert services.booths_of_user(pending.user_id) == []


def test_the_scanner_signal_records_a_visit_without_committing(app, booth_b07):
    _, owner, booth = booth_b07
    visitor = _visitor(consent=True)
    common = {"booth_id": booth.id, "participant_id": visitor.id, "staff_user_id": owner.id, "scanned_at": NOW}
    booth_scanned.send("scanning", accepted=False, **common)
    assert db.session.scalar(select(func.count()).select_from(BoothVisit)) == 0
    booth_scanned.send("scanning", accepted=True, **common)
    assert db.session.scalar(select(func.count()).select_from(BoothVisit)) == 1
    assert db.session.scalar(select(func.count()).select_from(Lead)) == 1
    db.session.rollback()  # nothing was committed by the receiver: the sender's rollback undoes it
    assert db.session.scalar(select(func.count()).select_from(BoothVisit)) == 0
    booth_scanned.send("scanning", accepted=True, **{**common, "booth_id": services.booth_by_code("B05").id})
    assert db.session.scalar(select(func.count()).select_from(BoothVisit)) == 0  # refused quietly


def test_booth_staff_scan_through_the_one_scan_api(app, client, booth_b07):
    """Booth scans are decided by perform_scan (POST /api/v1/scans); the booth_scanned signal keeps
    the lead. The exhibition's own booth-scan endpoint is gone."""
    _, owner, booth = booth_b07
    client.post("/login", data={"email": owner.email, "password": factories.TEST_PASSWORD})
    visitor = _visitor(consent=True)
    badge = factories.BadgeFactory(participant=visitor)
    checkpoint = factories.CheckpointFactory(kind="booth", booth_id=booth.id)

    def scan(code: str, checkpoint_id: int = checkpoint.id):
        body = {"checkpoint": checkpoint_id, "code": code, "client_scan_id": uuid.uuid4().hex}
        return client.post("/api/v1/scans", json=body)

    response = scan(sign(badge.id, badge.serial))
    assert (response.status_code, response.json["verdict"]) == (201, "accepted")
    assert response.json["participant"]["name"] == "Claire Martin"
    [lead] = services.leads_of(booth_b07[0].id)
    assert (lead.name, lead.visits) == ("Claire Martin", 1)

    assert scan(sign(badge.id, badge.serial + 1)).json["reason"] == "invalid"
    assert scan("HC1:NOTABADGE").json["reason"] == "unreadable"
    assert services.visit_counts()[booth.id] == 1  # refusals count no visit
    other_booth = factories.CheckpointFactory(kind="booth", booth_id=services.booth_by_code("B08").id)
    assert scan(sign(badge.id, badge.serial), other_booth.id).status_code == 403

    gone = client.post("/api/v1/booths/B07/scans", json={"code": sign(badge.id, badge.serial)})
    assert gone.status_code == 404


def test_an_exhibitor_cannot_read_another_exhibitors_leads(app, client, booth_b07):
    mine, owner, booth = booth_b07
    services.record_booth_scan(booth.id, _visitor(consent=True).id, owner.id, NOW)
    other_owner = factories.UserFactory(role="exhibitor")
    other = factories.ExhibitorFactory(user=other_owner, status="approved", booth="B08")

    client.post("/login", data={"email": other_owner.email, "password": factories.TEST_PASSWORD})
    assert client.get(f"/api/v1/exhibitors/{mine.id}/leads").status_code == 404
    assert client.get(f"/api/v1/exhibitors/{other.id}/leads").json == []
    for url in ("/exhibition/mine", "/exhibition/mine/leads.csv"):
        body = client.get(url).get_data(as_text=True)
        assert "claire" not in body.lower()
    workbook = load_workbook(io.BytesIO(client.get("/exhibition/mine/leads.xlsx").data))
    assert [[c.value for c in row] for row in workbook.active.iter_rows(min_row=2)] == []

    client.post("/logout")
    client.post("/login", data={"email": owner.email, "password": factories.TEST_PASSWORD})
    assert [lead["email"] for lead in client.get(f"/api/v1/exhibitors/{mine.id}/leads").json] == [
        "claire@france.example"
    ]
    assert "claire@france.example" in client.get("/exhibition/mine").get_data(as_text=True)


def test_organisers_see_visit_counts_but_not_leads(app, client, auth, booth_b07):
    mine, owner, booth = booth_b07
    services.record_booth_scan(booth.id, _visitor(consent=True).id, owner.id, NOW)
    auth.login("admin")
    page = client.get("/exhibition/admin").get_data(as_text=True)
    assert "Cyber Shield Labs" in page and "claire" not in page.lower()
    assert client.get(f"/api/v1/exhibitors/{mine.id}/leads").status_code == 404


def test_lead_exports_neutralise_formulas(app, client, booth_b07):
    _, owner, booth = booth_b07
    visitor = _visitor(consent=True)
    visitor.given_names, visitor.family_name = '=HYPERLINK("http://evil.example")', "+1"
    db.session.commit()
    services.record_booth_scan(booth.id, visitor.id, owner.id, NOW)
    client.post("/login", data={"email": owner.email, "password": factories.TEST_PASSWORD})
    csv_text = client.get("/exhibition/mine/leads.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in csv_text
    workbook = load_workbook(io.BytesIO(client.get("/exhibition/mine/leads.xlsx").data))
    name = workbook.active["A2"].value
    assert name.startswith("'=HYPERLINK") and workbook.active["A2"].data_type == "s"
