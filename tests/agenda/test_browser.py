"""Real-browser flows: a participant books a workshop; a protocol officer runs the list of speakers."""

import re

import icalendar
import pytest
from playwright.sync_api import expect

from conference.agenda import speakers
from tests import factories
from tests.agenda.helpers import attendee, session_by_code
from tests.conftest import live_login

pytestmark = pytest.mark.browser


def test_a_participant_filters_the_agenda_signs_up_and_downloads_the_ics(live_server, page, tmp_path):
    email = live_server.run(lambda: attendee(given_names="Mai", family_name="Tran")[0].email)
    live_login(page, live_server.url, email)
    page.goto(f"{live_server.url}/agenda/")
    page.get_by_label("Day", exact=True).select_option("2025-10-26")
    page.get_by_label("Kind", exact=True).select_option("workshop")
    page.get_by_label("Search", exact=True).fill("forensic")
    page.get_by_role("button", name="Filter").click()
    results = page.locator(".agenda-list a")
    expect(results.first).to_be_visible()
    assert all(t.lower() == "workshop" for t in results.locator(".kind-badge").all_inner_texts())
    title = results.first.locator(".session-title").inner_text()
    results.first.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Signed up: the seat is confirmed.")).to_be_visible()
    expect(page.get_by_text("seat confirmed")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "session.ics"
    info.value.save_as(path)
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [title]
    page.goto(f"{live_server.url}/agenda/mine")
    expect(page.get_by_role("link", name=title)).to_be_visible()


def test_the_grid_view_scrolls_sideways_on_a_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/agenda/grid?day=2025-10-26")
    expect(phone.locator(".grid-session").first).to_be_visible()
    scroller = phone.locator(".agenda-grid-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def arrange_plenary() -> tuple[str, int]:
    plenary = session_by_code("PLENARY-D1")
    for name, iso3, level in (("Brazil", "BRA", "head_of_state"), ("France", "FRA", "ambassador")):
        focal = factories.UserFactory(role="focal_point")
        delegation = factories.DelegationFactory(country_iso3=iso3, focal_point=focal, name=name)
        speakers.inscribe(plenary.id, delegation.id, focal.id, f"Speaker of {name}", "", level)
    return factories.UserFactory(role="protocol_officer").email, plenary.id


def test_an_officer_runs_the_list_while_the_room_screen_follows(live_server, page, browser):
    email, plenary_id = live_server.run(arrange_plenary)
    screen_context = browser.new_context(viewport={"width": 1280, "height": 720})
    screen = screen_context.new_page()
    screen.goto(f"{live_server.url}/agenda/screen/{plenary_id}")
    delegation = screen.locator('[data-field="delegation"]')
    timer = screen.locator('[data-field="timer"]')
    expect(delegation).to_have_text("—")
    expect(screen.locator('[data-field="next"] li').first).to_have_text("Brazil — Speaker of Brazil")

    live_login(page, live_server.url, email)
    page.goto(f"{live_server.url}/agenda/speakers/console/{plenary_id}")
    rows = page.locator(".speakers-table tbody tr")
    expect(rows.first).to_have_attribute("data-delegation", "Brazil")
    page.get_by_role("button", name="Move up: France").click()
    expect(rows.first).to_have_attribute("data-delegation", "France")
    page.locator('tr[data-delegation="Brazil"]').drag_to(page.locator('tr[data-delegation="France"]'))
    expect(rows.first).to_have_attribute("data-delegation", "Brazil")
    page.get_by_role("button", name="Move up: France").click()
    expect(rows.first).to_have_attribute("data-delegation", "France")

    page.get_by_label("Time limit per statement (minutes)").fill("3")
    page.get_by_role("button", name="Set the time limit").click()
    page.get_by_role("button", name="Next speaker").click()
    expect(delegation).to_have_text("France")
    expect(timer).to_have_text("03:00")
    page.get_by_role("button", name="Start timer").click()
    expect(timer).to_have_text(re.compile(r"^02:[0-5]\d$"))
    page.get_by_role("button", name="Stop timer").click()
    page.get_by_role("button", name="Next speaker").click()
    expect(delegation).to_have_text("Brazil")
    expect(screen.locator('[data-field="speaker"]')).to_have_text("Speaker of Brazil, Head of State")
    page.get_by_role("button", name="Mark as spoken: Brazil").click()
    expect(delegation).to_have_text("—")
    screen_context.close()
