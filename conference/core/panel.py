"""What each domain offers the organiser panel, without the panel importing domain internals.

A domain may have ``stats.py`` with ``figures() -> list[Figure]``, ``exports.py`` with
``EXPORTS: dict[str, Export]`` and ``search.py`` with ``search(query, limit) -> list[SearchHit]``;
``conference.admin`` collects them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


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
