"""The request boundary's refusals: a garbled body, field messages in plain words, a refusal no field shows."""

from __future__ import annotations

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from conference.core.errors import CoreError, DomainError
from conference.core.web import refusals
from conference.extensions import db
from conference.registration.models import Participant
from tests import factories

MEMBER = {"given_names": "Ana", "family_name": "Silva", "category_code": "delegate"}


def _my_delegation(auth):
    focal = auth.login("focal_point")
    return factories.DelegationFactory(country_iso3="PRT", focal_point=focal)


def test_a_garbled_body_is_invalid_json_even_where_an_empty_body_would_do(client, auth):
    d = _my_delegation(auth)
    factories.DocumentFactory(delegation=d)
    p = factories.ParticipantFactory(delegation=d, complete=True)
    db.session.commit()
    garbled = client.post(
        f"/api/v1/participants/{p.id}/submit", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert garbled.status_code == 400 and garbled.json["error"] == "invalid_json"
    assert db.session.get(Participant, p.id).status == "draft"


def test_field_messages_read_without_pydantics_prefix(client, auth):
    d = _my_delegation(auth)
    response = client.post(f"/api/v1/delegations/{d.id}/participants", json={**MEMBER, "given_names": "Ana\x00"})
    assert response.status_code == 400
    assert response.json["fields"]["given_names"] == "must not contain NUL characters"


class _NameOnly(FlaskForm):
    class Meta:
        csrf = False

    name = StringField()


def test_a_refusal_whose_fields_the_page_has_not_is_flashed_in_its_own_words(app):
    with app.test_request_context("/"):
        with refusals(_NameOnly()) as outcome:
            raise DomainError(CoreError.INVALID_INPUT, fields={"email": "“x” is not an email address."})
        assert not outcome.ok
        assert get_flashed_messages() == ["“x” is not an email address."]


def test_a_refusal_beside_its_field_is_not_flashed_again(app):
    with app.test_request_context("/"):
        form = _NameOnly()
        with refusals(form):
            raise DomainError(CoreError.INVALID_INPUT, fields={"name": "The name is missing."})
        assert form.name.errors == ["The name is missing."] and get_flashed_messages() == []
