"""The API document is generated from the routes' schemas and tells the truth about them.

Schemathesis sends schema-driven (and schema-breaking) requests to every documented operation, as an
admin with an API token: no answer may be a server error, and every answer must match its declared
schema and status codes.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from conference.accounts.services import issue_api_token
from tests import factories

API_PREFIX = "/api/v1/"
UNDOCUMENTED = {"/api/v1/openapi.json"}  # the document itself


def served_api_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        path = str(rule)
        if not path.startswith(API_PREFIX) or path in UNDOCUMENTED:
            continue
        for converter in rule.arguments:
            path = path.replace(f"<int:{converter}>", f"{{{converter}}}").replace(f"<{converter}>", f"{{{converter}}}")
        routes |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


def test_the_document_lists_exactly_the_api_routes_served(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert documented == served_api_routes(app)


@pytest.fixture
def admin_token(app) -> str:
    return issue_api_token(factories.UserFactory(role="admin"), "schemathesis")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_gets_a_server_error_or_an_answer_outside_its_schema(app, admin_token, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {admin_token}"}
    checks = [not_a_server_error, response_schema_conformance, status_code_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def call(case) -> None:
            case.call_and_validate(headers=headers, checks=checks)

        call()
