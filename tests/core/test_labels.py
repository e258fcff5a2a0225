"""People read labels, never codes: every coded value a page shows goes through its enum's label."""

import re
from html.parser import HTMLParser

import pytest

from conference.accounts.roles import Role
from conference.badges.models import BadgeSerial
from conference.core.enums import LabelledEnum
from conference.extensions import db
from conference.scanning.models import Checkpoint, CheckpointKind
from tests import factories
from tests.factories import TEST_PASSWORD


def _all_enums(cls: type[LabelledEnum]) -> list[type[LabelledEnum]]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_enums(sub)]
    return found


class _VisibleText(HTMLParser):
    """The text a person sees: text nodes outside <script> and <style>, no attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def assert_shows_labels_not_codes(html: str, *labels: str) -> None:
    text = visible_text(html)
    # Codes with an underscore cannot be mistaken for words; a page showing one shows a code.
    codes = {m.value for enum in _all_enums(LabelledEnum) for m in enum if "_" in m.value}
    shown = sorted(code for code in codes if re.search(rf"\b{code}\b", text))
    assert shown == [], f"codes shown to a person: {shown}"
    for label in labels:
        assert label in text, f"{label!r} is not on the page"


@pytest.fixture
def requested(app):
    focal = factories.UserFactory(role=Role.FOCAL_POINT)
    delegation = factories.DelegationFactory(country_iso3="NOR", focal_point=focal, name="Norway")
    person = factories.ParticipantFactory(
        delegation=delegation, status="changes_requested", status_message="New photo, please"
    )
    return focal, delegation, person


def test_focal_point_reads_status_type_and_role_labels(client, requested):
    focal, delegation, _person = requested
    assert client.post("/login", data={"email": focal.email, "password": TEST_PASSWORD}).status_code == 302
    assert_shows_labels_not_codes(client.get("/registration/delegations").text, "UN member state")
    assert_shows_labels_not_codes(
        client.get(f"/registration/delegations/{delegation.id}").text, "Changes requested", "UN member state"
    )
    assert_shows_labels_not_codes(client.get("/account").text, "Focal point")


def test_accreditation_officer_reads_status_labels_in_the_queue(client, auth, requested):
    _focal, _delegation, person = requested
    auth.login(role=Role.ACCREDITATION_OFFICER)
    assert_shows_labels_not_codes(client.get("/registration/queue").text, "Changes requested", "Accreditation officer")
    assert_shows_labels_not_codes(client.get(f"/registration/participants/{person.id}").text, "Changes requested")


def test_admin_reads_role_kind_and_reprint_labels(client, auth, requested):
    _focal, _delegation, person = requested
    factories.UserFactory(role=Role.PROTOCOL_OFFICER, email="protocol@test.example", full_name="Pat Protocol")
    auth.login(role=Role.ADMIN)
    assert_shows_labels_not_codes(client.get("/admin/people").text, "Protocol officer", "Administrator")

    session_id = db.session.execute(db.text("SELECT id FROM sessions LIMIT 1")).scalar()
    db.session.add(
        Checkpoint(name="Door of the first session", kind=CheckpointKind.SESSION_DOOR, session_id=session_id)
    )
    db.session.commit()
    assert_shows_labels_not_codes(client.get("/scanning/checkpoints").text, "Session door")

    badge = factories.BadgeFactory(participant=person)
    db.session.add(BadgeSerial(badge_id=badge.id, serial=2, reason="name_changed"))
    db.session.flush()
    assert_shows_labels_not_codes(client.get(f"/badges/{badge.id}").text, "Name changed")
