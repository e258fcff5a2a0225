import pytest

from tests import factories
from tests.conftest import live_login

pytestmark = pytest.mark.browser


def _arrange():
    officer = factories.UserFactory(role="accreditation_officer", email="officer@test.example")
    delegation = factories.DelegationFactory(country_iso3="VNM", name="Viet Nam", type="host_country")
    badges = [
        factories.BadgeFactory(
            participant__delegation=delegation,
            participant__family_name=name,
            participant__category_code="media",
            participant__with_photo=True,
            participant__photo_seed=i,
        )
        for i, name in enumerate(["Trần", "Lê", "Ngô"])
    ]
    return officer.email, [b.number for b in badges]


def test_an_officer_prints_a_category_then_hands_a_badge_over(live_server, page):
    email, numbers = live_server.run(_arrange)
    live_login(page, live_server.url, email)
    page.get_by_role("link", name="Badges", exact=True).click()
    page.get_by_label("Which badges").select_option("category")
    assert page.get_by_label("Delegation").is_hidden()
    page.get_by_label("Category").select_option("media")
    page.get_by_label("Layout").select_option("cr80-a4")
    page.get_by_role("button", name="Print batch").click()
    assert page.get_by_text("3 badges.").is_visible()
    download = page.get_by_role("link", name="Download PDF")
    assert download.is_visible()
    pdf = page.request.get(live_server.url + download.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    for number in numbers:
        assert page.get_by_role("link", name=number).is_visible()

    page.get_by_role("link", name=numbers[0]).click()
    page.get_by_role("button", name="Record hand-over").click()
    assert page.get_by_text("Check the holder's passport or ID").is_visible()
    page.get_by_label("I checked the holder's passport or ID against the badge").check()
    page.get_by_role("button", name="Record hand-over").click()
    assert page.get_by_text("Hand-over recorded.").is_visible()
    assert page.locator(".badge", has_text="collected").is_visible()


def test_an_officer_reprints_a_lost_badge(live_server, page):
    email, numbers = live_server.run(_arrange)
    live_login(page, live_server.url, email)
    page.goto(f"{live_server.url}/badges/find")
    page.get_by_label("Name or badge number").fill(numbers[1])
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=numbers[1]).click()
    page.get_by_label("Why reprint").select_option("lost")
    page.get_by_role("button", name="Reprint with a new serial").click()
    assert page.get_by_text("Serial 2 issued").is_visible()
    assert page.locator("#serial").inner_text() == "2"
