"""Tables the organisers download: exhibitors with their booths, and visit counts per booth.

Leads themselves are not here: a visitor's contact details go to the exhibitor alone."""

from __future__ import annotations

from conference.accounts.roles import Role
from conference.core.panel import Export, ExportTable
from conference.exhibition import services

ORGANISERS = frozenset({Role.ADMIN})


def _exhibitors(_sensitive: bool) -> ExportTable:
    rows = [
        (
            e.id,
            e.organisation_name,
            e.kind,
            e.theme,
            e.status,
            e.requested_size_sqm,
            ", ".join(e.preferred_booths),
            e.allocation.booth.code if e.allocation else "",
            e.website,
            len(e.staff),
        )
        for e in services.applications()
    ]
    headers = (
        "id",
        "organisation",
        "kind",
        "theme",
        "status",
        "requested_sqm",
        "preferred",
        "booth",
        "website",
        "staff",
    )
    return ExportTable(headers=headers, rows=rows)


def _booth_visits(_sensitive: bool) -> ExportTable:
    occupied = services.occupants()
    visits = services.visit_counts()
    leads = services.lead_counts()
    rows = []
    for booth in services.list_booths():
        exhibitor = occupied.get(booth.id)
        rows.append(
            (
                booth.code,
                booth.size_sqm,
                exhibitor.organisation_name if exhibitor else "",
                visits.get(booth.id, 0),
                leads.get(exhibitor.id, 0) if exhibitor else 0,
            )
        )
    return ExportTable(headers=("booth", "size_sqm", "exhibitor", "visits", "leads"), rows=rows)


EXPORTS = {
    "exhibitors": Export("Exhibitors and their booths", _exhibitors, ORGANISERS),
    "booth_visits": Export("Visits and lead counts per booth", _booth_visits, ORGANISERS),
}
