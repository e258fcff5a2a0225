"""Real browser: a journalist registers alone (documents, email verification, changes requested and
resubmitted); a focal point imports members and reads the per-row report."""

import re

import pytest
from sqlalchemy import select

from conference.core.models import OutboxMail
from conference.extensions import db
from tests import factories
from tests.conftest import TEST_PASSWORD, live_login

pytestmark = pytest.mark.browser


def _last_link(to: str, path: str) -> str:
    body = db.session.scalars(
        select(OutboxMail.body).where(OutboxMail.to_address == to).order_by(OutboxMail.id.desc())
    ).first()
    return re.search(rf"http://\S+{path}\S+", body).group(0)


def _upload(page, kind: str, name: str) -> None:
    page.get_by_role("combobox", name="Document").select_option(label=kind)
    page.get_by_label("PDF file (at most 10 MB)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": factories.pdf_bytes()}
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_text("Document uploaded.").wait_for()


def test_journalist_registers_alone_and_resubmits_after_changes(live_server, page, browser):
    live_server.run(lambda: factories.UserFactory(role="accreditation_officer", email="desk@un.example"))
    page.goto(f"{live_server.url}/registration/")
    page.get_by_role("link", name="Register as an individual").click()
    page.get_by_label("I register as").select_option("media")
    page.get_by_label("Organisation or media outlet").fill("Báo Tuổi Trẻ")
    page.get_by_label("Your full name").fill("Trần Thu Hà")
    page.get_by_label("Email").fill("ha@tuoitre.example")
    page.get_by_label("Password (at least 10 characters)").fill(TEST_PASSWORD)
    page.get_by_label("Repeat the password").fill(TEST_PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create my account").click()

    page.get_by_role("heading", name="Add a member").wait_for()
    assert page.get_by_label("Category").input_value() == "media"
    page.get_by_label("Given names (as in the passport)").fill("Thu Hà")
    page.get_by_label("Family name (as in the passport)").fill("Trần")
    page.get_by_label("Nationality").select_option("VNM")
    page.get_by_label("Passport or ID number").fill("C9876543")
    page.get_by_label("Passport expiry date").fill(factories.valid_passport_expiry().isoformat())
    page.get_by_label("Date of birth").fill("1990-07-01")
    page.get_by_label("Email").fill("ha@tuoitre.example")
    page.get_by_label("The person has read the privacy notice and consents to this processing").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_label(re.compile("^Photo")).set_input_files(
        {"name": "ha.jpg", "mimeType": "image/jpeg", "buffer": factories.photo_bytes()}
    )
    page.get_by_role("button", name="Upload photo").click()
    record_url = page.url

    page.get_by_role("button", name="Submit for accreditation").click()
    page.get_by_text("Upload the delegation's letter of assignment, press card (PDF) first.").wait_for()
    page.get_by_role("link", name="Báo Tuổi Trẻ").click()
    _upload(page, "Letter of assignment", "assignment.pdf")
    _upload(page, "Press card", "press-card.pdf")

    page.goto(record_url)
    page.get_by_role("button", name="Submit for accreditation").click()
    page.get_by_text("Confirm your email address first").wait_for()
    page.goto(live_server.run(_last_link, "ha@tuoitre.example", "/verify/"))
    page.get_by_text("Thank you, your email address is confirmed.").wait_for()
    page.goto(record_url)
    page.get_by_role("button", name="Submit for accreditation").click()
    page.get_by_text("Submitted for accreditation.").wait_for()

    officer = browser.new_context().new_page()
    live_login(officer, live_server.url, "desk@un.example")
    officer.goto(record_url)
    officer.get_by_label("Message to the focal point").fill("The press card has expired; upload the 2025 card.")
    officer.get_by_role("button", name="Request changes").click()
    officer.get_by_text("is now changes requested").wait_for()
    officer.context.close()

    page.reload()
    assert page.get_by_text("The press card has expired; upload the 2025 card.").is_visible()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Title / function").fill("Phóng viên")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Submit for accreditation").click()
    page.get_by_text("Submitted for accreditation.").wait_for()
    assert page.locator(".record-status").inner_text().strip() == "Submitted"


def test_focal_point_imports_members_and_reads_the_report(live_server, page):
    def arrange():
        user = factories.UserFactory(role="focal_point", email="fp@mission.example")
        return factories.DelegationFactory(country_iso3="CHL", focal_point=user, name="Chile").id

    delegation_id = live_server.run(arrange)
    live_login(page, live_server.url, "fp@mission.example")
    page.goto(f"{live_server.url}/registration/delegations/{delegation_id}")
    page.get_by_role("link", name="Import CSV/XLSX").click()
    header = "given_names,family_name,category,nationality,email,date_of_birth\n"
    bad = header + "María José,González,delegate,CHL,mj@minrel.example,1975-02-30\nPedro,=1+1,delegate,CHL,,\n"
    page.get_by_label("CSV or XLSX file").set_input_files(
        {"name": "members.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    page.get_by_role("button", name="Check and import").click()
    report = page.locator(".import-problems")
    report.wait_for()
    assert "Row 2, column “date_of_birth”: Date of birth is not a valid date" in report.inner_text()
    assert "Row 3, column “family_name”: formulas are not accepted" in report.inner_text()
    good = header + "María José,González,delegate,CHL,mj@minrel.example,1975-02-28\nPedro,Núñez,adviser,CHL,,\n"
    page.get_by_label("CSV or XLSX file").set_input_files(
        {"name": "members.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    page.get_by_role("button", name="Check and import").click()
    page.get_by_text("2 member(s) imported as drafts.").wait_for()
    assert page.locator("table.members tbody tr").count() == 2
    assert page.get_by_role("link", name="María José González").is_visible()
