"""The agenda at its boundaries: strict JSON input, refusals shown where a person looks, nothing half-saved."""

import pytest
from sqlalchemy import func, select

from conference.accounts.services import issue_api_token
from conference.agenda import calendar, services, signing, signups, speakers
from conference.agenda.models import CalendarFeed, ListOfSpeakers, SigningDeclaration, Signup, SpeakerInscription
from conference.agenda.services import SessionData
from conference.core.timeutil import venue_datetime
from conference.extensions import db
from tests import factories
from tests.agenda.helpers import DAY2, attendee, session_by_code

NOT_AN_ID = [True, 1.5, 2**31, "7", "\x00", "\ud800", None, [], {}]


def _refused(response) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.json["error"] == "invalid_input" and response.json["fields"]


@pytest.mark.parametrize("value", NOT_AN_ID)
def test_signing_up_takes_only_a_real_participant_id(client, value):
    user, _person = attendee()
    ws = factories.SessionFactory()
    bearer = {"Authorization": f"Bearer {issue_api_token(user, 'test')}"}
    response = client.post(f"/api/v1/sessions/{ws.id}/signups", json={"participant_id": value}, headers=bearer)
    if value is None:  # null is "my own participant", as when the key is left out
        assert response.status_code == 201
    else:
        _refused(response)


@pytest.mark.parametrize("value", ["1.5", str(2**31), "true", "-1", "\x00"])
def test_cancelling_takes_only_a_real_participant_id(client, value):
    user, _person = attendee()
    ws = factories.SessionFactory()
    bearer = {"Authorization": f"Bearer {issue_api_token(user, 'test')}"}
    _refused(client.delete(f"/api/v1/sessions/{ws.id}/signups", query_string={"participant_id": value}, headers=bearer))


@pytest.mark.parametrize("day", ["0001-01-01", "2025-02-30", "someday", "%00", "%ED%A0%80", "99", str(2**31)])
def test_the_programme_refuses_a_day_that_is_not_one(client, day):
    _refused(client.get(f"/api/v1/sessions?day={day}"))


def test_the_programme_by_day_number_date_and_kind(client):
    by_number = client.get("/api/v1/sessions", query_string={"day": "2", "kind": "workshop"}).json["sessions"]
    by_date = client.get("/api/v1/sessions", query_string={"day": DAY2.isoformat(), "kind": "workshop"}).json
    assert len(by_number) == 18 and by_number == by_date["sessions"]
    _refused(client.get("/api/v1/sessions", query_string={"kind": "picnic"}))


@pytest.mark.parametrize("order", [[True], [1.5], [2**31], ["\x00"], ["\ud800"], "1,2", None])
def test_a_dragged_order_is_a_list_of_ids(client, auth, order):
    auth.login("protocol_officer")
    plenary = session_by_code("PLENARY-D1")
    _refused(client.post(f"/api/v1/sessions/{plenary.id}/speakers/order", json={"order": order}))
    _refused(client.post("/api/v1/signing/order", json={"order": order}))


def test_a_duplicate_code_is_shown_beside_the_code_with_what_was_typed_kept(client, auth):
    auth.login("protocol_officer")
    form = {
        "code": "PANEL-01",
        "kind": "workshop",
        "title_en": "A title typed by hand",
        "room_id": "0",
        "day": DAY2.isoformat(),
        "start": "19:00",
        "end": "20:00",
        "languages": "en",
        "zone_code": "",
    }
    html = client.post("/agenda/manage/new", data=form).get_data(as_text=True)
    assert 'value="A title typed by hand"' in html
    code_field = html[html.index('for="code"') : html.index('for="kind"')]
    assert "is-invalid" in code_field and "Another session already has the code PANEL-01." in code_field


def test_a_refused_console_button_saves_nothing(client, auth):
    """Starting the timer before anyone has the floor is refused after the list's row was written:
    the request must end with nothing of it saved."""
    auth.login("protocol_officer")
    plenary = session_by_code("PLENARY-D2-AM")
    assert db.session.get(ListOfSpeakers, plenary.id) is None
    response = client.post(f"/agenda/speakers/console/{plenary.id}/start", follow_redirects=True)
    assert "Give the floor to a speaker first." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ListOfSpeakers, plenary.id) is None


