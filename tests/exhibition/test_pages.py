"""Pages and the public API: directory, applying, the organisers' review, logos, panel contributions."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from conference.exhibition import exports, search, services, stats
from conference.exhibition.models import Exhibitor
from conference.extensions import db
from tests import factories


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (11, 79, 138)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_directory_and_floor_plan_are_public(client):
    factories.ExhibitorFactory(
        status="approved", booth="B07", organisation_name="Cyber Shield Labs", theme="cybersecurity"
    )
    factories.ExhibitorFactory(status="applied", organisation_name="Secret Applicant")
    page = client.get("/exhibition/").get_data(as_text=True)
    assert "<svg" in page and 'viewBox="0 0 60 40"' in page
    assert page.count('class="booth ') == 24
    assert "Cyber Shield Labs" in page and "Secret Applicant" not in page
    assert "<title>B07 · Cyber Shield Labs · 9 m²</title>" in page
    filtered = client.get("/exhibition/?theme=fighting-cybercrime").get_data(as_text=True)
    assert "No exhibitor matches your search." in filtered


def test_exhibitor_page_highlights_its_booth_and_hides_pending_ones(client):
    shown = factories.ExhibitorFactory(status="approved", booth="B07", organisation_name="Cyber Shield Labs")
    pending = factories.ExhibitorFactory(status="applied")
    page = client.get(f"/exhibition/exhibitors/{shown.id}").get_data(as_text=True)
    assert 'booth booth-taken booth-highlight"' in page and 'data-code="B07"' in page
    assert page.count("booth-highlight") == 1
    assert client.get(f"/exhibition/exhibitors/{pending.id}").status_code == 404


def test_public_api_lists_booths_and_exhibitors(client):
    shown = factories.ExhibitorFactory(status="approved", booth="B07", organisation_name="Cyber Shield Labs")
    booths = client.get("/api/v1/booths").json
    assert len(booths) == 24
    b07 = next(b for b in booths if b["code"] == "B07")
    assert b07["exhibitor"]["name"] == "Cyber Shield Labs" and b07["size_sqm"] == 9
    assert next(b for b in booths if b["code"] == "B08")["exhibitor"] is None
    [listed] = client.get("/api/v1/exhibitors?q=shield").json
    assert (listed["id"], listed["booth"]) == (shown.id, "B07")
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/booths", "/api/v1/exhibitors"} <= paths.keys()
    assert "/api/v1/booths/{code}/scans" not in paths  # booth scans go through POST /api/v1/scans
    assert paths["/api/v1/booths"]["get"]["security"] == []


def test_a_newcomer_applies_through_the_form(client):
    response = client.post(
        "/exhibition/apply",
        data={
            "full_name": "Minh Tran",
            "email": "minh@cybershield.example",
            "password": "a long password",
            "organisation_name": "Cyber Shield Labs",
            "kind": "tech_company",
            "theme": "cybersecurity",
            "requested_size_sqm": "9",
            "preferred_booths": ["B07"],
            "description_en": "Threat intelligence.",
            "website": "https://cybershield.example",
            "logo": (io.BytesIO(_png()), "logo.png"),
            "staff-0-given_names": "Lan",
            "staff-0-family_name": "Nguyen",
            "staff-0-email": "lan@cybershield.example",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302 and response.location.endswith("/exhibition/mine")
    page = client.get("/exhibition/mine").get_data(as_text=True)
    assert "Under review" in page and "Lan Nguyen" in page
    exhibitor = db.session.scalar(select(Exhibitor).where(Exhibitor.organisation_name == "Cyber Shield Labs"))
    with client.get(f"/exhibition/exhibitors/{exhibitor.id}/logo") as logo:  # the applicant sees it
        assert (logo.status_code, logo.mimetype) == (200, "image/jpeg")
    client.post("/logout")
    assert client.get(f"/exhibition/exhibitors/{exhibitor.id}/logo").status_code == 404  # not public yet


def test_a_bad_logo_keeps_what_was_typed(client, auth):
    auth.login("exhibitor")
    response = client.post(
        "/exhibition/apply",
        data={
            "organisation_name": "Cyber Shield Labs",
            "kind": "tech_company",
            "theme": "cybersecurity",
            "requested_size_sqm": "9",
            "description_en": "Threat intelligence.",
            "logo": (io.BytesIO(b"not an image"), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This file is not a readable JPEG or PNG image." in page and 'value="Cyber Shield Labs"' in page


def test_organiser_reviews_and_allocates_with_clear_messages(client, auth):
    holder = factories.ExhibitorFactory(status="approved", booth="B07", organisation_name="First Come")
    applicant = factories.ExhibitorFactory(status="applied", requested_size_sqm=18, organisation_name="Big Org")
    auth.login("admin")
    assert client.post(f"/exhibition/admin/{applicant.id}/approve", data={"message": ""}).status_code == 302
    page = client.post(f"/exhibition/admin/{applicant.id}/allocate", data={"booth": "B07"}).get_data(as_text=True)
    assert "Booth B07 has 9 m²; Big Org asked for 18 m²." in page
    holder.requested_size_sqm = 9
    page = client.post(f"/exhibition/admin/{applicant.id}/allocate", data={"booth": "B03"}, follow_redirects=True)
    assert "Booth allocated" in page.get_data(as_text=True)
    page = client.post(f"/exhibition/admin/{holder.id}/allocate", data={"booth": "B03"}).get_data(as_text=True)
    assert "Booth B03 is already allocated to Big Org." in page
    listing = client.get("/exhibition/admin").get_data(as_text=True)
    assert "Big Org" in listing and "Visits per booth" in listing


def test_exhibitor_pages_need_the_role(client, auth):
    assert client.get("/exhibition/mine").status_code == 302
    auth.login("participant")
    assert client.get("/exhibition/mine").status_code == 403
    assert client.get("/exhibition/admin").status_code == 403


def test_panel_contributions(app):
    factories.ExhibitorFactory(status="approved", booth="B07", organisation_name="Cyber Shield Labs")
    factories.ExhibitorFactory(status="applied", organisation_name="Cyber Pending")
    figures = {f.label: f for f in stats.figures()}
    assert figures["Booths allocated"].detail == {"allocated": 1, "free": 23}
    assert figures["Exhibitor applications"].detail == {"approved": 1, "applied": 1}
    table = exports.EXPORTS["booth_visits"].build(False)
    assert ("B07", 9, "Cyber Shield Labs", 0, 0) in list(table.rows)
    assert len(list(exports.EXPORTS["exhibitors"].build(False).rows)) == 2
    with app.test_request_context():
        hits = search.search("cyber", 10)
    assert [(h.title, bool(h.roles)) for h in hits] == [("Cyber Pending", True), ("Cyber Shield Labs", False)]
    assert services.public_exhibitors("cyber")[0].organisation_name == "Cyber Shield Labs"


def test_an_organiser_enters_an_application_for_an_organisation(client, auth):
    auth.login("admin")
    response = client.post(
        "/exhibition/admin/new",
        data={
            "full_name": "Pavilion Contact",
            "email": "pavilion@korea.example",
            "organisation_name": "Republic of Korea pavilion",
            "kind": "country",
            "theme": "digital-transformation",
            "requested_size_sqm": "36",
            "description_en": "Digital government.",
        },
    )
    assert response.status_code == 302
    exhibitor = db.session.scalar(select(Exhibitor).where(Exhibitor.organisation_name == "Republic of Korea pavilion"))
    assert response.location.endswith(f"/exhibition/admin/{exhibitor.id}")
    owner = services.applicant(exhibitor)
    assert (owner.email, owner.role, owner.password_hash) == ("pavilion@korea.example", "exhibitor", None)


def test_apply_sends_each_role_to_the_right_place(client, auth):
    auth.login("participant")
    assert "exhibitor account of their own" in client.get("/exhibition/apply").get_data(as_text=True)
    auth.logout()
    auth.login("admin")
    assert client.get("/exhibition/apply").location.endswith("/exhibition/admin/new")
    auth.logout()
    exhibitor = factories.ExhibitorFactory()
    client.post("/login", data={"email": services.applicant(exhibitor).email, "password": factories.TEST_PASSWORD})
    assert client.get("/exhibition/apply").location.endswith("/exhibition/mine")
