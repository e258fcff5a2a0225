import pytest


@pytest.fixture
def in_request(app):
    """Services that mail links build them with url_for, as they do inside a request."""
    with app.test_request_context("/"):
        yield
