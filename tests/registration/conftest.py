import pytest


@pytest.fixture(autouse=True)
def _request_context(request):
    """Services build links (verification, personal links) with url_for, as they do inside requests."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.test_request_context("/"):
        yield
