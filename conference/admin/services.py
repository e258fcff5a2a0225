"""The panel's own units of work: it owns no models, so these only record who downloaded what
(the data-protection rule: audit who saw personal data) and delegate the rest to accounts.
The request that serves the download commits the entry."""

from __future__ import annotations

from conference.core import audit


def record_export(key: str, fmt: str, *, sensitive: bool) -> None:
    audit.record("export.download", "export", key, after={"format": fmt, "sensitive": sensitive}, security=sensitive)


def record_list_of_participants() -> None:
    audit.record("export.download", "export", "list_of_participants", after={"format": "pdf"})
