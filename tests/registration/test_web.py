"""Pages and API: object-level access on every route, typed values kept on errors, the queue."""

import io
import re

import pytest
from sqlalchemy import select

from conference.accounts.services import issue_api_token
from conference.core import spreadsheets
from conference.core.models import OutboxMail
from conference.extensions import db
from conference.registration import importer, links, services
from conference.registration.models import Participant
from tests import factories

SECRET_NAME = "Zebediah-Secretname"


@pytest.fixture
def owner(app):
    return factories.UserFactory(role="focal_point")


@pytest.fixture
def theirs(owner):
    d = factories.DelegationFactory(country_iso3="NOR", focal_point=owner, name="Norway", address="Oslo")
    doc = factories.DocumentFactory(delegation=d)
    p = factories.ParticipantFactory(delegation=d, complete=True, given_names=SECRET_NAME, email="secret@example.no")
    return d, doc, p


def _fill(rule, delegation, document, participant) -> str | None:
    values = {}
    for arg in rule.arguments:
        values[arg] = {
            "delegation_id": delegation.id,
            "participant_id": participant.id,
            "document_id": document.id,
            "action": "submit",
            "fmt": "csv",
        }.get(arg)
        if values[arg] is None:
            return None
    path = rule.rule
    for arg, value in values.items():
        path = re.sub(rf"<(?:\w+:)?{arg}>", str(value), path)
    return path


def _body(rule) -> dict:
    """A body the API accepts, so that only the ownership check can refuse it."""
    if rule.endpoint == "registration_api.add_participant":
        return {"given_names": "Intruder", "family_name": "Added", "category_code": "delegate"}
    return {}


def test_another_focal_point_can_never_read_or_change_a_delegation_that_is_not_theirs(app, client, auth, theirs):
    d, doc, p = theirs
    auth.login("focal_point")
    tried = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(("registration.", "registration_api.")):
            continue
        path = _fill(rule, d, doc, p)
        if path is None or not any(a in rule.arguments for a in ("delegation_id", "participant_id", "document_id")):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            tried += 1
            response = client.open(path, method=method, json=_body(rule) if "api" in rule.endpoint else None)
            assert response.status_code in (403, 404), (method, path, response.status_code)
            assert SECRET_NAME not in response.get_data(as_text=True), (method, path)
    assert tried >= 20
    # …and the lists do not show it either.
    for path in ("/registration/delegations", "/api/v1/delegations", "/api/v1/participants", "/registration/queue"):
        response = client.get(path)
        assert SECRET_NAME not in response.get_data(as_text=True) and "Norway" not in response.get_data(as_text=True)
    db.session.refresh(p)
    assert p.status == "draft" and p.given_names == SECRET_NAME


def test_the_api_with_another_focal_points_bearer_token_is_refused(app, client, theirs):
    d, _doc, p = theirs
    token = issue_api_token(factories.UserFactory(role="focal_point"), "laptop")
    db.session.commit()  # each refused request below rolls back what is not committed
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/delegations/{d.id}", headers=headers).status_code == 404
    assert client.post(f"/api/v1/participants/{p.id}/submit", headers=headers).status_code == 404
    assert client.patch(f"/api/v1/participants/{p.id}", json={"title": "x"}, headers=headers).status_code == 404


