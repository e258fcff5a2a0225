"""The one PDF font resolver: Paragraph markup for lists, where one odd character must not stop the print."""

from conference.core import pdf_fonts


def test_markup_picks_a_font_per_script_and_the_bold_faces_when_asked():
    assert pdf_fonts.markup("Lan 김민준") == (
        '<font name="NotoSans-Regular">Lan </font><font name="NotoSansKR-Regular">김민준</font>'
    )
    assert pdf_fonts.markup("A&B", bold=True) == '<font name="NotoSans-Bold">A&amp;B</font>'


def test_markup_keeps_a_character_no_font_covers_instead_of_failing():
    assert pdf_fonts.markup("Anna \U00013000") == '<font name="NotoSans-Regular">Anna \U00013000</font>'


def test_arabic_is_shaped_for_paragraphs_too():
    shown = pdf_fonts.visual("محمد")
    assert pdf_fonts.markup("محمد") == f'<font name="NotoSansArabic-Regular">{shown}</font>'
