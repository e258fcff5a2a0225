import csv
import io
import types

import openpyxl
import pytest
from sqlalchemy import select

from conference.admin import collect
from conference.core.mail import queue_mail
from conference.core.models import AuditEntry, OutboxMail
from conference.core.panel import Export, ExportTable, Figure, SearchHit
from conference.extensions import db
from tests import factories

PANEL = ["/admin/", "/admin/figures.json", "/admin/search?q=ab", "/admin/exports", "/admin/list-of-participants.pdf"]
ADMIN_ONLY = ["/admin/people", "/admin/audit"]
OUTBOX = ["/admin/outbox"]


@pytest.mark.smoke
@pytest.mark.parametrize(
    "role, allowed",
    [
        ("admin", PANEL + ADMIN_ONLY + OUTBOX),
        ("accreditation_officer", PANEL + OUTBOX),
        ("protocol_officer", PANEL),
        ("scanner", []),
        ("exhibitor", []),
        ("focal_point", []),
        ("participant", []),
    ],
)
def test_each_role_sees_only_its_part_of_the_panel(client, auth, role, allowed):
    auth.login(role)
    for path in PANEL + ADMIN_ONLY + OUTBOX:
        expected = 200 if path in allowed else 403
        assert client.get(path).status_code == expected, (role, path)


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_two_factor_help_is_public(client):
    response = client.get("/admin/help/two-factor")
    assert response.status_code == 200 and b"another administrator" in response.data


# --- what the domains contribute, discovered by module name -------------------------------------


def _with_contributions(monkeypatch, name: str, module) -> None:
    real = collect.contributions

    def fake(wanted: str):
        return real(wanted) + ([("testdomain", module)] if wanted == name else [])

    monkeypatch.setattr(collect, "contributions", fake)


def test_dashboard_renders_every_domains_figures_and_survives_a_broken_one(client, auth, monkeypatch):
    figures = types.SimpleNamespace(
        figures=lambda: [
            Figure("testdomain", "Signatories so far", 64),
            Figure("testdomain", "Arrivals per 15 minutes", "", {"08:00": 12, "08:15": 40}),
        ]
    )
    _with_contributions(monkeypatch, "stats", figures)
    auth.login("protocol_officer")
    data = client.get("/admin/figures.json").json
    group = next(g for g in data["groups"] if g["group"] == "testdomain")
    assert group["figures"][0] == {
        "key": "testdomain:Signatories so far",
        "label": "Signatories so far",
        "value": 64,
        "detail": {},
    }
    assert group["figures"][1]["detail"] == {"08:00": 12, "08:15": 40}
    html = client.get("/admin/").get_data(as_text=True)
    assert "Signatories so far" in html and "<canvas" in html and "js/admin-dashboard.js" in html

    def broken():
        raise RuntimeError("bug")

    _with_contributions(monkeypatch, "stats", types.SimpleNamespace(figures=broken))
    data = client.get("/admin/figures.json").json
    assert any(f["label"] == "Figures unavailable" for g in data["groups"] for f in g["figures"])


def test_dashboard_shows_the_domains_own_figures(client, auth):
    auth.login("accreditation_officer")
    delegation = factories.DelegationFactory(country_iso3="FRA")

    def approved() -> int:
        groups = client.get("/admin/figures.json").json["groups"]
        return next(f["value"] for g in groups for f in g["figures"] if f["label"] == "Approved participants")

    before = approved()
    factories.ParticipantFactory(delegation=delegation, status="approved", nationality_iso3="FRA")
    assert approved() == before + 1


def test_search_collects_every_domain_and_hides_hits_a_role_may_not_see(client, auth, monkeypatch):
    def search(query, limit):
        return [
            SearchHit("participant", f"Jane {query}", "France", "/p/1"),
            SearchHit("participant", f"Secret {query}", "passport", "/p/2", roles=frozenset({"accreditation_officer"})),
        ]

    _with_contributions(monkeypatch, "search", types.SimpleNamespace(search=search))
    auth.login("protocol_officer")
    html = client.get("/admin/search?q=Doe").get_data(as_text=True)
    assert "Jane Doe" in html and "Secret Doe" not in html
    auth.logout()
    auth.login("accreditation_officer")
    assert "Secret Doe" in client.get("/admin/search?q=Doe").get_data(as_text=True)


