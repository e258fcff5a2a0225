import pytest

from conference.extensions import limiter


@pytest.fixture(autouse=True)
def _limiter_follows_the_test_app(request):
    """Flask-Limiter keeps ``enabled`` on the shared extension object, so an app made with rate
    limits on (tests/accounts) leaves them on for every later app. Our login-heavy tests use the
    session app, which has them off."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        limiter.enabled = app.config["RATELIMIT_ENABLED"]
    yield
