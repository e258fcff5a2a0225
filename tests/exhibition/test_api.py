"""The exhibition's JSON API: strict queries, answers that match the generated document."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.mark.parametrize(
    "query",
    [
        "q=%00shield",  # a NUL byte cannot reach PostgreSQL
        "theme=" + "x" * 41,  # longer than the column
        "q=" + "x" * 201,
        "page=2",  # not a parameter of this route: a typo is not silently ignored
    ],
)
def test_the_directory_api_refuses_malformed_queries(client, query):
    response = client.get(f"/api/v1/exhibitors?{query}")
    assert response.status_code == 400
    assert response.json["error"] == "invalid_input"


def test_an_id_beyond_the_column_is_not_found(client, auth):
    auth.login("exhibitor")
    response = client.get(f"/api/v1/exhibitors/{2**31}/leads")
    assert (response.status_code, response.json["error"]) == (404, "not_found")


def test_another_exhibitors_leads_are_refused_with_the_catalogue_code(client, auth):
    other = factories.ExhibitorFactory(status="approved")
    auth.login("exhibitor")
    response = client.get(f"/api/v1/exhibitors/{other.id}/leads")
    assert (response.status_code, response.json["error"]) == (404, "exhibitor_not_found")
    assert response.json["message"] == "No such exhibitor."


def test_the_document_describes_every_key_the_api_returns(client):
    factories.ExhibitorFactory(status="approved", booth="B07", website="https://shield.example")
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    booth = client.get("/api/v1/booths").json[0]
    [exhibitor] = client.get("/api/v1/exhibitors").json
    assert set(booth) == set(schemas["BoothOut"]["properties"])
    assert set(exhibitor) == set(schemas["ExhibitorOut"]["properties"])
    operations = {path: set(item) for path, item in document["paths"].items() if path.startswith("/api/v1/exhibitors")}
    assert operations == {"/api/v1/exhibitors": {"get"}, "/api/v1/exhibitors/{exhibitor_id}/leads": {"get"}}
    query = {p["name"] for p in document["paths"]["/api/v1/exhibitors"]["get"]["parameters"]}
    assert query == {"q", "theme"}
