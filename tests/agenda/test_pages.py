"""The agenda's pages and JSON API through HTTP: public reading, sign-up, ICS, organiser pages."""

import icalendar
import pytest
from flask import g

from conference.agenda import signing, signups, speakers
from conference.extensions import db
from tests import factories
from tests.agenda.helpers import DAY2, attendee, session_by_code

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def login(client, user):
    response = client.post("/login", data={"email": user.email, "password": factories.TEST_PASSWORD})
    assert response.status_code == 302


def test_the_public_agenda_filters_and_searches_without_login(client):
    html = client.get("/agenda/?kind=workshop&day=2025-10-26").get_data(as_text=True)
    assert "18 sessions" in html and "Signing ceremony" not in html
    html = client.get("/agenda/?q=zainab").get_data(as_text=True)
    # Zainab Hassan speaks in PANEL-01, WS-07 and WS-19: the search reads the speakers too.
    assert "3 sessions" in html and "From signature to ratification" in html
    assert client.get("/agenda/?topic=ransomware&lang=vi").status_code == 200
    assert "No session matches" in client.get("/agenda/?q=nothing-like-this").get_data(as_text=True)


def test_grid_shows_rooms_across_for_a_day(client):
    html = client.get("/agenda/grid?day=2025-10-25").get_data(as_text=True)
    assert "Hall 1 (Lotus)" in html and "grid-session" in html and "Meeting Room 201" in html


def test_session_page_and_ics_exports_parse_back(client):
    s = session_by_code("WS-01")
    html = client.get(f"/agenda/sessions/{s.id}").get_data(as_text=True)
    assert s.title_en in html and "Log in</a> to sign up" in html
    one = icalendar.Calendar.from_ical(client.get(f"/agenda/sessions/{s.id}.ics").data)
    events = list(one.walk("VEVENT"))
    assert len(events) == 1 and str(events[0]["summary"]) == s.title_en
    assert events[0].decoded("dtstart") == s.starts_at
    whole = client.get("/agenda/programme.ics")
    assert whole.mimetype == "text/calendar"
    assert len(list(icalendar.Calendar.from_ical(whole.data).walk("VEVENT"))) == 52


def test_a_participant_signs_up_cancels_and_subscribes_to_their_agenda(client):
    ws = factories.SessionFactory(capacity=1)
    other_user, other = attendee()
    signups.sign_up(ws.id, other.id, other_user.id)
    user, person = attendee()
    login(client, user)
    response = client.post(
        f"/agenda/sessions/{ws.id}/signup", data={"participant_id": person.id}, follow_redirects=True
    )
    assert "waiting list" in response.get_data(as_text=True)
    signups.cancel(ws.id, other.id, other_user.id)
    mine = client.get("/agenda/mine").get_data(as_text=True)
    assert ws.title_en in mine and "confirmed" in mine
    feed = mine.split('id="feed-url" type="text" readonly value="')[1].split('"')[0]
    cal = icalendar.Calendar.from_ical(client.get(feed.replace("http://localhost", "")).data)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == [ws.title_en]
    client.post("/agenda/mine/calendar/reset")
    assert client.get(feed.replace("http://localhost", "")).status_code == 404
    response = client.post(
        f"/agenda/sessions/{ws.id}/cancel", data={"participant_id": person.id}, follow_redirects=True
    )
    assert "Cancelled" in response.get_data(as_text=True)


