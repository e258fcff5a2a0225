import types

import pyotp
import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select, update

from conference.admin import collect
from conference.core.panel import Figure
from conference.extensions import db
from conference.registration.models import Participant
from tests import factories
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser
LABEL = "Approved participants (browser test)"


def _approved_figure() -> list[Figure]:
    count = db.session.scalar(select(func.count()).where(Participant.status == "approved"))
    return [Figure("test", LABEL, count)]


def test_admin_enrols_2fa_invites_an_officer_and_watches_a_figure_change(live_server, page, monkeypatch):
    live_server.app.config["TOTP_REQUIRED"] = True
    real = collect.contributions
    extra = [("test", types.SimpleNamespace(figures=_approved_figure))]
    monkeypatch.setattr(collect, "contributions", lambda name: real(name) + (extra if name == "stats" else []))
    email = live_server.run(lambda: factories.UserFactory(role="admin", email="chief@test.example").email)

    def draft_participant() -> int:
        return factories.ParticipantFactory(
            delegation=factories.DelegationFactory(country_iso3="KEN"), status="submitted"
        ).id

    participant_id = live_server.run(draft_participant)

    # Password, then the one-time enrolment with a code computed from the key shown on the page.
    page.goto(f"{live_server.url}/login?next=/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/login/enrol")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved them — continue").click()
    page.wait_for_url("**/admin/")

    # Invite an accreditation officer.
    page.goto(f"{live_server.url}/admin/people")
    page.get_by_label("Email", exact=True).fill("officer@test.example")
    page.get_by_label("Full name").fill("Accreditation Officer")
    page.get_by_label("Role", exact=True).select_option("accreditation_officer")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to officer@test.example.")).to_be_visible()
    row = page.locator('tr[data-email="officer@test.example"]')
    expect(row).to_contain_text("invited")
    expect(row.locator("select")).to_have_value("accreditation_officer")

    # The dashboard updates itself after an approval, without a reload.
    page.goto(f"{live_server.url}/admin/")
    value = page.locator(f'.figure-card[data-key="test:{LABEL}"] .figure-value')
    before = int(value.inner_text())
    page.evaluate("window.__sameDocument = true")

    def approve() -> None:
        db.session.execute(update(Participant).where(Participant.id == participant_id).values(status="approved"))
        db.session.commit()

    live_server.run(approve)
    expect(value).to_have_text(str(before + 1), timeout=20_000)
    assert page.evaluate("window.__sameDocument") is True
