"""POST /api/v1/scans, the roster, device tokens and the organiser pages."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from conference.accounts.services import issue_api_token
from conference.core.db import utcnow
from conference.exhibition.models import Booth
from conference.extensions import db
from conference.scanning.models import Checkpoint, Scan
from tests import factories
from tests.scanning.conftest import SCANNED_SESSION, code_for, forged_code, hours


def post_scan(client, checkpoint, code=None, headers=None, **extra):
    body = {"checkpoint": checkpoint.id, "code": code, "client_scan_id": uuid.uuid4().hex, **extra}
    return client.post("/api/v1/scans", json=body, headers=headers or {})


def test_every_reason_code_through_the_api(client, auth):
    auth.login("scanner")
    now = utcnow()
    gate = factories.CheckpointFactory(zone_code="P")
    signing = factories.CheckpointFactory(zone_code="S")
    closed = factories.CheckpointFactory(zone_code="P", closes_at=now - hours(1), opens_at=now - hours(2))
    session = factories.SessionFactory(capacity=0, zone_code="W", **SCANNED_SESSION)
    door = factories.CheckpointFactory(kind="session_door", session_id=session.id)
    ok, reprinted = factories.BadgeFactory(), factories.BadgeFactory(reprinted=True)
    revoked = factories.BadgeFactory(revoked=True)
    cases = [
        (gate, code_for(ok), "accepted"),
        (gate, code_for(ok), "already_inside"),
        (signing, code_for(factories.BadgeFactory()), "wrong_zone"),
        (door, code_for(factories.BadgeFactory()), "session_full"),
        (closed, code_for(factories.BadgeFactory()), "not_open"),
        (gate, code_for(reprinted, serial=1), "superseded"),
        (gate, code_for(revoked), "revoked"),
        (gate, code_for(factories.BadgeFactory(participant__status="cancelled")), "not_approved"),
        (gate, forged_code(ok.id), "invalid"),
        (gate, "not a badge", "unreadable"),
    ]
    for checkpoint, code, reason in cases:
        response = post_scan(client, checkpoint, code, scanned_at="2025-10-25T08:00:00+07:00")
        assert response.status_code == 201, response.json
        body = response.json
        assert body["reason"] == reason, (reason, body)
        assert body["verdict"] == ("accepted" if reason == "accepted" else "refused")
        assert body["message"]
        if reason not in ("invalid", "unreadable"):
            assert set(body["participant"]) >= {"name", "delegation", "category", "colour", "photo_url"}


def test_the_api_keeps_the_device_time_and_answers_a_resend_with_the_first_verdict(client, auth):
    auth.login("scanner")
    badge, gate = factories.BadgeFactory(), factories.CheckpointFactory()
    body = {
        "checkpoint": gate.id,
        "code": code_for(badge),
        "client_scan_id": "phone-7-42",
        "scanned_at": "2025-10-25T01:02:03Z",
        "offline": True,
    }
    first = client.post("/api/v1/scans", json=body)
    again = client.post("/api/v1/scans", json=body)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json["duplicate"] and again.json["reason"] == first.json["reason"] == "accepted"
    row = db.session.scalar(select(Scan).where(Scan.client_scan_id == "phone-7-42"))
    assert row.scanned_at == dt.datetime(2025, 10, 25, 1, 2, 3, tzinfo=dt.UTC) and row.offline
    assert db.session.scalar(select(func.count()).select_from(Scan).where(Scan.client_scan_id == "phone-7-42")) == 1


def test_a_device_token_scans_without_a_session_or_csrf(app, client):
    scanner = factories.UserFactory(role="scanner")
    token = issue_api_token(scanner, "device: Gate A phone 1")
    badge, gate = factories.BadgeFactory(), factories.CheckpointFactory()
    response = post_scan(client, gate, code_for(badge), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201 and response.json["reason"] == "accepted"
    row = db.session.get(Scan, response.json["scan_id"])
    assert row.staff_user_id == scanner.id and row.device == "device: Gate A phone 1"
    wrong = post_scan(client, gate, code_for(badge), headers={"Authorization": "Bearer hct_nope"})
    assert wrong.status_code == 401 and wrong.json["error"] == "unauthorized"


@pytest.mark.parametrize("role", ["participant", "focal_point"])
def test_other_roles_may_not_scan_or_read_the_roster(client, auth, role):
    auth.login(role)
    assert post_scan(client, factories.CheckpointFactory(), "x").status_code == 403
    assert client.get("/api/v1/scanner/roster").status_code == 403


def test_anonymous_gets_401(client):
    assert post_scan(client, factories.CheckpointFactory(), "x").status_code == 401
    assert client.get("/api/v1/scanner/roster").status_code == 401


def _staffed_booth_checkpoint(user, **kwargs):
    """A booth checkpoint at B01, allocated to an approved exhibitor that ``user`` runs."""
    factories.ExhibitorFactory(user=user, status="approved", booth="B01")
    return factories.CheckpointFactory(
        kind="booth", booth_id=db.session.scalar(select(Booth.id).where(Booth.code == "B01")), **kwargs
    )


def test_exhibitors_scan_at_their_own_booth_only(client, auth):
    user = auth.login("exhibitor")
    booth = _staffed_booth_checkpoint(user)
    assert post_scan(client, booth, code_for(factories.BadgeFactory())).json["reason"] == "accepted"
    other = factories.CheckpointFactory(
        kind="booth", booth_id=db.session.scalar(select(Booth.id).where(Booth.code == "B02"))
    )
    assert post_scan(client, other, code_for(factories.BadgeFactory())).status_code == 403
    forbidden = post_scan(client, factories.CheckpointFactory(), code_for(factories.BadgeFactory()))
    assert forbidden.status_code == 403 and forbidden.json["error"] == "checkpoint_forbidden"
    assert client.get("/api/v1/scanner/roster").status_code == 403


def test_malformed_requests_are_400_and_unknown_checkpoints_404(client, auth):
    auth.login("scanner")
    gate = factories.CheckpointFactory()
    assert client.post("/api/v1/scans", data="nope", content_type="text/plain").status_code == 400
    assert client.post("/api/v1/scans", json={"checkpoint": "x"}).status_code == 400
    assert post_scan(client, gate, "HC1:X", client_scan_id="").json["error"] == "bad_scan"
    assert post_scan(client, gate, "HC1:X", scanned_at="yesterday").json["error"] == "bad_time"
    missing = client.post("/api/v1/scans", json={"checkpoint": 999999, "code": "x", "client_scan_id": "a1"})
    assert missing.status_code == 404 and missing.json["error"] == "checkpoint_not_found"


def test_the_roster_is_incremental_and_holds_no_passport_data(client, auth):
    auth.login("scanner")
    badge = factories.BadgeFactory(
        participant__passport_number="X1234567", participant__date_of_birth=dt.date(1970, 1, 1)
    )
    full = client.get("/api/v1/scanner/roster").json
    assert full["full"] and full["keys"]
    entry = next(b for b in full["badges"] if b["id"] == badge.id)
    assert entry["serial"] == 1 and entry["revoked_serials"] == [] and entry["approved"]
    assert "P" in entry["zones"] and entry["colour"] == "#C8102E"
    assert set(entry) == {
        "id",
        "number",
        "serial",
        "revoked_serials",
        "approved",
        "name",
        "title",
        "delegation",
        "category",
        "colour",
        "letter",
        "zones",
        "photo_url",
    }
    assert "X1234567" not in str(entry) and "1970" not in str(entry)
    assert dt.datetime.fromisoformat(full["synced_at"]) <= utcnow()
    since = utcnow().isoformat()
    unchanged = client.get("/api/v1/scanner/roster", query_string={"since": since}).json
    assert not unchanged["full"] and badge.id not in [b["id"] for b in unchanged["badges"]]
    badge.status, badge.revoked_at = "revoked", utcnow()
    db.session.commit()
    changed = client.get("/api/v1/scanner/roster", query_string={"since": since}).json
    assert [b["revoked_serials"] for b in changed["badges"] if b["id"] == badge.id] == [[1]]


def test_the_openapi_document_lists_the_scanning_paths(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "post" in paths["/api/v1/scans"] and "get" in paths["/api/v1/scanner/roster"]


def test_an_admin_defines_checkpoints_with_the_form(client, auth):
    auth.login("admin")
    page = client.get("/scanning/checkpoints")
    assert page.status_code == 200 and b"New checkpoint" in page.data
    missing_zone = client.post(
        "/scanning/checkpoints",
        data={"name": "Gate P1", "kind": "zone_gate", "direction": "in", "reentry": "after_exit"},
    )
    assert b"Choose the zone" in missing_zone.data
    response = client.post(
        "/scanning/checkpoints",
        data={
            "name": "Gate P1",
            "kind": "zone_gate",
            "direction": "in",
            "zone_code": "P",
            "reentry": "after_exit",
            "opens_at": "2025-10-25T07:00",
            "closes_at": "2025-10-25T19:00",
        },
    )
    assert response.status_code == 302
    gate = db.session.scalar(select(Checkpoint).where(Checkpoint.name == "Gate P1"))
    assert gate.opens_at == dt.datetime(2025, 10, 25, 0, 0, tzinfo=dt.UTC)
    edit = client.post(
        f"/scanning/checkpoints/{gate.id}",
        data={
            "name": "Gate P1",
            "kind": "zone_gate",
            "direction": "out",
            "zone_code": "P",
            "reentry": "any",
            "opens_at": "",
            "closes_at": "",
        },
    )
    assert edit.status_code == 302
    db.session.refresh(gate)
    assert gate.direction == "out" and gate.opens_at is None


def test_an_admin_issues_a_device_token_shown_once(client, auth):
    scanner = factories.UserFactory(role="scanner")
    auth.login("admin")
    response = client.post("/scanning/devices", data={"user_id": scanner.id, "device": "Gate A phone 3"})
    assert response.status_code == 200 and b"hct_" in response.data
    participant = factories.UserFactory(role="participant")
    refused = client.post("/scanning/devices", data={"user_id": participant.id, "device": "x"})
    assert b"hct_" not in refused.data


def test_scanner_pages(client, auth):
    auth.login("scanner")
    gate = factories.CheckpointFactory(name="North gate P")
    assert b"North gate P" in client.get("/scanning/").data
    page = client.get(f"/scanning/scan/{gate.id}")
    assert page.status_code == 200 and b"wedge" in page.data and b"jsQR.js" in page.data
    sw = client.get("/scanning/sw.js")
    assert sw.status_code == 200 and sw.headers["Service-Worker-Allowed"] == "/scanning/"
    assert client.get("/scanning/checkpoints").status_code == 403


def test_occupancy_page_for_officers(client, auth):
    session = factories.SessionFactory(capacity=10, zone_code="W", **SCANNED_SESSION)
    with client.application.test_request_context():
        from tests.scanning.conftest import scan

        scan(
            factories.CheckpointFactory(kind="session_door", session_id=session.id), code_for(factories.BadgeFactory())
        )
    auth.login("accreditation_officer")
    page = client.get("/scanning/occupancy")
    assert page.status_code == 200 and b"Session attendance" in page.data and b"Test workshop" in page.data
    assert client.get("/api/v1/scanning/occupancy").json.keys() == {"zones", "rooms"}


def test_panel_figures_and_the_scans_export(app):
    from conference.scanning import exports, stats

    badge, gate = factories.BadgeFactory(), factories.CheckpointFactory(name="Stats gate")
    with app.test_request_context():
        from tests.scanning.conftest import scan

        scan(gate, code_for(badge), scanned_at=dt.datetime(2025, 10, 25, 1, 7, tzinfo=dt.UTC))
        scan(gate, "junk")
    figures = {f.label: f for f in stats.figures()}
    assert figures["Scans accepted"].value >= 1 and figures["Scans refused"].detail["unreadable"] >= 1
    assert figures["Arrivals per gate per 15 minutes"].detail["Stats gate 25 08:00"] == 1
    assert figures["Inside now, per zone"].detail["P"] >= 1
    table = exports.EXPORTS["scans"].build(False)
    rows = [r for r in table.rows if r[4] == "Stats gate"]
    assert [r[12] for r in rows] == ["accepted", "unreadable"] and len(table.headers) == len(rows[0])


def test_exhibitors_see_only_booth_checkpoints_on_the_page(client, auth):
    user = auth.login("exhibitor")
    booth = _staffed_booth_checkpoint(user, name="Booth B01 leads")
    gate = factories.CheckpointFactory(name="Exhibitor-hidden gate")
    listing = client.get("/scanning/").data
    assert b"Booth B01 leads" in listing and b"Exhibitor-hidden gate" not in listing
    assert client.get(f"/scanning/scan/{booth.id}").status_code == 200
    assert client.get(f"/scanning/scan/{gate.id}").status_code == 403