def test_focal_point_pages_happy_path_with_unicode(client, auth):
    user = auth.login("focal_point")
    response = client.post(
        "/registration/delegations/new",
        data={"type": "observer_state", "country_iso3": "", "address": "Rome"},
    )
    assert "Choose the state from the list." in response.get_data(as_text=True)
    response = client.post(
        "/registration/delegations/new", data={"type": "ngo", "name": "Tổ chức Hòa bình Mạng", "address": "Hà Nội"}
    )
    assert response.status_code == 302
    d = services.list_delegations(user.id)[0]
    page = client.get(f"/registration/delegations/{d.id}").get_data(as_text=True)
    assert "Tổ chức Hòa bình Mạng" in page and "Nomination letter" in page
    response = client.post(
        f"/registration/delegations/{d.id}/members/new",
        data={"given_names": "Хуан", "family_name": "王", "category_code": "ngo", "email": "bad-email"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Хуан" in html and "王" in html and "Invalid email address." in html
    response = client.post(
        f"/registration/delegations/{d.id}/members/new",
        data={"given_names": "Хуан", "family_name": "王", "category_code": "ngo", "email": "h@example.org"},
    )
    assert response.status_code == 302
    p = db.session.scalar(select(Participant).where(Participant.email == "h@example.org"))
    response = client.post(
        f"/registration/participants/{p.id}/photo",
        data={"photo": (io.BytesIO(factories.photo_bytes(200, 200)), "me.jpg")},
        follow_redirects=True,
    )
    assert "at least 300×400 are needed" in response.get_data(as_text=True)
    client.post(
        f"/registration/participants/{p.id}/photo",
        data={"photo": (io.BytesIO(factories.photo_bytes()), "me.jpg")},
    )
    photo = client.get(f"/registration/participants/{p.id}/photo.jpg")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    photo.close()
    response = client.post(
        f"/registration/delegations/{d.id}/documents",
        data={"kind": "nomination_letter", "file": (io.BytesIO(b"not a pdf"), "x.pdf")},
        follow_redirects=True,
    )
    assert "This file is not a PDF document." in response.get_data(as_text=True)


def test_duplicate_clash_is_shown_with_typed_values(client, auth, theirs):
    user = auth.login("focal_point")
    d = factories.DelegationFactory(country_iso3="DNK", focal_point=user)
    response = client.post(
        f"/registration/delegations/{d.id}/members/new",
        data={
            "given_names": "Søren",
            "family_name": "Kierkegaard",
            "category_code": "delegate",
            "email": "secret@example.no",
        },
    )
    html = response.get_data(as_text=True)
    assert "already registered for an active participant" in html and "Søren" in html


def test_import_page_lists_each_bad_row(client, auth):
    user = auth.login("focal_point")
    d = factories.DelegationFactory(country_iso3="SWE", focal_point=user)
    csv_data = b"given_names,family_name,category\nAnna,Berg,delegate\nBo,,delegate\n"
    response = client.post(
        f"/registration/delegations/{d.id}/import", data={"file": (io.BytesIO(csv_data), "members.csv")}
    )
    html = response.get_data(as_text=True)
    assert "Nothing was imported" in html and "Row 3, column “family_name”" in html
    assert services.members_of(d.id) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_template_has_the_importers_columns(client, auth, fmt):
    auth.login("focal_point")
    response = client.get(f"/registration/import-template.{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="members-template.{fmt}"'
    assert spreadsheets.read_rows(f"t.{fmt}", response.data)[0] == list(importer.COLUMNS)


def test_personal_link_page_shows_only_that_record(client, owner, theirs):
    _d, _doc, p = theirs
    other = factories.ParticipantFactory(delegation=theirs[0], given_names="Another", email="another@example.no")
    with client.application.test_request_context():
        token = links.send_personal_link(owner.id, p.id)
    page = client.get(f"/registration/me/{token}").get_data(as_text=True)
    assert SECRET_NAME in page and "Another" not in page and other.email not in page
    assert client.get(f"/registration/me/{token}x").status_code == 404
    data = client.get(f"/registration/me/{token}/data.json").json
    assert data["given_names"] == SECRET_NAME and data["passport_number"] == p.passport_number


def test_queue_filters_counts_and_bulk_approval(client, auth, theirs):
    d, _doc, _p = theirs
    submitted = [factories.ParticipantFactory(delegation=d, complete=True, status="submitted") for _ in range(2)]
    auth.login("accreditation_officer")
    html = client.get("/registration/queue?status=submitted&region=Western+European+and+other+States").get_data(
        as_text=True
    )
    assert all(p.family_name in html for p in submitted)
    assert SECRET_NAME not in html  # a draft is not in the submitted filter
    response = client.post(
        "/registration/queue/bulk",
        data={"ids": [str(p.id) for p in submitted], "action": "approve", "back": "/registration/queue"},
        follow_redirects=True,
    )
    assert "2 record(s) changed." in response.get_data(as_text=True)
    mails = db.session.scalars(
        select(OutboxMail.subject).where(OutboxMail.subject.like("Accreditation approved%"))
    ).all()
    assert len(mails) >= 2
    record = client.get(f"/registration/participants/{submitted[0].id}").get_data(as_text=True)
    assert submitted[0].passport_number in record  # officers see sensitive fields
    assert "History" in record and "approve" in record


def test_focal_point_sees_sensitive_fields_masked(client, auth):
    user = auth.login("focal_point")
    d = factories.DelegationFactory(country_iso3="FIN", focal_point=user)
    p = factories.ParticipantFactory(delegation=d, complete=True, passport_number="FI9876543")
    html = client.get(f"/registration/participants/{p.id}").get_data(as_text=True)
    assert "FI9876543" not in html and "•••43" in html
    assert "1980-05-17" not in html


def test_api_flow_for_a_focal_point_and_an_officer(client, auth):
    user = auth.login("focal_point")
    assert client.post("/api/v1/delegations", json={"type": 3, "address": ["x"]}).status_code == 400
    created = client.post("/api/v1/delegations", json={"type": "academia", "name": "Viện Nghiên cứu", "address": "Huế"})
    assert created.status_code == 201, created.json
    did = created.json["id"]
    bad = client.post(f"/api/v1/delegations/{did}/participants", json={"given_names": "", "category_code": "academia"})
    assert bad.status_code == 400 and bad.json["error"] == "invalid_input" and "family_name" in bad.json["fields"]
    odd = client.post(
        f"/api/v1/delegations/{did}/participants",
        json={"given_names": 12, "family_name": ["x"], "category_code": 7, "passport_number": 123, "arrival_date": 5},
    )
    assert odd.status_code == 400 and {"category_code", "passport_number", "arrival_date"} <= set(odd.json["fields"])
    member = client.post(
        f"/api/v1/delegations/{did}/participants",
        json={"given_names": "Ana", "family_name": "Silva", "category_code": "academia", "passport_number": "AB123456"},
    )
    assert member.status_code == 201 and member.json["passport_number"] == "•••56"
    pid = member.json["id"]
    incomplete = client.post(f"/api/v1/participants/{pid}/submit")
    assert incomplete.status_code == 400 and incomplete.json["error"] == "incomplete"
    assert client.get("/api/v1/participants").json["total"] == 1
    assert user.id
    auth.logout()
    auth.login("accreditation_officer")
    wrong = client.post(f"/api/v1/participants/{pid}/approve")
    assert wrong.status_code == 400 and wrong.json["error"] == "wrong_state"
    full = client.get(f"/api/v1/participants/{pid}").json
    assert full["passport_number"] == "AB123456"


def test_openapi_lists_the_registration_paths(client):
    doc = client.get("/api/v1/openapi.json").json
    assert "/api/v1/delegations" in doc["paths"] and "/api/v1/participants/{participant_id}/{action}" in doc["paths"]
    assert "ParticipantOut" in doc["components"]["schemas"]


def test_landing_signup_and_privacy_pages(client):
    assert "I register a delegation" in client.get("/registration/").get_data(as_text=True)
    assert "Decree 13/2023" in client.get("/registration/privacy").get_data(as_text=True)
    response = client.post(
        "/registration/signup",
        data={"full_name": "Lê Thị Hoa", "email": "hoa@mofa.example", "password": "short", "confirm": "short"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Lê Thị Hoa" in html and "hoa@mofa.example" in html
    response = client.post(
        "/registration/signup",
        data={
            "full_name": "Lê Thị Hoa",
            "email": "hoa@mofa.example",
            "password": "a long password 1",
            "confirm": "a long password 1",
            "privacy": "y",
        },
    )
    assert response.status_code == 302
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.to_address == "hoa@mofa.example")) is not None


def test_media_self_registration_page(client):
    response = client.post(
        "/registration/signup/individual",
        data={
            "delegation_type": "media",
            "organisation_name": "Báo Nhân Dân",
            "full_name": "Phạm Minh",
            "email": "minh@nhandan.example",
            "password": "a long password 1",
            "confirm": "a long password 1",
            "privacy": "y",
        },
    )
    assert response.status_code == 302 and "/members/new" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "Báo Nhân Dân" in page


def test_member_creates_a_login_from_the_personal_link_and_downloads_their_data(client, owner, theirs):
    _d, _doc, p = theirs
    with client.application.test_request_context():
        token = links.send_personal_link(owner.id, p.id)
    response = client.post(f"/registration/me/{token}/login", data={"password": "a long password 1"})
    assert response.status_code == 302 and response.location.endswith("/registration/my")
    assert services.participant_for_user(p.user_id).id == p.id
    page = client.get("/registration/my", follow_redirects=True).get_data(as_text=True)
    assert SECRET_NAME in page
    data = client.get("/registration/my/data.json").json
    assert data["email"] == "secret@example.no"
    again = client.post(
        f"/registration/me/{token}/login", data={"password": "a long password 1"}, follow_redirects=True
    )
    assert "already has a login" in again.get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "status", "cache"),
    [
        ("scanner", 200, "private, no-store"),
        ("accreditation_officer", 200, "private, no-store"),
        ("participant", 404, None),
    ],
)
def test_photos_are_served_only_to_those_who_may_see_them(client, auth, theirs, role, status, cache):
    _d, _doc, p = theirs
    auth.login(role)
    response = client.get(f"/registration/participants/{p.id}/photo.jpg?size=thumb")
    assert response.status_code == status
    assert response.headers.get("Cache-Control") == cache
    response.close()
