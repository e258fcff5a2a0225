"""The language switch: for this browser, and remembered for a logged-in person's next sessions."""

from __future__ import annotations

from conference.accounts.models import User
from conference.extensions import db
from tests import factories
from tests.factories import TEST_PASSWORD


def test_the_language_a_person_chooses_is_kept_for_their_next_session(app, client, auth):
    user = auth.login("participant")
    response = client.post("/language/fr", data={"next": "/account"})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert db.session.get(User, user.id).preferred_locale == "fr"

    other_browser = app.test_client()
    other_browser.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert 'lang="fr"' in other_browser.get("/account").get_data(as_text=True)


def test_an_anonymous_choice_stays_in_the_browser_and_unknown_codes_change_nothing(client):
    someone = factories.UserFactory()
    assert client.post("/language/xx", data={"next": "/"}).status_code == 302
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
    response = client.post("/language/vi", data={"next": "//evil.example/"})
    assert response.headers["Location"] == "/"  # never sent off-site
    assert 'lang="vi"' in client.get("/").get_data(as_text=True)
    assert db.session.get(User, someone.id).preferred_locale is None
