"""One setting, VENUE_TIMEZONE, decides the zone of every time shown, exported or counted."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from conference.agenda.models import ConferenceSession
from conference.config import ConfigError, load_config
from conference.core.timeutil import venue_datetime
from conference.extensions import db
from tests.conftest import make_app


@pytest.fixture
def paris_app(databases, template_db, tmp_path):
    app = make_app(databases.url(template_db), tmp_path, VENUE_TIMEZONE="Europe/Paris")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_pages_and_calendars_follow_the_venue_time_zone_setting(paris_app):
    with paris_app.app_context():
        session = db.session.scalars(select(ConferenceSession).order_by(ConferenceSession.starts_at)).first()
        starts_at = session.starts_at
        assert paris_app.config["BABEL_DEFAULT_TIMEZONE"] == "Europe/Paris"
        assert venue_datetime(dt.date(2026, 1, 15), "09:00") == dt.datetime(2026, 1, 15, 8, 0, tzinfo=dt.UTC)
    client = paris_app.test_client()
    page = client.get(f"/agenda/sessions/{session.id}").text
    paris = starts_at.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M")
    hanoi = starts_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M")
    assert paris in page
    assert hanoi not in page
    assert "X-WR-TIMEZONE:Europe/Paris" in client.get("/agenda/programme.ics").text


def test_a_zone_that_does_not_exist_is_refused_at_start():
    with pytest.raises(ConfigError, match="VENUE_TIMEZONE"):
        load_config({"VENUE_TIMEZONE": "Asia/Hanoi-Town"})
