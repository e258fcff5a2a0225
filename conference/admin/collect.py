"""Collect what each domain offers the panel (``stats.py``, ``exports.py``, ``search.py``) by module
name, so a domain's figures, exports and search appear here as soon as it ships them."""

from __future__ import annotations

from types import ModuleType

from conference.accounts.roles import Role
from conference.core.domains import DOMAINS, domain_modules
from conference.core.logs import domain_logger
from conference.core.panel import Export, Figure, SearchHit

log = domain_logger(__name__)


def contributions(name: str) -> list[tuple[str, ModuleType]]:
    """(domain, module) for every domain that has ``conference/<domain>/<name>.py``."""
    return domain_modules(name, tuple(d for d in DOMAINS if d != "admin"))


def figures() -> list[Figure]:
    """Every domain's figures; a domain whose stats fail shows an error figure, not a broken page."""
    result: list[Figure] = []
    for domain, module in contributions("stats"):
        result.extend(_safe_figures(domain, module.figures))
    return result


def _safe_figures(domain: str, provider) -> list[Figure]:
    try:
        return list(provider())
    except Exception:  # one domain's bug must not blank the organisers' dashboard
        log.exception("figures of %s failed", domain)
        return [Figure(domain, "Figures unavailable", "error")]


def exports() -> dict[str, Export]:
    """``domain.key`` → Export, over every domain's ``EXPORTS``."""
    return {
        f"{domain}.{key}": export
        for domain, module in contributions("exports")
        for key, export in getattr(module, "EXPORTS", {}).items()
    }


def search(query: str, limit: int, roles: set[str]) -> list[SearchHit]:
    """Hits from every domain's ``search``, keeping those the user's roles may see."""
    hits: list[SearchHit] = []
    for domain, module in contributions("search"):
        try:
            found = module.search(query, limit)
        except Exception:
            log.exception("search of %s failed", domain)
            continue
        hits.extend(hit for hit in found if not hit.roles or Role.ADMIN in roles or hit.roles & roles)
    return hits
