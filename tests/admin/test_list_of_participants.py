import ctypes

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


def _fonts_of_text(data: bytes) -> dict[str, bool]:
    """Base font name -> embedded?, for every font a text object on any page uses."""
    document = pdfium.PdfDocument(data)
    fonts: dict[str, bool] = {}
    try:
        for page in document:
            for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_TEXT,)):
                font = pdfium.raw.FPDFTextObj_GetFont(obj.raw)
                size = pdfium.raw.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(size)
                pdfium.raw.FPDFFont_GetBaseFontName(font, buffer, size)
                fonts[buffer.value.decode()] = bool(pdfium.raw.FPDFFont_GetIsEmbedded(font))
    finally:
        document.close()
    return fonts


NAMES = {
    "JPN": ("ゆき", "山田"),  # the kana make the Han characters Japanese
    "KOR": ("민준", "김"),
    "CHN": ("小明", "王"),
    "EGY": ("محمد", "عبد الله"),
    "IND": ("अमित", "शर्मा"),
}


def test_names_in_every_script_are_drawn_with_embedded_fonts_that_have_their_glyphs(client, auth):
    for country, (given, family) in NAMES.items():
        _delegation(country, people=[(given, family, "Delegate", "approved")])
    auth.login("protocol_officer")
    data = client.get("/admin/list-of-participants.pdf").data
    fonts = _fonts_of_text(data)
    assert fonts and all(fonts.values()), fonts  # a reader without Asian font packs still shows them
    assert any("NotoSansJP" in name for name in fonts) and any("NotoSansKR" in name for name in fonts)
    text = pdf_text(data).replace(" ", "")
    for given, family in NAMES.values():
        assert (given + family).replace(" ", "") in text
