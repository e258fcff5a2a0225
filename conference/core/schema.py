"""Is the database schema at the migrations' head? The app refuses to serve an older schema."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import upgrade

from conference.config import ROOT
from conference.extensions import db

UPGRADE_HINT = "Run `make run` (it upgrades) or `.venv/bin/flask --app wsgi db upgrade`."


class SchemaOutdated(RuntimeError):
    pass


def schema_state() -> tuple[set[str], set[str]]:
    """(revisions in the database, heads of the migration scripts)."""
    script = ScriptDirectory(str(ROOT / "migrations"))
    with db.engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current, set(script.get_heads())


def ensure_schema(app: Flask, *, auto_upgrade: bool = False) -> None:
    with app.app_context():
        current, heads = schema_state()
        if current == heads:
            return
        if auto_upgrade:
            upgrade(directory=str(ROOT / "migrations"), revision="heads")
            return
        raise SchemaOutdated(
            f"The database schema ({', '.join(sorted(current)) or 'empty'}) is older than the code "
            f"({', '.join(sorted(heads))}). {UPGRADE_HINT}"
        )
