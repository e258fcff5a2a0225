"""Exhibition booths (``booths.csv``) positioned on the hall's floor plan."""

from __future__ import annotations

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
