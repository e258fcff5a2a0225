"""Real browser: a focal point registers a delegation with three members and photos and submits; a
member completes their own record through the personal link; an officer approves; the mails are in
the outbox and the member sees "approved"."""

import re

import pytest
from sqlalchemy import select

from conference.core.models import OutboxMail
from conference.extensions import db
from tests import factories
from tests.conftest import live_login

pytestmark = pytest.mark.browser

MEMBERS = [
    ("Thị Minh Khai", "Nguyễn", "NV1234567"),
    ("Александр", "Пушкин", "RU7654321"),
    ("小明", "王", "CN5554443"),
]


def _arrange():
    focal = factories.UserFactory(role="focal_point", email="dao@mission.example")
    factories.UserFactory(role="accreditation_officer", email="officer@un.example")
    return focal.email


def _mails(subject_start: str) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(OutboxMail.to_address, OutboxMail.body).where(OutboxMail.subject.startswith(subject_start))
    )
    return [tuple(r) for r in rows]


def _add_member(page, given: str, family: str, passport: str, *, email: str) -> None:
    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Given names (as in the passport)").fill(given)
    page.get_by_label("Family name (as in the passport)").fill(family)
    page.get_by_label("Nationality").select_option("ITA")
    page.get_by_label("Passport or ID number").fill(passport)
    page.get_by_label("Passport expiry date").fill(factories.valid_passport_expiry().isoformat())
    page.get_by_label("Date of birth").fill("1978-02-14")
    page.get_by_label("Email").fill(email)
    page.get_by_label("The person has read the privacy notice and consents to this processing").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name=f"{given} {family}").wait_for()


def _upload_photo(page, data: bytes) -> None:
    page.get_by_label(re.compile("^Photo")).set_input_files(
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": data}
    )
    page.get_by_role("button", name="Upload photo").click()
    page.get_by_text("Photo saved (cropped to 3:4).").wait_for()


def test_delegation_registered_submitted_approved_and_seen_by_the_member(live_server, page, tmp_path):
    email = live_server.run(_arrange)
    live_login(page, live_server.url, email)

    page.goto(f"{live_server.url}/registration/delegations/new")
    page.get_by_label("Type of delegation").select_option("member_state")
    page.get_by_label("State (for state delegations)").select_option("ITA")
    page.get_by_label("Official postal address").fill("Piazzale della Farnesina 1, Roma")
    page.get_by_role("button", name="Save the delegation").click()
    page.get_by_role("heading", name=re.compile("Italy")).wait_for()

    page.get_by_label("PDF file (at most 10 MB)").set_input_files(
        {"name": "note-verbale.pdf", "mimeType": "application/pdf", "buffer": factories.pdf_bytes()}
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_text("Document uploaded.").wait_for()

    delegation_url = page.url
    for i, (given, family, passport) in enumerate(MEMBERS):
        _add_member(page, given, family, passport, email=f"member{i}@mission.example")
        if i < 2:
            _upload_photo(page, factories.photo_bytes(640 + i * 100, 900))
        page.goto(delegation_url)
    assert page.locator("table.members tbody tr").count() == 3

    # The third member adds their own photo through the personal link.
    page.get_by_role("link", name="小明 王").click()
    page.get_by_role("button", name="Mail a personal link to the member").click()
    page.get_by_text("Personal link mailed").wait_for()
    body = live_server.run(_mails, "Complete your registration")[0][1]
    link = re.search(r"http://\S+/registration/me/\S+", body).group(0)
    member = page.context.browser.new_context().new_page()
    member.goto(link)
    assert member.get_by_text("Thị Minh Khai").count() == 0  # only their own record
    _upload_photo(member, factories.photo_bytes(800, 800, fmt="PNG"))

    page.goto(delegation_url)
    page.get_by_role("combobox", name="Head of Delegation").select_option(label="Thị Minh Khai Nguyễn")
    page.get_by_role("button", name="Designate").click()
    page.get_by_role("button", name="Submit for accreditation").click()
    page.get_by_text("3 registration(s) submitted for accreditation.").wait_for()
    page.screenshot(path=str(tmp_path / "delegation.png"), full_page=True)

    page.get_by_role("button", name="Log out").click()
    live_login(page, live_server.url, "officer@un.example")
    page.goto(f"{live_server.url}/registration/queue?status=submitted&q=mission.example")
    assert page.locator("table.queue tbody tr").count() == 3
    page.get_by_label("Tick all").check()
    page.get_by_role("button", name="Approve ticked").click()
    page.get_by_text("3 record(s) changed.").wait_for()

    approvals = live_server.run(_mails, "Accreditation approved")
    recipients = {to for to, _ in approvals}
    assert {"member0@mission.example", "member1@mission.example", "member2@mission.example"} <= recipients
    assert "dao@mission.example" in recipients

    member.reload()
    assert member.locator(".record-status").inner_text().strip() == "Approved"
    assert member.get_by_text("Your accreditation is approved.").is_visible()
    member.context.close()
