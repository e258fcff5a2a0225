"""The record's one schema at work: strict API input, refusals shown where a person looks, the document
generated from the same models, and nothing half-saved when the database refuses."""

import io

import pytest
from sqlalchemy import func, select

from conference.core.errors import DomainError
from conference.core.models import AuditEntry
from conference.extensions import db
from conference.registration import importer, records, services
from conference.registration.models import Participant
from conference.registration.schemas import IMPORT_COLUMNS, RECORD_FIELDS, SENSITIVE
from tests import factories

MEMBER = {"given_names": "Ana", "family_name": "Silva", "category_code": "delegate"}


@pytest.fixture
def mine(client, auth):
    user = auth.login("focal_point")
    return user, factories.DelegationFactory(country_iso3="PRT", focal_point=user)


@pytest.mark.parametrize(
    "change",
    [
        {"given_names": True},
        {"family_name": 1.5},
        {"consent_share_contact": 1.5},
        {"consent": "yes"},
        {"given_names": "Ana\x00"},
        {"family_name": "\ud800"},
        {"date_of_birth": "0001-01-01"},
        {"arrival_date": 0},
        {"passport_expiry": 2**31},
        {"title": "x" * 201},
        {"unknown_field": "x"},
    ],
)
def test_api_refuses_what_is_not_a_record_value_with_invalid_input(client, mine, change):
    _user, d = mine
    response = client.post(f"/api/v1/delegations/{d.id}/participants", json={**MEMBER, **change})
    assert response.status_code == 400, response.json
    assert response.json["error"] == "invalid_input" and set(change) <= set(response.json["fields"])
    assert services.members_of(d.id) == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/delegations", {"type": True, "address": "Lisboa"}),
        ("/api/v1/delegations", {"type": "ngo", "name": "N\x00", "address": "Lisboa"}),
        ("/api/v1/delegations", {"type": "ngo", "name": "NGO", "address": "x" * 1001}),
    ],
)
def test_api_refuses_a_bad_delegation_body(client, mine, path, body):
    response = client.post(path, json=body)
    assert response.status_code == 400 and response.json["error"] == "invalid_input"


@pytest.mark.parametrize("query", ["page=2147483648", "page=1.5", "status=flying", "q=%00"])
def test_api_refuses_a_bad_query(client, mine, query):
    response = client.get(f"/api/v1/participants?{query}")
    assert response.status_code == 400 and response.json["error"] == "invalid_input"


