"""Badge layouts drawn with reportlab: CR80 card, A6 lanyard badge, and both imposed on A4.

Everything a badge shows comes in a plain ``BadgeView`` (no database access here), so a batch of
thousands renders in one pass over one canvas. Photos are the print-size JPEG copies from
``photos.py`` embedded as they are; QR codes are vector paths from ``qr.py``.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from conference.badges import qr
from conference.core import pdf_fonts

NAVY = HexColor("#12305A")
GOLD = HexColor("#C9A227")
INK = HexColor("#1A1A1A")
GREY = HexColor("#5A5F66")
SILHOUETTE_BG = HexColor("#DCE3EA")
SILHOUETTE = HexColor("#9AA7B4")

CR80 = (85.6 * mm, 54 * mm)
A6 = (105 * mm, 148 * mm)


@dataclass(frozen=True)
class BadgeView:
    """What one badge shows, as plain values."""

    badge_id: int
    serial: int
    number: str
    code: str  # the signed QR text
    name: str
    title: str
    affiliation: str  # delegation or organisation
    band_label: str  # e.g. "VNM" or "UNODC"
    band_colour: str  # "#RRGGBB"
    category_name: str
    category_letter: str
    category_colour: str
    zones: tuple[str, ...]
    photo: str | None  # path of the print-size JPEG, None for the silhouette
    event_name: str
    event_title: str
    event_dates: str


def _text_colour(hex_colour: str):
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 160 else white


def _text(c: Canvas, text: str, x: float, y: float, width: float, size: float, **kw) -> float:
    """Draw ``text`` fitted into ``width``; returns the y below the last line."""
    min_size = kw.pop("min_size", size * 0.6)
    lines = kw.pop("lines", 1)
    align = kw.pop("align", "left")
    if align == "left" and pdf_fonts.is_rtl(text):
        align = "right"
    leading = kw.pop("leading", 1.15)
    size, parts = pdf_fonts.fit(text, width, size, min_size, lines=lines, **kw)
    anchor = x + width / 2 if align == "centre" else (x + width if align == "right" else x)
    for line in parts:
        pdf_fonts.draw(c, anchor, y, line, size, align)
        y -= size * leading
    return y


def _photo(c: Canvas, view: BadgeView, x: float, y: float, w: float, h: float) -> None:
    if view.photo:
        c.drawImage(view.photo, x, y, w, h)
    else:
        c.saveState()
        box = c.beginPath()
        box.rect(x, y, w, h)
        c.clipPath(box, stroke=0, fill=0)
        c.setFillColor(SILHOUETTE_BG)
        c.rect(x, y, w, h, stroke=0, fill=1)
        c.setFillColor(SILHOUETTE)
        c.circle(x + w / 2, y + h * 0.62, w * 0.2, stroke=0, fill=1)
        c.ellipse(x + w * 0.14, y - h * 0.12, x + w * 0.86, y + h * 0.46, stroke=0, fill=1)
        c.restoreState()
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.rect(x, y, w, h, stroke=1, fill=0)


def _zones(c: Canvas, zones: tuple[str, ...], x: float, y: float, box: float, colour) -> None:
    c.setStrokeColor(colour)
    c.setFillColor(colour)
    c.setLineWidth(0.6)
    for i, zone in enumerate(zones):
        bx = x + i * (box + box * 0.18)
        c.roundRect(bx, y, box, box, box * 0.15, stroke=1, fill=0)
        _text(c, zone, bx, y + box * 0.27, box, box * 0.62, bold=True, align="centre")


def _cr80_static(c: Canvas, v: BadgeView) -> None:
    """What every badge of one category shares: drawn once per batch as a PDF form."""
    w, h = CR80
    c.setFillColor(white)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setFillColor(NAVY)
    c.rect(0, h - 10 * mm, w, 10 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    _text(c, v.event_name, 3 * mm, h - 5 * mm, 60 * mm, 8.5, bold=True)
    _text(c, v.event_dates, 3 * mm, h - 8.3 * mm, 60 * mm, 5)
    c.setFillColor(GOLD)
    _text(c, v.category_letter, w - 13 * mm, h - 7.6 * mm, 10 * mm, 18, bold=True, align="right")
    colour = HexColor(v.category_colour)
    ink = _text_colour(v.category_colour)
    c.setFillColor(colour)
    c.rect(0, 0, w, 11 * mm, stroke=0, fill=1)
    c.setFillColor(ink)
    _text(c, v.category_letter, 2 * mm, 2.6 * mm, 9 * mm, 22, bold=True, align="centre")
    _text(c, v.category_name.upper(), 13 * mm, 6.6 * mm, 70 * mm, 7, bold=True)
    _zones(c, v.zones, 13 * mm, 1.3 * mm, 3.6 * mm, ink)


def _cr80_band(c: Canvas, v: BadgeView) -> None:
    w, h = CR80
    c.setFillColor(HexColor(v.band_colour))
    c.rect(0, h - 12.6 * mm, w, 2.6 * mm, stroke=0, fill=1)
    c.setFillColor(_text_colour(v.band_colour))
    _text(c, v.band_label, w - 33 * mm, h - 12 * mm, 30 * mm, 5.5, bold=True, align="right")


def _cr80_person(c: Canvas, v: BadgeView) -> None:
    w, _ = CR80
    _photo(c, v, 3 * mm, 13.5 * mm, 20 * mm, 25 * mm)
    qr.draw(c, v.code, w - 21.5 * mm, 15 * mm, 19.5 * mm)
    c.setFillColor(INK)
    _text(c, v.number, w - 21.5 * mm, 12.4 * mm, 19.5 * mm, 6, bold=True, align="centre")
    y = _text(c, v.name, 25.5 * mm, 36 * mm, 37 * mm, 11, min_size=6, lines=2, bold=True)
    c.setFillColor(GREY)
    y = _text(c, v.title, 25.5 * mm, y - 0.5 * mm, 37 * mm, 6, min_size=4.5)
    c.setFillColor(NAVY)
    _text(c, v.affiliation, 25.5 * mm, y - 0.6 * mm, 37 * mm, 6.5, min_size=4.5, lines=2, bold=True)


def _a6_static(c: Canvas, v: BadgeView) -> None:
    w, h = A6
    c.setFillColor(white)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setFillColor(NAVY)
    c.rect(0, h - 27 * mm, w, 27 * mm, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(0, h - 27.8 * mm, w, 0.8 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    _text(c, v.event_name, 8 * mm, h - 10 * mm, 72 * mm, 17, bold=True)
    y = _text(c, v.event_title, 8 * mm, h - 15.5 * mm, 72 * mm, 7.5, lines=2)
    _text(c, v.event_dates, 8 * mm, y - 0.5 * mm, 72 * mm, 7.5, bold=True)
    c.setFillColor(GOLD)
    _text(c, v.category_letter, w - 22 * mm, h - 19 * mm, 15 * mm, 40, bold=True, align="right")
    colour = HexColor(v.category_colour)
    ink = _text_colour(v.category_colour)
    c.setFillColor(colour)
    c.rect(0, 0, w, 24 * mm, stroke=0, fill=1)
    c.setFillColor(ink)
    _text(c, v.category_letter, 5 * mm, 6 * mm, 18 * mm, 54, bold=True, align="centre")
    _text(c, v.category_name.upper(), 27 * mm, 14.5 * mm, 72 * mm, 14, bold=True)
    _zones(c, v.zones, 27 * mm, 3.5 * mm, 7.5 * mm, ink)


def _a6_band(c: Canvas, v: BadgeView) -> None:
    _, h = A6
    c.setFillColor(HexColor(v.band_colour))
    c.rect(0, h - 33 * mm, A6[0], 5.2 * mm, stroke=0, fill=1)
    c.setFillColor(_text_colour(v.band_colour))
    _text(c, v.band_label, 8 * mm, h - 31.6 * mm, 89 * mm, 9, bold=True, align="right")


def _a6_person(c: Canvas, v: BadgeView) -> None:
    w, _ = A6
    _photo(c, v, 8 * mm, 70 * mm, 34 * mm, 42.5 * mm)
    qr.draw(c, v.code, w - 48 * mm, 72 * mm, 42 * mm)
    c.setFillColor(INK)
    _text(c, v.number, w - 48 * mm, 69 * mm, 42 * mm, 9, bold=True, align="centre")
    y = _text(c, v.name, 8 * mm, 59 * mm, 89 * mm, 22, min_size=10, lines=2, bold=True, align="centre")
    c.setFillColor(GREY)
    y = _text(c, v.title, 8 * mm, y - 0.5 * mm, 89 * mm, 10, min_size=6, align="centre")
    c.setFillColor(NAVY)
    _text(c, v.affiliation, 8 * mm, y - 1 * mm, 89 * mm, 11, min_size=6, lines=2, bold=True, align="centre")


@dataclass(frozen=True)
class _Design:
    size: tuple[float, float]
    static: Callable[[Canvas, BadgeView], None]
    band: Callable[[Canvas, BadgeView], None]
    person: Callable[[Canvas, BadgeView], None]


_CR80_DESIGN = _Design(CR80, _cr80_static, _cr80_band, _cr80_person)
_A6_DESIGN = _Design(A6, _a6_static, _a6_band, _a6_person)


class _Forms:
    """Parts shared by many badges (header and category band; delegation band) become PDF form
    XObjects drawn once and referenced by every badge: less to draw, and a smaller file."""

    def __init__(self, c: Canvas) -> None:
        self.c = c
        self.names: dict[tuple, str] = {}

    def use(self, key: tuple, draw: Callable[[Canvas, BadgeView], None], view: BadgeView) -> None:
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"BadgePart{len(self.names)}"
            self.c.beginForm(name)
            draw(self.c, view)
            self.c.endForm()
        self.c.doForm(name)


def _draw(c: Canvas, design: _Design, forms: _Forms, v: BadgeView) -> None:
    static_key = ("s", design.size, v.category_name, v.category_letter, v.category_colour, v.zones)
    forms.use((*static_key, v.event_name, v.event_title, v.event_dates), design.static, v)
    forms.use(("b", design.size, v.band_colour, v.band_label), design.band, v)
    design.person(c, v)


def _crop_marks(c: Canvas, xs: Iterable[float], ys: Iterable[float], box: tuple[float, float, float, float]) -> None:
    """Short hairlines in the margin continuing every cut line, clear of the badges themselves."""
    left, bottom, right, top = box
    gap, length = 1.5 * mm, 5 * mm
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.25)
    for x in xs:
        if bottom - gap > 1 * mm:
            c.line(x, bottom - gap, x, max(bottom - gap - length, 0.5 * mm))
        if c._pagesize[1] - top - gap > 1 * mm:
            c.line(x, top + gap, x, min(top + gap + length, c._pagesize[1] - 0.5 * mm))
    for y in ys:
        if left - gap > 1 * mm:
            c.line(left - gap, y, max(left - gap - length, 0.5 * mm), y)
        if c._pagesize[0] - right - gap > 1 * mm:
            c.line(right + gap, y, min(right + gap + length, c._pagesize[0] - 0.5 * mm), y)


def _centre_cross(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.25)
    c.line(x - 2 * mm, y, x + 2 * mm, y)
    c.line(x, y - 2 * mm, x, y + 2 * mm)


_SHEETS = {"cr80-a4": (_CR80_DESIGN, 2, 5), "a6-a4": (_A6_DESIGN, 2, 2)}
_SINGLE = {"cr80": _CR80_DESIGN, "a6": _A6_DESIGN}


@contextlib.contextmanager
def _batch_mode() -> Iterator[None]:
    # JPEG photos are embedded raw; ASCII85 would grow them by a quarter and cost time for nothing.
    # The cyclic garbage collector would rescan the growing document's objects again and again
    # (a third of a large batch's time); the canvas makes no cycles worth collecting meanwhile.
    saved = rl_config.useA85
    collecting = gc.isenabled()
    rl_config.useA85 = 0
    gc.disable()
    try:
        yield
    finally:
        rl_config.useA85 = saved
        if collecting:
            gc.enable()


def render(
    views: Iterable[BadgeView],
    layout: str,
    out: BinaryIO,
    *,
    title: str = "Badges",
    progress: Callable[[int], None] | None = None,
    every: int = 100,
) -> int:
    """Write the PDF of ``views`` in ``layout`` to ``out``; returns the number of badges drawn.

    ``invariant`` output: the same badges give byte-identical PDFs, so a batch can be regenerated.
    """
    with _batch_mode():
        if layout in _SINGLE:
            design = _SINGLE[layout]
            c = Canvas(out, pagesize=design.size, pageCompression=1, invariant=1)
        else:
            design, cols, rows = _SHEETS[layout]
            c = Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
            left = (A4[0] - cols * design.size[0]) / 2
            bottom = (A4[1] - rows * design.size[1]) / 2
        c.setTitle(title)
        c.setCreator("Hanoi Convention accreditation")
        forms = _Forms(c)
        count = 0
        for view in views:
            try:
                _place(c, layout, design, forms, view, count)
            except pdf_fonts.MissingGlyph as exc:
                raise pdf_fonts.MissingGlyph(exc.chars, f"badge {view.number}: fix the name on the badge") from exc
            count += 1
            if progress and count % every == 0:
                progress(count)
        if layout not in _SINGLE and count % (cols * rows):
            _finish_sheet(c, design.size, cols, rows, left, bottom)
        if count == 0:
            c.showPage()
        c.save()
    return count


def _place(c: Canvas, layout: str, design: _Design, forms: _Forms, view: BadgeView, count: int) -> None:
    """Draw one badge on its own page, or in its slot of the current A4 sheet."""
    if layout in _SINGLE:
        _draw(c, design, forms, view)
        c.showPage()
        return
    _, cols, rows = _SHEETS[layout]
    left = (A4[0] - cols * design.size[0]) / 2
    bottom = (A4[1] - rows * design.size[1]) / 2
    slot = count % (cols * rows)
    col, row = slot % cols, slot // cols
    c.saveState()
    c.translate(left + col * design.size[0], bottom + (rows - 1 - row) * design.size[1])
    _draw(c, design, forms, view)
    c.restoreState()
    if slot == cols * rows - 1:
        _finish_sheet(c, design.size, cols, rows, left, bottom)


def _finish_sheet(c: Canvas, size, cols: int, rows: int, left: float, bottom: float) -> None:
    xs = [left + i * size[0] for i in range(cols + 1)]
    ys = [bottom + j * size[1] for j in range(rows + 1)]
    _crop_marks(c, xs, ys, (left, bottom, xs[-1], ys[-1]))
    if left < 1 * mm:  # A6 on A4 leaves no margin: mark the inner cut lines' crossing instead
        for x in xs[1:-1]:
            for y in ys[1:-1]:
                _centre_cross(c, x, y)
    c.showPage()
