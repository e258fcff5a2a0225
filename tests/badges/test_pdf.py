"""Badges as printed: QR codes that round-trip through a real decoder, every script with its glyphs."""

import io
import random

import pypdfium2 as pdfium
import pytest
import zxingcpp
from qrcode import QRCode, util
from qrcode.constants import ERROR_CORRECT_M

from conference.badges import pdf, printing, qr, services, tokens
from conference.core import pdf_fonts
from conference.core.signals import accreditation_changed
from conference.extensions import db
from tests import factories

NAMES = {
    "vietnamese": "Nguyễn Thị Phương Thảo",
    "cyrillic": "Александр Сергеевич Пушкин",
    "greek": "Γεώργιος Παπαδόπουλος",
    "chinese": "王小明",
    "japanese": "山田 太郎 (やまだ たろう)",
    "korean": "김민준",
    "arabic": "محمد بن عبد الله",
}


def _pages(data: bytes, dpi: int = 200) -> list:
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def _page_text(data: bytes, index: int = 0) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
        return text
    finally:
        doc.close()


def _decoded(image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("layout", ["cr80", "a6"])
def test_a_printed_badge_round_trips_through_a_qr_decoder(app, layout):
    badge = factories.BadgeFactory(
        participant__with_photo=True,
        participant__photo_seed=1,
        participant__given_names="Lan",
        participant__family_name="Trần",
    )
    services.reprint(badge.id, "lost")  # serial 2: the code must carry the current serial
    batch = printing.create_batch("badge", str(badge.id), layout)
    data = printing.render_batch(batch.id).read_bytes()
    (page,) = _pages(data)
    (text,) = _decoded(page)
    assert tokens.verify(text) == tokens.BadgeCode(badge_id=badge.id, serial=2, key_id=1)
    assert "Lan Trần" in _page_text(data) and badge.number in _page_text(data)


def test_a_tampered_code_from_a_badge_fails_to_verify(app):
    badge = factories.BadgeFactory()
    (text,) = _decoded(_pages(printing.render_one(badge.id))[0])
    assert tokens.verify(text).badge_id == badge.id
    position = random.randrange(10, len(text) - 4)
    tampered = text[:position] + ("A" if text[position] != "A" else "B") + text[position + 1 :]
    with pytest.raises(tokens.InvalidCode) as exc:
        tokens.verify(tampered)
    assert exc.value.reason in ("bad_signature", "unreadable")


def test_every_qr_on_an_a4_sheet_decodes(app):
    delegation = factories.DelegationFactory(country_iso3="VNM", name="Viet Nam", type="host_country")
    badges = [
        factories.BadgeFactory(
            participant__delegation=delegation,
            participant__family_name=f"Name{i:02d}",
            participant__with_photo=True,
            participant__photo_seed=i,
        )
        for i in range(12)
    ]
    batch = printing.create_batch("delegation", str(delegation.id), "cr80-a4")
    data = printing.render_batch(batch.id).read_bytes()
    pages = _pages(data, dpi=300)
    assert len(pages) == 2  # 10 cards on the first sheet, 2 on the second
    found = {tokens.verify(text).badge_id for page in pages for text in _decoded(page)}
    assert found == {b.id for b in badges}


def test_a6_sheets_hold_four_badges(app):
    delegation = factories.DelegationFactory(country_iso3="FRA", name="France")
    for i in range(5):
        factories.BadgeFactory(participant__delegation=delegation, participant__family_name=f"Dupont{i}")
    batch = printing.create_batch("delegation", str(delegation.id), "a6-a4")
    pages = _pages(printing.render_batch(batch.id).read_bytes(), dpi=150)
    assert [len(_decoded(p)) for p in pages] == [4, 1]


@pytest.mark.parametrize("script", NAMES)
def test_names_in_every_script_print_with_no_missing_glyph(app, script):
    name = NAMES[script]
    assert pdf_fonts.missing(name) == ""
    shown = pdf_fonts.visual(name)
    _, lines = pdf_fonts.fit(name, 100, 12, 6, bold=True, lines=2)
    for line in lines:
        for run in line:
            face = pdf_fonts.pdfmetrics.getFont(run.font_name).face
            assert all(ord(ch) in face.charToGlyph for ch in run.text if not ch.isspace()), (script, run)
    drawn = "".join(run.text for line in lines for run in line).replace(" ", "")
    assert drawn == shown.replace(" ", "")
    badge = factories.BadgeFactory(participant__badge_name=name)
    data = printing.render_one(badge.id)
    # The PDF's text layer gives the name back in logical order (pdfium undoes shaping and bidi).
    assert name.replace(" ", "") in _page_text(data).replace(" ", "").replace("\r\n", "")


def test_arabic_is_shaped_and_right_to_left():
    shown = pdf_fonts.visual(NAMES["arabic"])
    # Joined presentation forms, none of the bare (unjoined) letters, in visual (reversed) order.
    assert all("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" or ch == " " for ch in shown)
    assert shown[-1] in "\ufee3\ufee4"  # the first letter (meem, initial form) is drawn rightmost
    assert pdf_fonts.runs(shown, True)[0].font_name.startswith("NotoSansArabic")


def test_han_follows_the_language_of_the_name():
    assert pdf_fonts.runs("山田 やまだ")[0].font_name.startswith("NotoSansJP")
    assert pdf_fonts.runs("王小明")[0].font_name.startswith("NotoSansSC")
    assert pdf_fonts.runs("김민준")[0].font_name.startswith("NotoSansKR")


def test_a_character_no_font_covers_is_an_error_not_tofu():
    assert pdf_fonts.missing("Anna \U00013000") == "\U00013000"
    with pytest.raises(pdf_fonts.MissingGlyph):
        pdf_fonts.runs("Anna \U00013000")


def test_a_long_name_shrinks_to_fit():
    long_name = "Jean-Baptiste Emmanuel Zorg de la Montagne-Villeneuve y Castillo"
    size, lines = pdf_fonts.fit(long_name, 100, 11, 5, bold=True, lines=2)
    assert size < 11 and len(lines) == 2
    assert all(pdf_fonts.width(line, size) <= 100.01 for line in lines)


def test_fast_qr_matrix_matches_qrcode_module_for_module():
    rng = random.Random(6)
    for length in (112, 112, 112, 30, 150):
        text = "".join(rng.choice(qr.ALPHANUMERIC) for _ in range(length))
        reference = QRCode(version=qr.version_for(length), error_correction=ERROR_CORRECT_M, mask_pattern=qr.MASK)
        reference.add_data(util.QRData(text, mode=util.MODE_ALPHA_NUM))
        reference.make(fit=False)
        assert qr.matrix(text) == ["".join("1" if m else "0" for m in row) for row in reference.modules]
    assert qr.version_for(112) <= 6


def test_a_badge_without_photo_prints_a_silhouette(app):
    badge = factories.BadgeFactory()
    out = io.BytesIO()
    views = printing.badge_views([(badge.id, badge.serial, badge.participant_id)])
    assert views[0].photo is None
    assert pdf.render(views, "cr80", out) == 1


def test_the_approval_signal_makes_a_printable_badge(app):
    p = factories.ParticipantFactory(status="approved", with_photo=True, photo_seed=9)
    accreditation_changed.send(None, participant_id=p.id, old_status="submitted", new_status="approved")
    db.session.commit()
    batch = printing.create_batch("unprinted", "", "cr80")
    badge = services.badge_for_participant(p.id)
    assert badge.id in {item.badge_id for item in batch.items}


def test_a_name_no_font_covers_fails_the_batch_and_names_the_badge(app):
    badge = factories.BadgeFactory(participant__badge_name="Anna \U00013000")
    batch = printing.create_batch("badge", str(badge.id), "cr80")
    with pytest.raises(pdf_fonts.MissingGlyph):
        printing.render_batch(batch.id)
    failed = printing.get_batch(batch.id)
    assert failed.status == "failed" and badge.number in failed.error
