import pytest

from tests import factories
from tests.conftest import live_login

pytestmark = pytest.mark.browser


def test_a_user_logs_in_and_sees_the_programme(live_server, page):
    email = live_server.run(lambda: factories.UserFactory(role="participant", email="delegate@test.example").email)
    page.goto(live_server.url)
    assert page.get_by_role("heading", name="Programme").is_visible()
    live_login(page, live_server.url, email)
    assert page.get_by_text("delegate@test.example").is_visible()
    assert page.get_by_text(
        "Signing ceremony of the United Nations Convention against Cybercrime", exact=True
    ).is_visible()
    assert page.locator(".programme .list-group-item").count() >= 40
