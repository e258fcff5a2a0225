"""Human labels for the exhibition's codes (themes from booths.csv, exhibitor kinds, booth sizes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

THEMES = {
    "cybersecurity": _l("Cybersecurity"),
    "fighting-cybercrime": _l("Fighting cybercrime"),
    "digital-transformation": _l("Digital transformation"),
    "science-technology": _l("Science and technology"),
    "un-technology-space": _l("UN technology space"),
    "photo-exhibition": _l("Photo exhibition"),
}

KINDS = {
    "country": _l("Country"),
    "international_organisation": _l("International organisation"),
    "tech_company": _l("Technology company"),
    "research_institute": _l("Research institute"),
}

# The booth sizes the hall offers (booths.csv): 3×3, 6×3 and 6×6 metres.
SIZES = {9: _l("9 m² (3 × 3 m)"), 18: _l("18 m² (6 × 3 m)"), 36: _l("36 m² (6 × 6 m)")}

STATUSES = {"applied": _l("Under review"), "approved": _l("Approved"), "rejected": _l("Not accepted")}
