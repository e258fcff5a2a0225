"""Each domain's raw SQL names only the tables it owns and the published views.

A domain owns the tables of its own models (their ``__tablename__``); a cross-domain read goes
through a view its owners publish by migration (e.g. badge_holders, session_doors), or through the
owner's services. Scanning, the hot path, also imports no other domain's models.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from conference.config import ROOT
from conference.extensions import db

PACKAGE = ROOT / "conference"
SQL_KEYWORDS = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b", re.IGNORECASE)
# A name after FROM, JOIN, INTO, UPDATE or TABLE (optionally ONLY), or in a comma-separated FROM list.
TABLE_AFTER = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)", re.IGNORECASE)
# Domains whose raw SQL may read everyone's tables: none, yet. Add one here only with a reason.
EXEMPT: dict[str, str] = {}


def _domain_of(module: str) -> str:
    return module.split(".")[1]


def table_owners() -> dict[str, str]:
    """table name → the domain whose models declare it."""
    return {
        mapper.local_table.name: _domain_of(mapper.class_.__module__)
        for mapper in db.Model.registry.mappers
        if mapper.class_.__module__.startswith("conference.")
    }


def published_views() -> set[str]:
    return set(db.session.execute(text("SELECT viewname FROM pg_views WHERE schemaname = 'public'")).scalars())


def sql_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that read like SQL, with their line numbers."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_KEYWORDS.search(node.value):
            found.append((node.lineno, node.value))
    return found


def foreign_tables(sql: str, domain: str, owners: dict[str, str], views: set[str]) -> set[str]:
    named = set(TABLE_AFTER.findall(sql))
    return {name for name in named if name not in views and owners.get(name, domain) != domain}


def test_the_scan_path_reads_published_views(app):
    views = published_views()
    assert {"badge_holders", "session_doors"} <= views
    from conference.scanning import queries, sql

    lookup = {"checkpoints", "session_doors", "badge_holders", "presence", "scans"}
    assert set(TABLE_AFTER.findall(sql.LOOKUP)) == lookup
    assert set(TABLE_AFTER.findall(str(queries._ROSTER))) == {"badge_holders"}


def test_the_checker_sees_a_foreign_table(app):
    """The rule itself can fail: scanning naming badges or sessions is caught, a view is not."""
    owners, views = table_owners(), published_views()
    assert owners["badges"] == "badges" and owners["scans"] == "scanning"
    joined = "SELECT 1 FROM scans s JOIN badges b ON b.id = s.badge_id LEFT JOIN session_doors d ON true"
    assert foreign_tables(joined, "scanning", owners, views) == {"badges"}
    assert foreign_tables("UPDATE sessions SET capacity = 1", "scanning", owners, views) == {"sessions"}


@pytest.mark.parametrize("domain", sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()))
def test_raw_sql_names_only_the_domains_own_tables(app, domain):
    if domain in EXEMPT:
        pytest.skip(EXEMPT[domain])
    owners, views = table_owners(), published_views()
    problems = []
    for path in sorted((PACKAGE / domain).rglob("*.py")):
        for line, sql in sql_strings(path):
            for table in sorted(foreign_tables(sql, domain, owners, views)):
                problems.append(f"{path.relative_to(ROOT)}:{line} names {table} (owned by {owners[table]})")
    assert problems == []


def test_scanning_imports_no_other_domains_models():
    domains = {p.name for p in PACKAGE.iterdir() if (p / "models.py").exists()} - {"scanning", "core"}
    forbidden = {f"conference.{d}.models" for d in domains}
    problems = []
    for path in sorted((PACKAGE / "scanning").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
            else:
                continue
            problems += [f"{path.relative_to(ROOT)}:{node.lineno} imports {n}" for n in sorted(names & forbidden)]
    assert problems == []
