"""The domain packages and the optional modules each may contribute, found by name."""

from __future__ import annotations

import importlib
from types import ModuleType

# In dependency order. Optional modules: ``views``, ``home`` (the front page) and ``api``, each with a
# blueprint ``bp``; ``receivers``, ``seed`` (seed/seed_demo), ``cli`` (commands), ``stats``, ``exports``,
# ``search`` (the panel's).
DOMAINS = ("core", "accounts", "registration", "agenda", "exhibition", "badges", "scanning", "admin", "api")
# The modules whose ``bp`` the app registers.
BLUEPRINT_MODULES = ("views", "home", "api")


def domain_module(domain: str, name: str) -> ModuleType | None:
    """``conference.<domain>.<name>``, or None when the domain has no such module."""
    try:
        return importlib.import_module(f"conference.{domain}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"conference.{domain}.{name}":
            return None
        raise


def domain_modules(name: str, domains: tuple[str, ...] = DOMAINS) -> list[tuple[str, ModuleType]]:
    """(domain, module) for every domain of ``domains`` that has ``conference/<domain>/<name>.py``."""
    return [(d, m) for d in domains if (m := domain_module(d, name)) is not None]
