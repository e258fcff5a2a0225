"""Tables the organisers download: exhibitors with their booths, and visit counts per booth.

Leads themselves are not here: a visitor's contact details go to the exhibitor alone."""

from __future__ import annotations

from conference.accounts.roles import Role
from conference.core.panel import Export, ExportTable, schema_table
from conference.exhibition import services
from conference.exhibition.schemas import BoothVisitsRow, ExhibitorRow

ORGANISERS = frozenset({Role.ADMIN})


def _exhibitors(_sensitive: bool) -> ExportTable:
    rows = [
        ExhibitorRow(
            id=e.id,
            organisation=e.organisation_name,
            kind=e.kind,
            theme=e.theme,
            status=e.status,
            requested_sqm=e.requested_size_sqm,
            preferred=", ".join(e.preferred_booths),
            booth=e.allocation.booth.code if e.allocation else "",
            website=e.website,
            staff=len(e.staff),
        )
        for e in services.applications()
    ]
    return schema_table(ExhibitorRow, rows)


def _booth_visits(_sensitive: bool) -> ExportTable:
    occupied = services.occupants()
    visits = services.visit_counts()
    leads = services.lead_counts()
    rows = []
    for booth in services.list_booths():
        exhibitor = occupied.get(booth.id)
        rows.append(
            BoothVisitsRow(
                booth=booth.code,
                size_sqm=booth.size_sqm,
                exhibitor=exhibitor.organisation_name if exhibitor else "",
                visits=visits.get(booth.id, 0),
                leads=leads.get(exhibitor.id, 0) if exhibitor else 0,
            )
        )
    return schema_table(BoothVisitsRow, rows)


EXPORTS = {
    "exhibitors": Export("Exhibitors and their booths", _exhibitors, ORGANISERS),
    "booth_visits": Export("Visits and lead counts per booth", _booth_visits, ORGANISERS),
}