def test_api_lists_and_books_with_a_bearer_token(client):
    from conference.accounts.services import issue_api_token

    def call(method, url, headers=None, **kwargs):
        # the test app context outlives requests, so forget the user Flask-Login cached in ``g``
        g.pop("_login_user", None)
        return client.open(url, method=method, headers=headers or {}, **kwargs)

    listing = client.get("/api/v1/sessions?day=2&kind=workshop").json["sessions"]
    assert len(listing) == 18 and all(s["kind"] == "workshop" for s in listing)
    assert client.get("/api/v1/sessions?day=someday").status_code == 400
    ws = factories.SessionFactory(capacity=1)
    db.session.commit()  # the 404 below rolls the request back; the workshop exists before it
    detail = client.get(f"/api/v1/sessions/{ws.id}").json
    assert detail["capacity"] == 1 and detail["needs_signup"] is True
    assert client.get("/api/v1/sessions/999999").status_code == 404
    (u1, _), (u2, p2) = attendee(), attendee()
    h1 = {"Authorization": f"Bearer {issue_api_token(u1, 'test')}"}
    h2 = {"Authorization": f"Bearer {issue_api_token(u2, 'test')}"}
    assert call("POST", f"/api/v1/sessions/{ws.id}/signups", h1).json["status"] == "confirmed"
    second = call("POST", f"/api/v1/sessions/{ws.id}/signups", h2)
    assert second.status_code == 201 and second.json == {
        "session_id": ws.id,
        "participant_id": p2.id,
        "status": "waitlisted",
        "waiting_position": 1,
    }
    again = call("POST", f"/api/v1/sessions/{ws.id}/signups", h1)
    assert again.status_code == 409 and again.json["error"] == "already_signed_up"
    other = call("POST", f"/api/v1/sessions/{ws.id}/signups", h1, json={"participant_id": p2.id})
    assert other.status_code == 403
    assert call("DELETE", f"/api/v1/sessions/{ws.id}/signups", h1).json["status"] == "cancelled"
    assert client.get(f"/api/v1/sessions/{ws.id}").json["confirmed"] == 1
    assert call("POST", f"/api/v1/sessions/{ws.id}/signups").status_code == 401


