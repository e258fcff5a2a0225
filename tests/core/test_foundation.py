"""The shared foundation: one error model, bounded ids, request ids in JSON log lines."""

from __future__ import annotations

import io
import json
import logging

from flask_babel.speaklater import LazyString

from conference.core.domains import domain_modules
from conference.core.errors import CoreError, DomainError, catalogues
from conference.core.logs import domain_logger


def test_every_reason_code_means_one_thing_with_a_status_and_a_translatable_message():
    seen: dict[str, str] = {}
    domain_modules("errors")  # import every domain's catalogue
    for catalogue in catalogues():
        for member in catalogue:
            assert member.value not in seen, f"{member.value} is in both {seen.get(member.value)} and {catalogue}"
            seen[member.value] = catalogue.__name__
            assert 400 <= member.status <= 599, member
            assert isinstance(member.message, LazyString), f"{member} message is not marked for translation"
    assert "not_found" in seen


def test_the_api_document_lists_every_refusal_code(client):
    document = client.get("/api/v1/openapi.json").get_json()
    codes = document["components"]["schemas"]["ErrorBody"]["properties"]["error"]["enum"]
    assert {"invalid_input", "checkpoint_not_found", "badge_revoked", "personal_link_invalid"} <= set(codes)


def test_a_refusal_carries_its_catalogue_status_and_message(app):
    with app.test_request_context():
        exc = DomainError(CoreError.INVALID_INPUT, fields={"email": "not an address"})
        assert (exc.code, exc.status) == ("invalid_input", 400)
        assert exc.as_json() == {
            "error": "invalid_input",
            "message": "Some values are missing or not valid; see the fields listed.",
            "fields": {"email": "not an address"},
        }


def test_an_id_beyond_the_database_column_is_not_found_rather_than_a_server_error(client, auth):
    auth.login("scanner")
    response = client.get("/api/v1/badges/2147483648/state")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_unknown_api_address_answers_json_from_the_catalogue(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json() == {"error": "not_found", "message": "This page or record does not exist."}


def _capture_log_line(app, headers: dict[str, str]) -> tuple[dict, str]:
    handler = next(h for h in logging.getLogger("conference").handlers if getattr(h, "_conference", False))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        with app.test_request_context("/agenda", headers=headers):
            app.preprocess_request()
            domain_logger("conference.scanning.api").warning("gate %s is slow", "A")
            response = app.process_response(app.response_class("ok"))
    finally:
        handler.setStream(previous)
    return json.loads(stream.getvalue().splitlines()[-1]), response.headers["X-Request-ID"]


def test_log_lines_are_json_with_the_domain_and_the_request_id(app):
    line, echoed = _capture_log_line(app, {"X-Request-ID": "gate-a-42"})
    assert line["message"] == "gate A is slow"
    assert line["name"] == "conference.scanning"
    assert line["level"] == "WARNING"
    assert line["request_id"] == echoed == "gate-a-42"


def test_a_request_id_that_could_forge_log_lines_is_replaced(app):
    line, echoed = _capture_log_line(app, {"X-Request-ID": 'x" {"level": "INFO"}'})
    assert line["request_id"] == echoed
    assert len(echoed) == 32 and echoed.isalnum()