# --- exports --------------------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://evil","x")', "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\rCR"]


def _register_test_export(monkeypatch) -> None:
    def build(sensitive: bool) -> ExportTable:
        headers = ["name", "note", "count"] + (["passport_number"] if sensitive else [])
        rows = [[f"Person {i}", value, i] + (["X1234567"] if sensitive else []) for i, value in enumerate(DANGEROUS)]
        return ExportTable(headers, rows)

    export = Export(
        "Test participants",
        build,
        roles=frozenset({"accreditation_officer", "protocol_officer"}),
        sensitive_roles=frozenset({"accreditation_officer"}),
    )
    _with_contributions(monkeypatch, "exports", types.SimpleNamespace(EXPORTS={"people": export}))


def last_download(key: str) -> AuditEntry:
    return db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "export.download", AuditEntry.entity_id == key)
        .order_by(AuditEntry.id.desc())
    ).first()


def test_csv_export_is_neutralised_and_audited(client, auth, monkeypatch):
    _register_test_export(monkeypatch)
    auth.login("protocol_officer")
    assert b"Test participants" in client.get("/admin/exports").data
    response = client.get("/admin/exports/testdomain.people.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["name", "note", "count"]
    assert [r[1] for r in rows[1:]] == ["'" + v for v in DANGEROUS]
    entry = last_download("testdomain.people")
    assert entry.entity_id == "testdomain.people" and entry.after == {"format": "csv", "sensitive": False}


def test_xlsx_export_opens_in_openpyxl_without_live_formulas(client, auth, monkeypatch):
    _register_test_export(monkeypatch)
    auth.login("accreditation_officer")
    response = client.get("/admin/exports/testdomain.people.xlsx?sensitive=1")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert [c.value for c in sheet[1]] == ["name", "note", "count", "passport_number"]
    assert sheet["C3"].value == 1  # numbers stay numbers
    entry = last_download("testdomain.people")
    assert entry.is_security and entry.after == {"format": "xlsx", "sensitive": True}


def test_sensitive_fields_only_for_the_exports_sensitive_roles(client, auth, monkeypatch):
    _register_test_export(monkeypatch)
    auth.login("protocol_officer")
    assert client.get("/admin/exports/testdomain.people.csv?sensitive=1").status_code == 403
    assert b"with sensitive fields" not in client.get("/admin/exports").data
    assert client.get("/admin/exports/testdomain.people.pdf").status_code == 404
    assert client.get("/admin/exports/nothing.here.csv").status_code == 404
    auth.logout()
    auth.login("accreditation_officer")
    assert b"with sensitive fields" in client.get("/admin/exports").data


# --- audit log and outbox -------------------------------------------------------------------------


def test_audit_log_filters_and_shows_before_and_after(client, auth):
    from conference.accounts import services

    target = factories.UserFactory(role="participant", email="target@test.example")
    services.set_role(target.id, "scanner")
    admin = auth.login("admin")
    html = client.get("/admin/audit?entity_type=user&action=user.role&security=y").get_data(as_text=True)
    assert "user.role_change" in html and "&#34;role&#34;: &#34;scanner&#34;" in html
    assert "auth.login" not in html
    html = client.get(f"/admin/audit?who={admin.email}").get_data(as_text=True)
    assert "auth.login" in html and "user.role_change" not in html
    assert "user.role_change" not in client.get("/admin/audit?date_to=2020-01-01").get_data(as_text=True)


def test_nothing_in_the_panel_can_change_the_audit_log(app):
    for rule in app.url_map.iter_rules():
        if "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule


def test_outbox_lists_status_and_resends(client, auth):
    mail = queue_mail("bounce@test.example", "Your badge", "body")
    mail.status = "failed"
    mail.last_error = "550 mailbox unavailable"
    db.session.commit()
    auth.login("accreditation_officer")
    html = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "bounce@test.example" in html and "550 mailbox unavailable" in html
    response = client.post(f"/admin/outbox/{mail.id}/resend")
    assert response.status_code == 302
    assert db.session.get(OutboxMail, mail.id).status == "queued"
    assert client.post("/admin/outbox/999999/resend").status_code == 404
    assert client.get("/admin/outbox?status=bogus").status_code == 404


# --- people and roles -----------------------------------------------------------------------------


def test_admin_invites_changes_roles_deactivates_and_resets_2fa(client, auth):
    admin = auth.login("admin")
    response = client.post(
        "/admin/people", data={"email": "officer@test.example", "full_name": "Officer", "role": "protocol_officer"}
    )
    assert response.status_code == 302
    html = client.get("/admin/people").get_data(as_text=True)
    assert "officer@test.example" in html and "invited" in html
    taken = client.post("/admin/people", data={"email": "officer@test.example", "role": "scanner"})
    assert taken.status_code == 200 and b"already exists" in taken.data

    from conference.accounts.services import get_user_by_email

    officer = get_user_by_email("officer@test.example")
    client.post(f"/admin/people/{officer.id}/role", data={"role": "accreditation_officer"})
    assert db.session.get(type(officer), officer.id).role == "accreditation_officer"
    assert client.post(f"/admin/people/{admin.id}/role", data={"role": "participant"}).status_code == 302
    assert db.session.get(type(admin), admin.id).role == "admin"  # never one's own

    empty = client.post(f"/admin/people/{officer.id}/deactivate", data={"reason": ""})
    assert empty.status_code == 200 and db.session.get(type(officer), officer.id).active
    client.post(f"/admin/people/{officer.id}/deactivate", data={"reason": "left"})
    assert not db.session.get(type(officer), officer.id).active
    own = client.post(f"/admin/people/{admin.id}/deactivate", data={"reason": "oops"})
    assert b"cannot deactivate your own" in own.data

    enrolled = factories.UserFactory(two_factor=True, role="protocol_officer")
    assert b"Reset 2FA" in client.get(f"/admin/people?email={enrolled.email}").data
    client.post(f"/admin/people/{enrolled.id}/reset-2fa", data={"reason": "lost phone"})
    assert db.session.get(type(enrolled), enrolled.id).totp_secret is None
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.actor_id == admin.id)).all()
    assert {"user.invite", "user.role_change", "user.deactivate", "auth.2fa_reset"} <= set(actions)


PHONE = "+84 24 1234 5678"
HYPERLINK = '=HYPERLINK("http://evil.example","Click")'


def _participant_with_phone_and_formula_name():
    delegation = factories.DelegationFactory(country_iso3="VNM", name="Viet Nam", type="host_country")
    return factories.ParticipantFactory(delegation=delegation, complete=True, given_names=HYPERLINK, phone=PHONE)


def test_participants_csv_keeps_phone_numbers_as_typed_and_neutralises_formulas(client, auth):
    person = _participant_with_phone_and_formula_name()
    auth.login("accreditation_officer")
    response = client.get("/admin/exports/registration.participants.csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["id"] == str(person.id))
    assert row["phone"] == PHONE
    assert row["given_names"] == "'" + HYPERLINK


def test_participants_xlsx_keeps_phone_numbers_as_typed_text_and_no_formula(client, auth):
    person = _participant_with_phone_and_formula_name()
    auth.login("accreditation_officer")
    response = client.get("/admin/exports/registration.participants.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == person.id)
    phone, name = row[headers.index("phone")], row[headers.index("given_names")]
    assert (phone.value, phone.data_type) == (PHONE, "s")
    assert (name.value, name.data_type) == ("'" + HYPERLINK, "s")
