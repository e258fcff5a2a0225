"""In a real browser: a company applies, an organiser allocates booth B07, the public finds it on the plan."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from conference.exhibition import services
from tests import factories
from tests.conftest import live_login

pytestmark = pytest.mark.browser


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 160), (255, 130, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def _scan_a_consenting_visitor() -> None:
    visitor = factories.ParticipantFactory(
        given_names="Claire", family_name="Martin", email="claire@france.example", consent_share_contact=True
    )
    booth = services.booth_by_code("B07")
    staff_user = services.applicant(services.occupants()[booth.id])
    services.record_booth_scan(booth.id, visitor.id, staff_user.id, dt.datetime.now(dt.UTC))


def test_a_company_applies_an_organiser_allocates_b07_and_the_public_sees_it(live_server, page, browser):
    base = live_server.url
    admin_email = live_server.run(lambda: factories.UserFactory(role="admin").email)

    # The company applies, creating its exhibitor account on the way.
    page.goto(f"{base}/exhibition/")
    page.get_by_role("link", name="Apply to exhibit").click()
    page.get_by_label("Your name").fill("Minh Tran")
    page.get_by_label("Your email").fill("minh@cybershield.example")
    page.get_by_label("Choose a password").fill("a long password")
    page.get_by_label("Organisation", exact=True).fill("Cyber Shield Labs")
    page.get_by_label("Kind of organisation").select_option("tech_company")
    page.get_by_label("Theme", exact=True).select_option("cybersecurity")
    page.get_by_label("Booth size").select_option("9")
    page.get_by_label("Preferred booths (optional)").select_option(["B07"])
    page.get_by_label("Description (English)").fill("Threat intelligence for law enforcement.")
    page.get_by_label("Website", exact=True).fill("https://cybershield.example")
    page.locator("#logo").set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": _logo()})
    page.locator("#staff-0-given_names").fill("Lan")
    page.locator("#staff-0-family_name").fill("Nguyen")
    page.locator("#staff-0-email").fill("lan@cybershield.example")
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_url("**/exhibition/mine")
    expect(page.get_by_text("Under review")).to_be_visible()

    # An organiser approves it and allocates B07.
    organiser = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = organiser.new_page()
    live_login(admin, base, admin_email)
    admin.goto(f"{base}/exhibition/admin")
    admin.get_by_role("link", name="Cyber Shield Labs").click()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Application approved")).to_be_visible()
    admin.get_by_label("Booth", exact=True).select_option("B07")
    admin.get_by_role("button", name="Allocate booth").click()
    expect(admin.get_by_text("Booth allocated")).to_be_visible()
    expect(admin.locator(".allocated-booth")).to_have_text("B07")
    organiser.close()

    # The exhibitor's staff scan a visitor who agreed to share contact details: a lead appears.
    live_server.run(_scan_a_consenting_visitor)
    page.goto(f"{base}/exhibition/mine")
    expect(page.locator(".booth-highlight[data-code='B07']")).to_have_count(1)
    expect(page.locator("table.leads").get_by_text("claire@france.example")).to_be_visible()

    # Anyone, without logging in, finds the company on the floor plan.
    public = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    visitor = public.new_page()
    visitor.goto(f"{base}/exhibition/")
    booth = visitor.locator(".booth[data-code='B07']")
    assert booth.get_attribute("data-name") == "Cyber Shield Labs"
    assert "Cyber Shield Labs" in booth.locator("title").text_content()
    booth.click()
    info = visitor.locator(".booth-info")
    expect(info.get_by_text("Cyber Shield Labs")).to_be_visible()
    info.get_by_role("link", name="Cyber Shield Labs").click()
    visitor.wait_for_url("**/exhibition/exhibitors/*")
    expect(visitor.get_by_role("heading", name="Cyber Shield Labs")).to_be_visible()
    expect(visitor.locator(".booth-highlight[data-code='B07']")).to_have_count(1)
    assert visitor.evaluate("document.querySelector('img.exhibitor-logo').naturalWidth") > 0
    public.close()
