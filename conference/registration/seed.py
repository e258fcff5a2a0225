"""Reference lists: access zones, participant categories, states, organisations."""

from __future__ import annotations

from conference.core.services import SeedReport, read_csv, upsert
from conference.registration.models import Category, Country, Organisation, Zone


def seed(report: SeedReport) -> None:
    upsert(Zone, "code", read_csv("zones.csv"), report)
    upsert(
        Category,
        "code",
        (
            {
                "code": r["code"],
                "name": r["name"],
                "colour_name": r["colour_name"],
                "badge_colour": r["badge_colour"].upper(),
                "letter": r["letter"],
                "zones": r["zones"].split(),
                "sort_order": int(r["sort_order"] or 0),
            }
            for r in read_csv("categories.csv")
        ),
        report,
    )
    upsert(Country, "iso3", read_csv("countries.csv"), report)
    upsert(Organisation, "code", read_csv("organisations.csv"), report)


def seed_demo(report: SeedReport) -> None:
    from conference.registration.demo import seed_demo_participants

    seed_demo_participants(report)
