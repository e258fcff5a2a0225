"""Core services: the event record, and the seed runner that calls each domain's ``seed``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import select

from conference.core.domains import domain_modules
from conference.core.models import EventSettings
from conference.extensions import db


def get_event() -> EventSettings | None:
    if has_app_context() and "event" in g:
        return g.event
    event = db.session.scalar(select(EventSettings).limit(1))
    if has_app_context():
        g.event = event
    return event


@dataclass
class SeedReport:
    """What a seed run changed, per table (a second run must report nothing)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, created: int = 0, updated: int = 0) -> None:
        if created:
            self.created[table] = self.created.get(table, 0) + created
        if updated:
            self.updated[table] = self.updated.get(table, 0) + updated

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed:
            return "Seed data already up to date: nothing changed."
        parts = [f"{t}: +{n}" for t, n in sorted(self.created.items())]
        parts += [f"{t}: ~{n}" for t, n in sorted(self.updated.items())]
        return "Seeded " + ", ".join(parts)


def read_csv(name: str) -> list[dict[str, str]]:
    path = Path(current_app.config["SEED_DIR"]) / name
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def read_json(name: str) -> Any:
    return json.loads((Path(current_app.config["SEED_DIR"]) / name).read_text(encoding="utf-8"))


def upsert(model: type, key: str, rows: Iterable[dict[str, Any]], report: SeedReport) -> dict[Any, Any]:
    """Insert missing rows and update changed ones, matching on ``key``. Returns key → instance."""
    existing = {getattr(obj, key): obj for obj in db.session.scalars(select(model))}
    created = updated = 0
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model(**row)
            db.session.add(obj)
            existing[row[key]] = obj
            created += 1
            continue
        dirty = False
        for attr, value in row.items():
            if getattr(obj, attr) != value:
                setattr(obj, attr, value)
                dirty = True
        updated += dirty
    db.session.flush()
    report.add(model.__tablename__, created, updated)
    return existing


def seed_event(report: SeedReport) -> None:
    import datetime as dt

    data = read_json("event.json")
    row = {
        "id": 1,
        "name": data["name"],
        "short_name": data["short_name"],
        "theme": data["theme"],
        "start_date": dt.date.fromisoformat(data["start_date"]),
        "end_date": dt.date.fromisoformat(data["end_date"]),
        "venue": data["venue"],
        "timezone": data["timezone"],
    }
    upsert(EventSettings, "id", [row], report)


def run_seed(domains: Iterable[str], *, demo: bool = False) -> SeedReport:
    """Load ``seed_data/`` through each domain's ``seed(report)`` (and ``seed_demo`` with ``demo``)."""
    report = SeedReport()
    seed_event(report)
    for _domain, module in domain_modules("seed", tuple(domains)):
        module.seed(report)
        if demo and hasattr(module, "seed_demo"):
            module.seed_demo(report)
    db.session.commit()
    if has_app_context():
        g.pop("event", None)
    return report
