import pytest
from sqlalchemy import func, select

from conference.badges import printing, services
from conference.badges.models import PrintBatchItem
from conference.extensions import db
from tests import factories


@pytest.mark.parametrize("role", ["participant", "scanner", "focal_point", "protocol_officer", "exhibitor"])
def test_only_accreditation_officers_print_and_reprint(app, client, auth, role):
    badge = factories.BadgeFactory()
    auth.login(role)
    assert client.get("/badges/").status_code == 403
    assert client.post("/badges/", data={"selection": "unprinted", "layout": "cr80"}).status_code == 403
    assert client.post(f"/badges/{badge.id}/print", data={"desk-layout": "cr80"}).status_code == 403
    assert client.post(f"/badges/{badge.id}/reprint", data={"reprint-reason": "lost"}).status_code == 403
    assert client.post(f"/badges/{badge.id}/revoke", data={"revoke-reason": "x"}).status_code == 403
    assert client.get(f"/badges/{badge.id}/preview.pdf").status_code == 403
    db.session.refresh(badge)
    assert badge.serial == 1 and badge.printed_at is None and badge.status == "active"


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get("/badges/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_officer_prints_a_batch_and_downloads_it_again(app, client, auth):
    delegation = factories.DelegationFactory(country_iso3="VNM", name="Viet Nam")
    badge = factories.BadgeFactory(participant__delegation=delegation, participant__family_name="Phạm")
    auth.login("accreditation_officer")
    page = client.get("/badges/")
    assert page.status_code == 200 and "Phạm" in page.get_data(as_text=True)
    response = client.post(
        "/badges/", data={"selection": "delegation", "delegation": str(delegation.id), "layout": "cr80-a4"}
    )
    assert response.status_code == 302
    batch_url = response.headers["Location"]
    page = client.get(batch_url).get_data(as_text=True)
    assert badge.number in page and "Download PDF" in page
    batch, _by = printing.recent_batches(1)[0]
    with client.get(f"/badges/batches/{batch.id}.pdf") as pdf:
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert client.get(f"/badges/batches/{batch.id}/progress").get_json()["status"] == "done"


def test_an_empty_selection_re_renders_the_form_with_the_reason(app, client, auth):
    auth.login("accreditation_officer")
    response = client.post("/badges/", data={"selection": "category", "category": "volunteer", "layout": "a6"})
    assert response.status_code == 200
    assert "No approved badge matches this choice." in response.get_data(as_text=True)


def test_desk_print_reprint_revoke_and_hand_over(app, client, auth):
    badge = factories.BadgeFactory(participant__family_name="Desk")
    officer = auth.login("accreditation_officer")
    assert client.get("/badges/find?q=Desk").status_code == 200
    assert client.get(f"/badges/find?q={badge.number}").get_data(as_text=True).count(badge.number) >= 1
    response = client.post(f"/badges/{badge.id}/print", data={"desk-layout": "cr80"})
    assert response.status_code == 302 and response.headers["Location"].endswith(".pdf")
    with client.get(response.headers["Location"]) as pdf:
        assert pdf.data.startswith(b"%PDF")
    bad = client.post(f"/badges/{badge.id}/collect", data={})
    assert bad.status_code == 400 and "Check the holder" in bad.get_data(as_text=True)
    assert client.post(f"/badges/{badge.id}/collect", data={"collect-id_checked": "y"}).status_code == 302
    assert services.get_badge(badge.id).collected_by_id == officer.id
    bad = client.post(f"/badges/{badge.id}/reprint", data={"reprint-reason": "other", "reprint-note": ""})
    assert bad.status_code == 400 and "Say why" in bad.get_data(as_text=True)
    assert client.post(f"/badges/{badge.id}/reprint", data={"reprint-reason": "lost"}).status_code == 302
    assert services.badge_state(badge.id).revoked_serials == (1,)
    assert client.post(f"/badges/{badge.id}/revoke", data={"revoke-reason": ""}).status_code == 400
    assert client.post(f"/badges/{badge.id}/revoke", data={"revoke-reason": "stolen"}).status_code == 302
    assert services.badge_state(badge.id).revoked_serials == (1, 2)
    assert "revoked" in client.get(f"/badges/{badge.id}").get_data(as_text=True)


def test_not_collected_list(app, client, auth):
    badge = factories.BadgeFactory(participant__family_name="Waiting")
    printing.create_batch("badge", str(badge.id))
    auth.login("accreditation_officer")
    assert "Waiting" in client.get("/badges/not-collected").get_data(as_text=True)


def test_scanners_read_badge_state_and_the_revocation_list(app, client, auth):
    badge = factories.BadgeFactory()
    services.reprint(badge.id, "lost")
    auth.login("scanner")
    state = client.get(f"/api/v1/badges/{badge.id}/state").get_json()
    assert state == {
        "badge_id": badge.id,
        "participant_id": badge.participant_id,
        "current_serial": 2,
        "status": "active",
        "revoked_serials": [1],
    }
    listing = client.get("/api/v1/badges/revocations").get_json()
    assert {"badge_id": badge.id, "current_serial": 2}.items() <= next(
        b for b in listing["badges"] if b["badge_id"] == badge.id
    ).items()
    assert listing["public_keys"]["1"]
    assert client.get("/api/v1/badges/999999/state").get_json()["error"] == "badge_not_found"
    assert "/api/v1/badges/revocations" in client.get("/api/v1/openapi.json").get_json()["paths"]


def test_participants_cannot_read_badge_state(app, client, auth):
    badge = factories.BadgeFactory()
    auth.login("participant")
    assert client.get(f"/api/v1/badges/{badge.id}/state").status_code == 403


def test_a_badge_number_beyond_any_id_finds_nothing(app, client, auth):
    from conference.badges import search

    auth.login("accreditation_officer")
    page = client.get("/badges/find?q=HN99999999999")
    assert page.status_code == 200 and "No badge matches." in page.get_data(as_text=True)
    with app.test_request_context():
        assert search.search("99999999999", 5) == []


def test_a_refused_reprint_is_shown_beside_its_field_with_the_choice_kept(app, client, auth):
    badge = factories.BadgeFactory()
    auth.login("accreditation_officer")
    page = client.post(f"/badges/{badge.id}/reprint", data={"reprint-reason": "other", "reprint-note": "  "})
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    note = html[html.index('id="reprint-note"') :]
    assert note.index("Say why the badge is reprinted.") < note.index("</div>")
    assert '<option selected value="other">' in html
    assert services.badge_state(badge.id).current_serial == 1


def test_an_empty_batch_choice_is_shown_beside_the_selection_with_the_category_kept(app, client, auth):
    auth.login("accreditation_officer")
    page = client.post("/badges/", data={"selection": "category", "category": "volunteer", "layout": "a6"})
    html = page.get_data(as_text=True)
    selection = html[html.index('id="selection"') :]
    assert selection.index("No approved badge matches this choice.") < selection.index("</div>")
    assert '<option selected value="volunteer">' in html


def test_revoking_a_revoked_badge_is_flashed(app, client, auth):
    badge = factories.BadgeFactory(revoked=True)
    auth.login("accreditation_officer")
    page = client.post(f"/badges/{badge.id}/revoke", data={"revoke-reason": "again"})
    assert page.status_code == 400
    assert 'role="alert"' in page.get_data(as_text=True)
    assert "This badge is revoked" in page.get_data(as_text=True)


def test_a_desk_print_that_cannot_be_drawn_leaves_the_badge_unprinted(app, client, auth):
    badge = factories.BadgeFactory(participant__badge_name="Anna \U00013000")
    auth.login("accreditation_officer")
    response = client.post(f"/badges/{badge.id}/print", data={"desk-layout": "cr80"})
    assert response.status_code == 500
    db.session.expire_all()
    assert services.get_badge(badge.id).printed_at is None
    printed = select(func.count()).select_from(PrintBatchItem).where(PrintBatchItem.badge_id == badge.id)
    assert db.session.scalar(printed) == 0


def test_badge_ids_beyond_the_column_are_not_found(app, client, auth):
    auth.login("scanner")
    for path in ("2147483648", "99999999999999999999", "1.5", "true", "-1"):
        response = client.get(f"/api/v1/badges/{path}/state")
        assert response.status_code == 404 and response.get_json()["error"] == "not_found"