def test_openapi_documents_the_agenda(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/sessions", "/api/v1/sessions/{id}", "/api/v1/sessions/{id}/signups"} <= set(paths)
    assert {"post", "delete"} <= set(paths["/api/v1/sessions/{id}/signups"])


def test_the_session_editor_blocks_a_clash_and_keeps_what_was_typed(client, auth):
    auth.login("protocol_officer")
    panel = session_by_code("PANEL-01")
    form = {
        "code": "CLASH-1",
        "kind": "workshop",
        "title_en": "Typed title",
        "room_id": panel.room_id,
        "day": "2025-10-25",
        "start": "14:00",
        "end": "15:00",
        "languages": "en",
        "capacity": "9999",
        "zone_code": "",
    }
    html = client.post("/agenda/manage/new", data=form).get_data(as_text=True)
    assert "Not saved" in html and "is already booked for PANEL-01" in html and "above the capacity" in html
    assert 'value="Typed title"' in html
    form.update(day=DAY2.isoformat(), start="19:00", end="20:00", capacity="40", needs_signup="y")
    response = client.post("/agenda/manage/new", data=form)
    assert response.status_code == 302
    assert session_by_code("CLASH-1").capacity == 40
    assert client.get(f"/agenda/manage/{panel.id}/edit").status_code == 200
    assert "CLASH-1" in client.get("/agenda/manage").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/agenda/manage", "/agenda/signing/manage", "/agenda/speakers/console"])
def test_organiser_pages_are_closed_to_participants(client, auth, url):
    auth.login("participant")
    assert client.get(url).status_code == 403


def test_speakers_pages_and_room_screen(client):
    plenary = session_by_code("PLENARY-D1")
    focal = factories.UserFactory(role="focal_point")
    delegation = factories.DelegationFactory(country_iso3="FRA", focal_point=focal)
    login(client, focal)
    response = client.post(
        "/agenda/speakers",
        data={
            "session_id": plenary.id,
            "delegation_id": delegation.id,
            "speaker_name": "Jean Dupont",
            "speaker_title": "Minister",
            "level": "minister",
        },
        follow_redirects=True,
    )
    assert "on the list of speakers" in response.get_data(as_text=True)
    client.post("/logout")
    officer = factories.UserFactory(role="protocol_officer")
    login(client, officer)
    assert "Jean Dupont" in client.get(f"/agenda/speakers/console/{plenary.id}").get_data(as_text=True)
    client.post(f"/agenda/speakers/console/{plenary.id}/limit", data={"minutes": "4"})
    client.post(f"/agenda/speakers/console/{plenary.id}/next")
    client.post(f"/agenda/speakers/console/{plenary.id}/start")
    state = client.get(f"/api/v1/sessions/{plenary.id}/speakers").json
    assert state["current"]["speaker"] == "Jean Dupont" and state["time_limit_seconds"] == 240
    assert state["timer"]["running"] is True
    assert "Jean Dupont" in client.get(f"/agenda/screen/{plenary.id}").get_data(as_text=True)
    assert speakers.ordered(plenary.id)[0].status == "speaking"


def test_signing_pages_from_declaration_to_the_public_tally(client):
    import io

    focal = factories.UserFactory(role="focal_point")
    delegation = factories.DelegationFactory(country_iso3="FRA", focal_point=focal)
    login(client, focal)
    page = client.get("/agenda/signing/declare").get_data(as_text=True)
    assert "Credentials are not full powers" in page
    client.post(
        "/agenda/signing/declare",
        data={
            "delegation_id": delegation.id,
            "signatory_name": "A. Ambassador",
            "signatory_title": "Permanent Representative",
            "level": "ambassador",
        },
    )
    decl = signing.declaration_for(delegation.id)
    assert decl.full_powers_status == "missing"
    client.post(
        f"/agenda/signing/{decl.id}/full-powers",
        data={"document": (io.BytesIO(PDF), "fp.pdf")},
        content_type="multipart/form-data",
    )
    assert decl.full_powers_status == "submitted"
    with client.get(f"/agenda/signing/{decl.id}/full-powers.pdf") as pdf:
        assert pdf.data == PDF and pdf.mimetype == "application/pdf"
    client.post("/logout")
    login(client, factories.UserFactory(role="protocol_officer"))
    client.post(f"/agenda/signing/{decl.id}/sign")
    assert signing.signature_count() == 0
    client.post(f"/agenda/signing/{decl.id}/review", data={"verify": "1"})
    client.post("/agenda/signing/schedule", data={"day": "2025-10-25", "start": "10:00", "minutes": "3"})
    assert decl.slot_minutes == 3
    client.post(f"/agenda/signing/{decl.id}/sign")
    client.post("/logout")
    html = client.get("/agenda/signatures").get_data(as_text=True)
    assert "France" in html and "Ambassador / Permanent Representative" in html
    assert client.get("/api/v1/signatures").json["count"] == 1
    anonymous = client.get(f"/agenda/signing/{decl.id}/full-powers.pdf")
    assert anonymous.status_code == 302 and anonymous.location.startswith("/login?next=")


def test_a_focal_point_signs_up_a_member_from_the_session_page(client):
    ws = factories.SessionFactory(capacity=5)
    focal = factories.UserFactory(role="focal_point")
    delegation = factories.DelegationFactory(country_iso3="KEN", focal_point=focal)
    member = factories.ParticipantFactory(
        delegation=delegation, given_names="Wanjiru", family_name="Kamau", status="approved"
    )
    login(client, focal)
    html = client.get(f"/agenda/sessions/{ws.id}").get_data(as_text=True)
    assert "Wanjiru Kamau" in html
    client.post(f"/agenda/sessions/{ws.id}/signup", data={"participant_id": member.id})
    html = client.get(f"/agenda/sessions/{ws.id}").get_data(as_text=True)
    assert "Wanjiru Kamau:" in html and "seat confirmed" in html
    assert "Wanjiru Kamau" in client.get("/agenda/mine").get_data(as_text=True)


def test_the_consoles_accept_a_dragged_order_as_json(client, auth):
    plenary = session_by_code("PLENARY-D1")
    rows = []
    for iso3 in ("BRA", "FRA"):
        focal = factories.UserFactory(role="focal_point")
        delegation = factories.DelegationFactory(country_iso3=iso3, focal_point=focal)
        rows.append(speakers.inscribe(plenary.id, delegation.id, focal.id, iso3, "", "minister"))
    auth.login("protocol_officer")
    url = f"/agenda/speakers/console/{plenary.id}/order"
    assert client.post(url, json={"order": [rows[1].id, rows[0].id]}).json == {"ok": True}
    assert [i.id for i in speakers.ordered(plenary.id)] == [rows[1].id, rows[0].id]
    bad = client.post(url, json={"order": "nope"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400 and bad.json["error"] == "bad_order"
    assert client.post("/agenda/signing/order", json={"order": []}).json == {"ok": True}
