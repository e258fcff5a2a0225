"""Standard checkpoints of the NCC, so a fresh install can scan at once (organisers add the rest)."""

from __future__ import annotations

from conference.core.services import SeedReport, upsert
from conference.scanning.models import Checkpoint

CHECKPOINTS = [
    {"name": "Accreditation desk", "kind": "desk", "direction": "in", "zone_code": None},
    {"name": "Main entrance — in", "kind": "zone_gate", "direction": "in", "zone_code": "A"},
    {"name": "Main entrance — out", "kind": "zone_gate", "direction": "out", "zone_code": "A"},
    {"name": "Plenary hall — in", "kind": "zone_gate", "direction": "in", "zone_code": "P"},
    {"name": "Plenary hall — out", "kind": "zone_gate", "direction": "out", "zone_code": "P"},
    {"name": "Signing room — in", "kind": "zone_gate", "direction": "in", "zone_code": "S"},
    {"name": "Media centre — in", "kind": "zone_gate", "direction": "in", "zone_code": "M"},
    {"name": "Exhibition hall — in", "kind": "zone_gate", "direction": "in", "zone_code": "E"},
    {"name": "VIP lounge — in", "kind": "zone_gate", "direction": "in", "zone_code": "V"},
]


def seed(report: SeedReport) -> None:
    upsert(Checkpoint, "name", ({**row, "reentry": "after_exit"} for row in CHECKPOINTS), report)
