"""What each domain offers the organiser panel, without the panel importing domain internals.

A domain may have ``stats.py`` with ``figures() -> list[Figure]``, ``exports.py`` with
``EXPORTS: dict[str, Export]`` and ``search.py`` with ``search(query, limit) -> list[SearchHit]``;
``conference.admin`` collects them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard, e.g. Figure("registration", "Approved participants", 1830)."""

    group: str
    label: str
    value: int | float | str
    detail: dict[str, int | float] = field(default_factory=dict)  # a breakdown for a chart or table


@dataclass(frozen=True)
class ExportTable:
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def schema_headers(schema: type[BaseModel], *, sensitive: bool = True) -> list[str]:
    """A table's column headers: the row schema's field titles (else names), in field order, leaving
    out fields marked ``sensitive`` unless the reader may see personal data."""
    return [field.title or name for name, field in _columns(schema, sensitive)]


def schema_table(schema: type[BaseModel], rows: Iterable[BaseModel], *, sensitive: bool = True) -> ExportTable:
    """The table of ``rows`` (instances of ``schema``): headers and cells from the one row schema, so the
    columns cannot drift from the values."""
    names = [name for name, _field in _columns(schema, sensitive)]
    dumped = (row.model_dump(mode="json") for row in rows)
    return ExportTable(
        schema_headers(schema, sensitive=sensitive), [tuple(values[n] for n in names) for values in dumped]
    )


def _columns(schema: type[BaseModel], sensitive: bool) -> list[tuple[str, Any]]:
    return [
        (name, field)
        for name, field in schema.model_fields.items()
        if sensitive or not (isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("sensitive"))
    ]


@dataclass(frozen=True)
class Export:
    """A downloadable table. ``build(sensitive)`` returns the table; ``roles`` may download it;
    ``sensitive_roles`` may ask for the sensitive columns too."""

    title: str
    build: Callable[[bool], ExportTable]
    roles: frozenset[str]
    sensitive_roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SearchHit:
    kind: str  # participant | delegation | session | exhibitor | …
    title: str
    subtitle: str
    url: str
    roles: frozenset[str] = frozenset()  # empty: anyone who may search sees it
