import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from conference.config import ROOT
from conference.core.schema import SchemaOutdated, ensure_schema, schema_state
from conference.extensions import db
from tests.conftest import make_app

MIGRATIONS = str(ROOT / "migrations")


@pytest.mark.smoke
def test_migrations_reach_head_and_match_the_models(databases, tmp_path):
    name = databases.create("mig")
    app = make_app(databases.url(name), tmp_path)
    with app.app_context():
        try:
            upgrade(directory=MIGRATIONS, revision="heads")
            current, heads = schema_state()
            assert current == heads
            with db.engine.connect() as conn:
                diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
            assert diff == [], f"models and migrations differ: {diff}"
            downgrade(directory=MIGRATIONS, revision="base")
            with db.engine.connect() as conn:
                tables = conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()
            assert tables == 1  # only alembic_version is left
        finally:
            db.session.remove()
            db.engine.dispose()
    databases.drop(name)


def test_app_refuses_an_older_schema_and_names_the_upgrade_command(databases, tmp_path):
    name = databases.create("old")
    app = make_app(databases.url(name), tmp_path)
    try:
        try:
            ensure_schema(app)
        except SchemaOutdated as exc:
            assert "db upgrade" in str(exc)
        else:
            raise AssertionError("an empty database was accepted")
        ensure_schema(app, auto_upgrade=True)
        ensure_schema(app)  # now current: no error
    finally:
        with app.app_context():
            db.engine.dispose()
        databases.drop(name)
