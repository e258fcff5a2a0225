"""Rules the whole schema keeps: every look-up foreign key is indexed, every coded column is checked."""

import re

import pytest
from sqlalchemy import Enum, text
from sqlalchemy.exc import IntegrityError

from conference.extensions import db

# A foreign key column that is the first column of no index: PostgreSQL scans the whole table to
# find its rows (and to check them when the referenced row is deleted).
UNINDEXED_FOREIGN_KEYS = text(
    """
    SELECT c.conrelid::regclass::text || '.' || a.attname
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      AND NOT EXISTS (
          SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
      )
    ORDER BY 1
    """
)


def test_every_foreign_key_is_the_first_column_of_an_index(app):
    with app.app_context():
        missing = db.session.execute(UNINDEXED_FOREIGN_KEYS).scalars().all()
    assert missing == [], f"foreign keys without an index: {', '.join(missing)}"


def _enum_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum):
                yield table.name, column.name, column.type


def test_every_enum_column_has_a_check_listing_exactly_its_codes(app):
    with app.app_context():
        checks = dict(
            db.session.execute(
                text(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE contype = 'c' AND connamespace = 'public'::regnamespace"
                )
            ).all()
        )
    columns = list(_enum_columns())
    assert len(columns) >= 24
    for table, column, enum_type in columns:
        definition = checks.get(f"ck_{table}_{enum_type.name}", "")
        listed = set(re.findall(r"'([^']*)'", definition))
        assert listed == set(enum_type.enums), f"{table}.{column}: {definition or 'no CHECK constraint'}"


@pytest.mark.parametrize(
    ("table", "column", "code"),
    [("rooms", "kind", "ballroom"), ("sessions", "kind", "keynote"), ("countries", "status", "member_state")],
)
def test_the_database_refuses_a_code_its_enum_does_not_know(app, table, column, code):
    with app.app_context(), pytest.raises(IntegrityError, match=f"ck_{table}_"), db.session.begin_nested():
        db.session.execute(text(f"UPDATE {table} SET {column} = :code"), {"code": code})