def test_services_leave_the_commit_to_the_boundary(app):
    """A service only flushes: whoever called it (a request, a command) decides to commit or roll back."""
    ws = factories.SessionFactory()
    user, person = attendee()
    focal = factories.UserFactory(role="focal_point")
    france = factories.DelegationFactory(country_iso3="FRA", focal_point=focal)
    db.session.commit()

    signups.sign_up(ws.id, person.id, user.id)
    calendar.feed_token(person.id)
    signing.declare(france.id, focal.id, "Jean Dupont", "President of the Republic", "head_of_state")
    speakers.inscribe(session_by_code("PLENARY-D1").id, france.id, focal.id, "Jean Dupont", "", "head_of_state")
    start, end = venue_datetime(DAY2, "21:00"), venue_datetime(DAY2, "22:00")
    services.save_session(SessionData(code="UNDONE", kind="workshop", title_en="Undone", starts_at=start, ends_at=end))
    db.session.rollback()

    def count(model, *where) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    assert count(Signup, Signup.session_id == ws.id) == 0
    assert db.session.get(CalendarFeed, person.id) is None
    assert count(SigningDeclaration, SigningDeclaration.delegation_id == france.id) == 0
    assert count(SpeakerInscription, SpeakerInscription.delegation_id == france.id) == 0
    assert session_by_code("UNDONE") is None


@pytest.mark.parametrize(
    "typed", [{"capacity": str(2**31)}, {"speaker_ids": str(2**31)}, {"moderator_ids": "12, 99999999999"}]
)
def test_the_session_editor_refuses_numbers_beyond_their_columns(client, auth, typed):
    auth.login("protocol_officer")
    form = {
        "code": "BIG-1",
        "kind": "workshop",
        "title_en": "Big numbers",
        "room_id": "0",
        "day": DAY2.isoformat(),
        "start": "21:00",
        "end": "22:00",
        "languages": "en",
        "zone_code": "",
        **typed,
    }
    response = client.post("/agenda/manage/new", data=form)
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    assert session_by_code("BIG-1") is None


def test_cancelling_from_the_page_refuses_a_number_beyond_the_column(client):
    user, _person = attendee()
    ws = factories.SessionFactory()
    client.post("/login", data={"email": user.email, "password": factories.TEST_PASSWORD})
    response = client.post(f"/agenda/sessions/{ws.id}/cancel", data={"participant_id": str(2**31)})
    assert response.status_code == 302
    assert "No such participant." in client.get(f"/agenda/sessions/{ws.id}").get_data(as_text=True)


@pytest.mark.parametrize("query", ["room=99999999999", "room=-1", "day=0001-01-01", "day=%00", "q=%00"])
def test_the_public_agenda_ignores_filters_it_cannot_use(client, query):
    for page in ("/agenda/", "/agenda/grid"):
        assert client.get(f"{page}?{query}").status_code == 200


def test_the_public_agenda_filters_by_room_and_day(client):
    hall1 = session_by_code("PANEL-01").room_id
    html = client.get(f"/agenda/?room={hall1}&day=2025-10-25").get_data(as_text=True)
    assert "From signature to ratification" in html  # PANEL-01, in Hall 1 on day 1
    assert "against ransomware" not in html  # PANEL-08, in Hall 1 on day 2
    assert "Mutual legal assistance under the Convention" not in html  # WS-01, in another room


def test_a_nul_byte_typed_in_the_session_editor_is_shown_beside_its_field(client, auth):
    auth.login("protocol_officer")
    form = {
        "code": "NUL-1",
        "kind": "workshop",
        "title_en": "Half\x00title",
        "room_id": "0",
        "day": DAY2.isoformat(),
        "start": "21:00",
        "end": "22:00",
        "languages": "en",
        "zone_code": "",
    }
    response = client.post("/agenda/manage/new", data=form)
    title_field = response.get_data(as_text=True).split('for="title_en"')[1].split('for="title_fr"')[0]
    assert response.status_code == 200 and "cannot be stored" in title_field
    assert session_by_code("NUL-1") is None
