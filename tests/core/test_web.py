import pytest


def test_every_route_declares_who_may_use_it(app):
    """A view without @public or @roles_required is a defect: nobody decided who may call it."""
    unguarded = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if not hasattr(view, "_access"):
            unguarded.append(rule.rule)
    assert unguarded == []


@pytest.mark.smoke
def test_home_shows_the_programme_in_venue_time(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Signing ceremony of the United Nations Convention against Cybercrime" in html
    assert "Day 1 — Saturday 25 October 2025" in html


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src-attr")[0]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert b"Page not found" in response.data
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json["error"] == "not_found"


def test_language_switch_to_vietnamese(client):
    client.post("/language/vi", data={"next": "/"})
    response = client.get("/")
    assert 'lang="vi"' in response.get_data(as_text=True)
