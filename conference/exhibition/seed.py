"""Exhibition booths (``booths.csv``) positioned on the hall's floor plan."""

from __future__ import annotations

from conference.accounts.roles import Role
from conference.core.services import SeedReport, read_csv, upsert
from conference.exhibition.models import Booth


def seed(report: SeedReport) -> None:
    upsert(
        Booth,
        "code",
        (
            {
                "code": r["code"],
                "x": float(r["x"]),
                "y": float(r["y"]),
                "width": float(r["width"]),
                "height": float(r["height"]),
                "size_sqm": int(float(r["size_sqm"])),
                "zone_code": r["zone"] or None,
                "theme": r["theme"],
                "power": r["power"] == "1",
                "network": r["network"] == "1",
                "furniture": r["furniture"],
            }
            for r in read_csv("booths.csv")
        ),
        report,
    )


# Synthetic exhibitors for `flask seed --demo` (fictitious organisations; B07 stays free for demos).
DEMO_EXHIBITORS = [
    ("UN Technology Space", "international_organisation", "un-technology-space", 36, "B01"),
    ("Viet Nam host country pavilion", "country", "fighting-cybercrime", 36, "B09"),
    ("Photo exhibition: the road to Hanoi", "international_organisation", "photo-exhibition", 18, "B15"),
    ("Mekong Digital Forensics Institute", "research_institute", "science-technology", 9, "B06"),
    ("SecureBridge Technologies", "tech_company", "cybersecurity", 18, "B11"),
    ("Open Threat Lab", "tech_company", "digital-transformation", 9, "B08"),
    ("Institute for Cyber Policy Studies", "research_institute", "fighting-cybercrime", 18, "B18"),
    ("Republic of Korea pavilion", "country", "digital-transformation", 36, "B12"),
]


def seed_demo(report: SeedReport) -> None:
    from sqlalchemy import select

    from conference.accounts.models import User
    from conference.exhibition.models import BoothAllocation, Exhibitor
    from conference.extensions import db

    users = upsert(
        User,
        "email",
        (
            {"email": f"exhibitor{i}@demo.example", "role": Role.EXHIBITOR, "full_name": f"Demo exhibitor {i}"}
            for i in range(1, len(DEMO_EXHIBITORS) + 1)
        ),
        report,
    )
    exhibitors = upsert(
        Exhibitor,
        "user_id",
        (
            {
                "user_id": users[f"exhibitor{i}@demo.example"].id,
                "organisation_name": name,
                "kind": kind,
                "theme": theme,
                "requested_size_sqm": size,
                "description_en": f"{name} presents its work on {theme.replace('-', ' ')} at the signing conference.",
                "preferred_booths": [booth],
                "status": "approved",
            }
            for i, (name, kind, theme, size, booth) in enumerate(DEMO_EXHIBITORS, start=1)
        ),
        report,
    )
    booths = dict(db.session.execute(select(Booth.code, Booth.id)).all())
    taken = set(db.session.scalars(select(BoothAllocation.booth_id)))
    rows = []
    for i, (*_, booth) in enumerate(DEMO_EXHIBITORS, start=1):
        exhibitor = exhibitors[users[f"exhibitor{i}@demo.example"].id]
        if booths[booth] not in taken or exhibitor.allocation is not None:
            rows.append({"exhibitor_id": exhibitor.id, "booth_id": booths[booth]})
    upsert(BoothAllocation, "exhibitor_id", rows, report)
