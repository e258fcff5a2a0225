"""Fonts for names in every script, for the reportlab PDFs of the panel.

Fonts come from the npm Noto packages that ``make assets`` copies to ``static/vendor/fonts`` (the
badges use them too), and from Debian's fonts-noto-core for further scripts when it is installed;
a script whose font is missing falls back to the base font. Arabic is shaped with arabic-reshaper and, like Hebrew, put
in visual order with python-bidi, since reportlab draws left to right. Chinese, Japanese and
Korean use the PDF standard CID fonts (not embedded; every PDF reader has them). Brahmic scripts
(Devanagari, Bengali, Thai) are drawn without shaping: every letter shows, but conjuncts and
pre-base vowel signs are not formed (reportlab's HarfBuzz shaping broke Arabic subsetting).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from conference.config import ROOT

VENDOR = ROOT / "static" / "vendor" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
BASE_CANDIDATES = (
    (VENDOR / "NotoSans_400Regular.ttf", VENDOR / "NotoSans_700Bold.ttf"),  # Latin, Vietnamese, Greek, Cyrillic
    (NOTO / "NotoSans-Regular.ttf", NOTO / "NotoSans-Bold.ttf"),
)
ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# font name, file (None: a CID font), characters, how to prepare the text
SCRIPTS = (
    ("PDF-Arabic", VENDOR / "NotoSansArabic_400Regular.ttf", ARABIC_CHARS, "arabic"),
    ("PDF-Hebrew", NOTO / "NotoSansHebrew-Regular.ttf", "\u0590-\u05ff", "rtl"),
    ("PDF-Devanagari", VENDOR / "NotoSansDevanagari_400Regular.ttf", "\u0900-\u097f", "plain"),
    ("PDF-Bengali", NOTO / "NotoSansBengali-Regular.ttf", "\u0980-\u09ff", "plain"),
    ("PDF-Thai", NOTO / "NotoSansThai-Regular.ttf", "\u0e00-\u0e7f", "plain"),
    ("PDF-Armenian", NOTO / "NotoSansArmenian-Regular.ttf", "\u0530-\u058f", "plain"),
    ("PDF-Georgian", NOTO / "NotoSansGeorgian-Regular.ttf", "\u10a0-\u10ff", "plain"),
    ("HYSMyeongJo-Medium", None, "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "plain"),
    ("STSong-Light", None, "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef", "plain"),
)
_CLASSES = [(name, re.compile(f"[{chars}]"), mode) for name, _, chars, mode in SCRIPTS]
_registered: dict[str, str] = {}  # font name -> mode, for the scripts whose font is installed


def register() -> tuple[str, str]:
    """Register the fonts once; returns the base (regular, bold) font names."""
    known = pdfmetrics.getRegisteredFontNames()
    for name, path, _, mode in SCRIPTS:
        if name in _registered:
            continue
        if path is None:
            if name not in known:
                pdfmetrics.registerFont(UnicodeCIDFont(name))
            _registered[name] = mode
        elif path.exists():
            pdfmetrics.registerFont(TTFont(name, str(path)))
            _registered[name] = mode
    for regular, bold in BASE_CANDIDATES:
        if regular.exists() and bold.exists():
            if "PDF-Base" not in known:
                pdfmetrics.registerFont(TTFont("PDF-Base", str(regular)))
                pdfmetrics.registerFont(TTFont("PDF-Base-Bold", str(bold)))
            return "PDF-Base", "PDF-Base-Bold"
    return "Helvetica", "Helvetica-Bold"


def _font_of(char: str) -> str | None:
    for name, pattern, _ in _CLASSES:
        if pattern.match(char):
            return name if name in _registered else None
    return None


def markup(text: str) -> str:
    """Paragraph markup for ``text``: each script run in a font that has its glyphs."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        font = _font_of(char)
        if runs and (font == runs[-1][0] or (char.isspace() and runs[-1][0] is not None)):
            runs[-1] = (runs[-1][0], runs[-1][1] + char)
        else:
            runs.append((font, char))
    parts = []
    for font, run in runs:
        if font is None:
            parts.append(escape(run))
            continue
        mode = _registered[font]
        trailing = run[len(run.rstrip()) :]
        run = run.rstrip()
        if mode == "arabic":
            run = get_display(arabic_reshaper.reshape(run))
        elif mode == "rtl":
            run = get_display(run)
        parts.append(f'<font name="{font}">{escape(run)}</font>{escape(trailing)}')
    return "".join(parts)