def test_api_refuses_a_patch_that_blanks_a_name_and_a_body_that_is_not_json(client, mine):
    _user, d = mine
    p = factories.ParticipantFactory(delegation=d)
    blank = client.patch(f"/api/v1/participants/{p.id}", json={"family_name": " "})
    assert blank.status_code == 400 and "family_name" in blank.json["fields"]
    garbled = client.post(
        f"/api/v1/delegations/{d.id}/participants", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert garbled.status_code == 400 and garbled.json["error"] == "invalid_json"
    unknown = client.post(f"/api/v1/participants/{p.id}/teleport", json={})
    assert unknown.status_code == 400 and unknown.json["error"] == "unknown_action"


def test_the_delegation_answer_is_exactly_its_documented_schema(client, mine):
    _user, d = mine
    answer = client.get(f"/api/v1/delegations/{d.id}").json
    doc = client.get("/api/v1/openapi.json").json
    documented = doc["components"]["schemas"]["DelegationDetail"]["properties"]
    assert set(answer) == set(documented)
    assert {"country_iso3", "organisation_code", "address", "self_registered", "documents"} <= set(answer)
    member = client.post(f"/api/v1/delegations/{d.id}/participants", json=MEMBER).json
    assert set(member) == set(doc["components"]["schemas"]["ParticipantOut"]["properties"])


def test_registration_paths_are_generated_not_hand_written(client):
    from conference.registration import api

    assert not hasattr(api, "OPENAPI_PATHS") and not hasattr(api, "OPENAPI_SCHEMAS")
    doc = client.get("/api/v1/openapi.json").json
    create = doc["paths"]["/api/v1/delegations/{delegation_id}/participants"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(doc["components"]["schemas"][body]["required"]) == {"given_names", "family_name", "category_code"}


def test_a_rule_of_the_schema_is_shown_beside_its_field_with_the_typed_values(client, mine):
    _user, d = mine
    response = client.post(
        f"/registration/delegations/{d.id}/members/new",
        data={**MEMBER, "given_names": "João", "passport_number": "AB", "phone": "call me"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The passport or ID number must be 5–20 letters and digits." in html
    assert "is not a phone number" in html
    assert 'value="João"' in html and 'value="call me"' in html
    assert services.members_of(d.id) == []


def test_a_refusal_without_a_field_is_flashed(client, mine):
    _user, d = mine
    response = client.post(f"/registration/delegations/{d.id}/submit", follow_redirects=True)
    assert "There is no member in draft to submit." in response.get_data(as_text=True)


def test_a_lost_race_in_an_import_saves_nothing(client, mine, monkeypatch):
    _user, d = mine
    factories.ParticipantFactory(email="taken@example.org")
    # The file's check passes (as when another focal point registers the person meanwhile) and
    # PostgreSQL refuses the second row: the first row must not stay behind.
    monkeypatch.setattr(importer, "find_clash", lambda **_kw: None)
    data = b"given_names,family_name,category,email\nAna,Silva,delegate,ana@example.org\n"
    data += b"Bo,Berg,delegate,taken@example.org\n"
    response = client.post(
        f"/registration/delegations/{d.id}/import", data={"file": (io.BytesIO(data), "m.csv")}, follow_redirects=True
    )
    assert "already registered for an active participant" in response.get_data(as_text=True)
    assert services.members_of(d.id) == []
    imports = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "delegation.import")
    assert db.session.scalar(imports) == 0


def test_a_refused_record_leaves_the_callers_earlier_work(app, monkeypatch):
    d = factories.DelegationFactory(country_iso3="CPV")
    factories.ParticipantFactory(delegation=d, email="first@example.org")
    earlier = Participant(delegation_id=d.id, given_names="Earlier", family_name="Work", category_code="delegate")
    db.session.add(earlier)
    db.session.flush()
    monkeypatch.setattr(services, "guard_duplicates", lambda *a, **k: None)
    with pytest.raises(DomainError) as exc:
        services.create_participant(d.id, {**MEMBER, "email": "first@example.org"})
    assert db.session.get(Participant, earlier.id) is earlier and earlier.family_name == "Work"
    assert exc.value.code == "duplicate_participant" and exc.value.fields == {"email": exc.value.message}


def test_the_importer_export_and_own_data_take_their_fields_from_the_schema(app):
    assert set(IMPORT_COLUMNS.values()) == set(RECORD_FIELDS) - {"consent_photo_publication", "consent_share_contact"}
    assert importer.COLUMNS["category"] == "category_code" and importer.COLUMNS["nationality"] == "nationality_iso3"
    from conference.registration import exports, privacy

    assert set(exports.SENSITIVE_HEADERS) == set(SENSITIVE)
    p = factories.ParticipantFactory(delegation=factories.DelegationFactory(country_iso3="STP"), complete=True)
    data = privacy.own_data(p)
    assert set(RECORD_FIELDS) <= set(data) and data["passport_expiry"] == p.passport_expiry.isoformat()
    masked = records.record_dict(p, sensitive=False)
    assert masked["date_of_birth"] == "•••" and masked["given_names"] == p.given_names


def test_a_refusal_naming_a_field_the_page_has_not_is_still_flashed_in_words(client, mine):
    _user, d = mine
    p = factories.ParticipantFactory(delegation=d, email=None)
    db.session.commit()  # the refused request rolls back what it did, not the test's record
    response = client.post(f"/registration/participants/{p.id}/link", follow_redirects=True)
    assert "email address first." in response.get_data(as_text=True)
    assert db.session.get(Participant, p.id).link_nonce is None
