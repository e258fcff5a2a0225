"""What registration gives the organiser panel: figures, exports (sensitive only on request), search."""

from conference.core.db import utcnow
from conference.registration import exports, stats
from conference.registration.search import search
from tests import factories


def test_figures_count_by_state_category_type_region_and_day(app):
    d = factories.DelegationFactory(country_iso3="KEN", name="Kenya")
    factories.ParticipantFactory(delegation=d, complete=True, status="submitted", submitted_at=utcnow())
    figures = {f.label: f for f in stats.figures()}
    assert figures["Participants by state"].detail["submitted"] >= 1
    assert figures["Participants by category"].detail["Delegate"] >= 1
    assert figures["Participants by delegation type"].detail["UN member state"] >= 1
    assert figures["Participants by UN region (state delegations)"].detail["African States"] >= 1
    assert sum(figures["Registrations per day (submitted, venue time)"].detail.values()) >= 1


def test_participant_export_has_sensitive_columns_only_on_request(app):
    d = factories.DelegationFactory(country_iso3="GHA")
    p = factories.ParticipantFactory(
        delegation=d, complete=True, given_names="=HYPERLINK(1)", passport_number="GH1234567"
    )
    export = exports.EXPORTS["participants"]
    assert "accreditation_officer" in export.sensitive_roles and "protocol_officer" not in export.sensitive_roles
    plain = export.build(False)
    assert "passport_number" not in plain.headers
    rows = [r for r in plain.rows if r[0] == p.id]
    assert rows[0][1] == "=HYPERLINK(1)"  # kept as typed: the spreadsheet writer neutralises it
    full = export.build(True)
    row = next(r for r in full.rows if r[0] == p.id)
    assert row[full.headers.index("passport_number")] == "GH1234567"
    table = exports.EXPORTS["delegations"].build(False)
    assert "name" in table.headers and any(r[0] == d.id for r in table.rows)


def test_search_finds_participants_and_delegations(app):
    d = factories.DelegationFactory(country_iso3="MNG", name="Mongolia")
    factories.ParticipantFactory(delegation=d, given_names="Батбаяр", family_name="Должин")
    with app.test_request_context():
        hits = search("Должин", 10) + search("Mongol", 10)
    kinds = {(h.kind, h.title) for h in hits}
    assert ("participant", "Батбаяр Должин") in kinds and ("delegation", "Mongolia") in kinds
    assert all("accreditation_officer" in h.roles for h in hits)
