"""Human labels for the exhibition's themes (booths.csv) and booth sizes; kinds and statuses: their enums."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.exhibition.models import ExhibitorKind, ExhibitorStatus

THEMES = {
    "cybersecurity": _l("Cybersecurity"),
    "fighting-cybercrime": _l("Fighting cybercrime"),
    "digital-transformation": _l("Digital transformation"),
    "science-technology": _l("Science and technology"),
    "un-technology-space": _l("UN technology space"),
    "photo-exhibition": _l("Photo exhibition"),
}

KINDS = ExhibitorKind.labels()

# The booth sizes the hall offers (booths.csv): 3×3, 6×3 and 6×6 metres.
SIZES = {9: _l("9 m² (3 × 3 m)"), 18: _l("18 m² (6 × 3 m)"), 36: _l("36 m² (6 × 6 m)")}

STATUSES = ExhibitorStatus.labels()
