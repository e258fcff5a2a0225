import pypdfium2 as pdfium
from sqlalchemy import select

from conference.extensions import db
from conference.registration.models import Delegation, Participant
from tests import factories


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
        return " ".join(text.split())  # lines wrap in the narrow columns
    finally:
        document.close()


_passports: list[int] = []


def _delegation(country=None, organisation=None, type_="member_state", name=None, people=()):
    delegation = factories.DelegationFactory(
        country_iso3=country, type=type_, name=name or country or organisation, organisation_code=organisation
    )
    made = [
        factories.ParticipantFactory(
            delegation=delegation,
            given_names=given,
            family_name=family,
            title=title,
            status=status,
            passport_number=f"PX99887{n:02d}",
            category_code="delegate",
        )
        for n, (given, family, title, status) in enumerate(people, start=len(_passports))
    ]
    _passports.extend(p.id for p in made)
    return delegation, made


def test_list_of_participants_pdf_in_un_order_heads_first_without_passports(client, auth):
    france, (_, fr_head) = _delegation(
        "FRA",
        people=[
            ("Aline", "Abelard", "Adviser, Ministry of the Interior", "approved"),
            ("Théo", "Zéphyrin", "Ambassador, Permanent Representative", "approved"),
        ],
    )
    france.head_of_delegation_id = fr_head.id
    db.session.commit()
    _delegation("AFG", people=[("Rahim", "Quorbani", "Deputy Minister", "approved")])
    _delegation("VAT", type_="observer_state", people=[("Paolo", "Observanti", "Nuncio", "approved")])
    _delegation(organisation="INTERPOL", type_="igo", people=[("Ivo", "Interpolski", "Director", "approved")])
    _delegation("DEU", people=[("Dora", "Draftova", "Counsellor", "submitted")])
    _delegation("VNM", people=[("Nguyễn Văn", "Trường", "Thứ trưởng Bộ Công an", "approved")])

    auth.login("protocol_officer")
    response = client.get("/admin/list-of-participants.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)

    assert "List of participants" in text
    text = text[text.index("List of participants") :]  # after the title page header (the venue names Viet Nam)
    order = [
        text.index("Afghanistan"),
        text.index("France"),
        text.index("Viet Nam"),
        text.index("Observer States"),
        text.index("Holy See"),
        text.index("International Criminal Police Organization"),
    ]
    assert order == sorted(order)
    assert text.index("Théo Zéphyrin (Head of Delegation)") < text.index("Aline Abelard")
    assert "Ambassador, Permanent Representative" in text
    assert "Nguyễn Văn Trường" in text  # Vietnamese names keep their diacritics
    assert "Draftova" not in text and "Germany" not in text  # no approved participant: not listed
    approved = db.session.scalars(
        select(Delegation)
        .join(Participant, Participant.delegation_id == Delegation.id)
        .where(Participant.status == "approved")
    ).all()
    for delegation in approved:  # every delegation with an approved participant is in the list
        name = delegation.organisation.name if delegation.organisation else delegation.country.name
        assert name in text
    assert "PX99887" not in text


def test_a_non_organiser_cannot_download_it(client, auth):
    auth.login("focal_point")
    assert client.get("/admin/list-of-participants.pdf").status_code == 403
