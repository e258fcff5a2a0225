"""What the agenda gives the organiser panel: figures, exports, search."""

from conference.agenda import exports, search, signing, signups, stats
from tests import factories
from tests.agenda.helpers import attendee


def test_figures_exports_and_search(app):
    ws = factories.SessionFactory(capacity=1, code="PANEL-TEST")
    (u1, p1), (u2, p2) = attendee(), attendee()
    signups.sign_up(ws.id, p1.id, u1.id)
    signups.sign_up(ws.id, p2.id, u2.id)
    figures = {f.label: f for f in stats.figures()}
    assert figures["People on waiting lists"].value == 1
    assert figures["Fill rate per session (%)"].detail["PANEL-TEST"] == 100.0
    assert figures["States that have signed"].value == 0
    table = exports.EXPORTS["agenda-signups"].build(True)
    rows = [r for r in table.rows if r[0] == "PANEL-TEST"]
    assert [r[5] for r in rows] == ["confirmed", "waitlisted"] and rows[0][-1] == p1.email
    assert "email" not in exports.EXPORTS["agenda-signups"].build(False).headers
    assert list(exports.EXPORTS["agenda-signatories"].build(False).rows) == []
    focal = factories.UserFactory(role="focal_point")
    france = factories.DelegationFactory(country_iso3="FRA", focal_point=focal)
    signing.declare(france.id, focal.id, "Jean Dupont", "President of the Republic", "head_of_state")
    signatories = exports.EXPORTS["agenda-signatories"].build(False)
    assert signatories.headers[:3] == ["party", "code", "signatory"] and signatories.headers[-1].startswith("signed at")
    assert list(signatories.rows) == [
        ("France", "FRA", "Jean Dupont", "President of the Republic", "Head of State", "not_needed", "", "")
    ]
    with app.test_request_context():
        hits = search.search("PANEL-TEST", 5)
    assert hits[0].kind == "session" and hits[0].url == f"/agenda/sessions/{ws.id}"
