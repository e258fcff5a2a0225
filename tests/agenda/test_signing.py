"""The signing of the Convention: full powers rules, slots, one signature per party."""

import datetime as dt

import pytest

from conference.agenda import signing
from conference.core.errors import DomainError
from conference.core.uploads import UploadError
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
T0 = dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC)


def party(country="FRA", type_="member_state"):
    focal = factories.UserFactory(role="focal_point")
    return focal, factories.DelegationFactory(country_iso3=country, focal_point=focal, type=type_)


def test_head_of_state_signs_without_full_powers(app):
    focal, delegation = party()
    officer = factories.UserFactory(role="protocol_officer")
    decl = signing.declare(delegation.id, focal.id, "Jean Dupont", "President of the Republic", "head_of_state")
    assert decl.full_powers_status == "not_needed" and decl.party_name == "France"
    signature = signing.record_signature(decl.id, officer.id)
    assert signature.party_code == "FRA" and signing.signature_count() == 1


def test_an_ambassador_needs_verified_full_powers(app, tmp_path):
    focal, delegation = party()
    officer = factories.UserFactory(role="protocol_officer")
    decl = signing.declare(delegation.id, focal.id, "A. Ambassador", "Permanent Representative", "ambassador")
    assert decl.full_powers_status == "missing"
    with pytest.raises(DomainError) as exc:
        signing.record_signature(decl.id, officer.id)
    assert exc.value.code == "full_powers_not_verified"
    with pytest.raises(UploadError):
        signing.upload_full_powers(decl.id, focal.id, b"GIF89a not a pdf")
    signing.upload_full_powers(decl.id, focal.id, PDF)
    with pytest.raises(DomainError):
        signing.record_signature(decl.id, officer.id)  # submitted is not verified
    with pytest.raises(DomainError) as exc:
        signing.review_full_powers(decl.id, officer.id, verified=False)
    assert exc.value.code == "reason_required"
    signing.review_full_powers(decl.id, officer.id, verified=False, reason="Not signed by the Foreign Minister")
    assert decl.full_powers_status == "rejected"
    with pytest.raises(DomainError):
        signing.record_signature(decl.id, officer.id)
    signing.upload_full_powers(decl.id, focal.id, PDF)
    signing.review_full_powers(decl.id, officer.id, verified=True)
    assert signing.record_signature(decl.id, officer.id).level == "ambassador"


def test_changing_the_signatory_asks_for_new_full_powers(app):
    focal, delegation = party()
    officer = factories.UserFactory(role="protocol_officer")
    decl = signing.declare(delegation.id, focal.id, "A. Minister", "Minister of Justice", "minister")
    signing.upload_full_powers(decl.id, focal.id, PDF)
    signing.review_full_powers(decl.id, officer.id, verified=True)
    decl = signing.declare(delegation.id, focal.id, "B. Vice", "Vice-Minister", "vice_minister")
    assert decl.full_powers_status == "missing"


def test_a_state_cannot_sign_twice(app):
    focal, delegation = party("DEU")
    officer = factories.UserFactory(role="protocol_officer")
    decl = signing.declare(delegation.id, focal.id, "Foreign Minister", "Federal Minister", "foreign_minister")
    signing.record_signature(decl.id, officer.id)
    with pytest.raises(DomainError) as exc:
        signing.record_signature(decl.id, officer.id)
    assert exc.value.code == "already_signed"
    with pytest.raises(DomainError) as exc:
        signing.declare(delegation.id, focal.id, "Someone", "Else", "head_of_state")
    assert exc.value.code == "already_signed"
    # a second delegation of the same state is still the same party
    other_focal, other = party("DEU")
    with pytest.raises(DomainError) as exc:
        signing.declare(other.id, other_focal.id, "Someone", "Else", "head_of_state")
    assert exc.value.code == "already_signed"


def test_only_states_and_the_eu_declare_and_only_for_their_own_delegation(app):
    focal, ngo = party(None, type_="ngo")
    with pytest.raises(DomainError) as exc:
        signing.declare(ngo.id, focal.id, "X", "Y", "head_of_state")
    assert exc.value.code == "not_a_signing_party"
    _, delegation = party("ITA")
    with pytest.raises(DomainError) as exc:
        signing.declare(delegation.id, focal.id, "X", "Y", "head_of_state")
    assert exc.value.code == "not_the_delegations_focal_point"
    eu_focal = factories.UserFactory(role="focal_point")
    eu = factories.DelegationFactory(
        country_iso3=None, focal_point=eu_focal, type="reio", name="European Union", organisation_code="EU"
    )
    assert signing.declare(eu.id, eu_focal.id, "EU signatory", "High Representative", "other").party_code == "EU"


def test_slots_put_the_host_first_then_level_then_declaration_time(app):
    declared = []
    for minutes, (country, level, type_) in enumerate(
        [
            ("FRA", "ambassador", "member_state"),
            ("BRA", "head_of_state", "member_state"),
            ("VNM", "minister", "host_country"),
            ("KEN", "head_of_state", "member_state"),
        ]
    ):
        focal, delegation = party(country, type_)
        declared.append(
            signing.declare(delegation.id, focal.id, "S", "T", level, now=T0 + dt.timedelta(minutes=minutes))
        )
    start = dt.datetime(2025, 10, 25, 3, 0, tzinfo=dt.UTC)
    order = signing.schedule_slots(start, 4)
    assert [d.party_code for d in order] == ["VNM", "BRA", "KEN", "FRA"]
    assert [d.slot_starts_at for d in order] == [start + dt.timedelta(minutes=4 * n) for n in range(4)]
    signing.move_slot(declared[0].id, -1)
    assert [d.party_code for d in signing.declarations()] == ["VNM", "BRA", "FRA", "KEN"]
    with pytest.raises(DomainError):
        signing.move_slot(declared[1].id, -1)  # nobody goes before the host


def test_dragging_the_signing_order_keeps_the_host_first(app):
    ids = {}
    for minutes, (country, type_) in enumerate(
        [("VNM", "host_country"), ("BRA", "member_state"), ("FRA", "member_state")]
    ):
        focal, delegation = party(country, type_)
        ids[country] = signing.declare(
            delegation.id, focal.id, "S", "T", "head_of_state", now=T0 + dt.timedelta(minutes=minutes)
        ).id
    signing.set_order([ids["VNM"], ids["FRA"], ids["BRA"]])
    assert [d.party_code for d in signing.declarations()] == ["VNM", "FRA", "BRA"]
    with pytest.raises(DomainError) as exc:
        signing.set_order([ids["FRA"], ids["VNM"], ids["BRA"]])
    assert exc.value.code == "host_first"
