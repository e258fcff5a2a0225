"""The one font resolver for every PDF (badges, the list of participants): text in every script.

Each run of text is drawn by the first font whose glyphs cover it; Arabic is shaped and, like
Hebrew, put in visual order, since reportlab draws left to right. The Noto TrueType fonts come
from npm (``@expo-google-fonts/noto-sans*``, SIL OFL) and are copied by ``make assets`` into the
git-ignored ``static/vendor/fonts/``; Debian's fonts-noto-core adds further scripts (Hebrew, Thai,
…) when it is installed. reportlab embeds only TrueType outlines (not CFF-flavoured OpenType),
which is why these packages and not Noto Sans CJK. Fonts load lazily, on the first character
that needs them. Brahmic scripts are drawn without shaping (reportlab's HarfBuzz shaping broke
Arabic subsetting): every letter shows, conjuncts are not formed.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from conference.config import ROOT

FONT_DIR = ROOT / "static" / "vendor" / "fonts"
SYSTEM_DIR = Path("/usr/share/fonts/truetype/noto")
BASE = "NotoSans"
# Fallback order. Han characters are shared by the three CJK fonts: the text's kana or hangul
# decide which one draws them (see _preferred), Simplified Chinese otherwise.
FAMILIES = ("NotoSans", "NotoSansArabic", "NotoSansDevanagari", "NotoSansSC", "NotoSansJP", "NotoSansKR")
# Used when installed on the system; never required.
OPTIONAL = ("NotoSansHebrew", "NotoSansBengali", "NotoSansThai", "NotoSansArmenian", "NotoSansGeorgian")
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_RTL = re.compile(f"[{_ARABIC}\u0590-\u05ff]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_lock = threading.Lock()


class MissingGlyph(Exception):
    """No packaged font can draw these characters."""

    def __init__(self, chars: str, where: str = "") -> None:
        super().__init__(f"no font covers {chars!r}" + (f" ({where})" if where else ""))
        self.chars = chars


def _path(family: str, bold: bool) -> Path:
    vendored = FONT_DIR / f"{family}_{'700Bold' if bold else '400Regular'}.ttf"
    if vendored.exists() or family in FAMILIES:
        return vendored
    return SYSTEM_DIR / f"{family}-{'Bold' if bold else 'Regular'}.ttf"


@functools.cache
def _installed(family: str) -> bool:
    return _path(family, False).exists() and _path(family, True).exists()


@functools.cache
def font(family: str, bold: bool = False) -> TTFont:
    """Load and register a font once per process (reportlab keeps per-document subsets apart)."""
    name = f"{family}-{'Bold' if bold else 'Regular'}"
    with _lock:
        try:
            return pdfmetrics.getFont(name)  # type: ignore[return-value]
        except KeyError:
            pass
        path = _path(family, bold)
        if not path.exists():
            raise RuntimeError(f"PDF font {path} is missing: run `make assets`.")
        ttf = TTFont(name, str(path))
        pdfmetrics.registerFont(ttf)
        return ttf


def covers(family: str, char: str) -> bool:
    return ord(char) in font(family).face.charToGlyph


def base(bold: bool = False) -> str:
    """The registered name of the Latin/Greek/Cyrillic/Vietnamese font, for styles and page furniture."""
    return font(BASE, bold).fontName


def is_rtl(text: str) -> bool:
    """Text that starts with Arabic or Hebrew reads from the right, so it is set flush right."""
    return bool(text) and bool(_RTL.match(text.strip()))


def visual(text: str) -> str:
    """Arabic joined into its presentation forms, right-to-left text laid out in drawing order."""
    if _RTL.search(text):
        return get_display(arabic_reshaper.reshape(text))
    return text


@functools.cache
def _fallbacks(cjk: tuple[str, ...]) -> tuple[str, ...]:
    return (*FAMILIES[:3], *(f for f in OPTIONAL if _installed(f)), *cjk)


def _preferred(text: str) -> tuple[str, ...]:
    if _KANA.search(text):
        return _fallbacks(("NotoSansJP", "NotoSansSC", "NotoSansKR"))
    if _HANGUL.search(text):
        return _fallbacks(("NotoSansKR", "NotoSansSC", "NotoSansJP"))
    return _fallbacks(FAMILIES[3:])


@dataclass(frozen=True)
class Run:
    font_name: str
    text: str


@functools.lru_cache(maxsize=4096)
def runs(text: str, bold: bool = False, *, strict: bool = True) -> tuple[Run, ...]:
    """Split ``text`` (already in visual order) into runs, each drawn by one font that covers it.

    A character the current run's font covers stays in that run (spaces, digits, punctuation do
    not break a run). When no font covers a character, raises MissingGlyph (never tofu on a
    badge), or with ``strict=False`` leaves it in the current run (a long list still prints).
    """
    order = _preferred(text)
    out: list[Run] = []
    current: str | None = None
    start = 0
    for i, ch in enumerate(text):
        if current is not None and covers(current, ch):
            continue
        family = next((f for f in order if covers(f, ch)), None)
        if family is None:
            if ch.isspace() or not ch.isprintable() or not strict:
                continue
            raise MissingGlyph(ch)
        if current is not None and i > start:
            out.append(Run(font(current, bold).fontName, text[start:i]))
            start = i
        current = family
    if current is None:
        current = order[0]
    if len(text) > start:
        out.append(Run(font(current, bold).fontName, text[start:]))
    return tuple(out)


def missing(text: str) -> str:
    """Characters of ``text`` no packaged font covers (empty when the text prints in full)."""
    shown = visual(text)
    order = _preferred(shown)
    return "".join(ch for ch in shown if not ch.isspace() and not any(covers(f, ch) for f in order))


def width(parts: tuple[Run, ...], size: float) -> float:
    return sum(pdfmetrics.stringWidth(r.text, r.font_name, size) for r in parts)


@functools.lru_cache(maxsize=8192)
def fit(
    text: str, max_width: float, size: float, min_size: float, *, bold: bool = False, lines: int = 1
) -> tuple[float, tuple[tuple[Run, ...], ...]]:
    """Lay out ``text`` in at most ``lines`` lines of ``max_width``, shrinking from ``size`` as needed.

    Returns (font size, runs per line). Two lines split at the space nearest the middle.
    """
    shown = visual(text.strip())
    one = runs(shown, bold)
    w = width(one, size)
    if w <= max_width:
        return size, (one,)
    if lines > 1 and " " in shown:
        mid = len(shown) / 2
        cut = min((i for i, ch in enumerate(shown) if ch == " "), key=lambda i: abs(i - mid))
        parts = [runs(shown[:cut], bold), runs(shown[cut + 1 :], bold)]
        widest = max(width(p, size) for p in parts)
        scaled = size * min(1.0, max_width / widest)
        if scaled >= size * 0.8 or scaled >= min_size:
            return max(scaled, min_size), tuple(parts)
    return max(size * max_width / w, min_size), (one,)


def draw(canvas, x: float, y: float, parts: tuple[Run, ...], size: float, align: str = "left") -> None:
    """Draw runs on one baseline; ``align`` is left, centre or right of ``x``."""
    if align != "left":
        w = width(parts, size)
        x -= w / 2 if align == "centre" else w
    for run in parts:
        canvas.setFont(run.font_name, size)
        canvas.drawString(x, y, run.text)
        x += pdfmetrics.stringWidth(run.text, run.font_name, size)


def markup(text: str, bold: bool = False) -> str:
    """reportlab Paragraph markup for ``text``: each run in a font that has its glyphs."""
    return "".join(
        f'<font name="{run.font_name}">{escape(run.text)}</font>' for run in runs(visual(text), bold, strict=False)
    )
