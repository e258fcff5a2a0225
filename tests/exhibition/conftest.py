"""The exhibition tests' per-test transaction.

The shared ``_db_transaction`` passes ``bind=conn`` to Flask-SQLAlchemy's session, whose ``get_bind``
ignores it and returns the app's engine, so commits in tests escape the rolled-back transaction.
This override binds the session to the test's connection for real (remove it once the shared fixture
does the same), and starts each test with empty exhibition tables, whatever earlier tests left
behind (the demo seed, for one), inside the transaction that is rolled back.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_sqlalchemy.session import Session
from sqlalchemy import text

from conference.extensions import db


class _ConnectionSession(Session):
    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture(autouse=True)
def _db_transaction(request) -> Iterator[None]:
    if "app" not in request.fixturenames:
        yield
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        conn = db.engine.connect()
        outer = conn.begin()
        conn.execute(text("TRUNCATE leads, booth_visits, booth_allocations, exhibitor_staff, exhibitors"))
        original = db.session
        db.session = db._make_scoped_session(
            {"class_": _ConnectionSession, "bind": conn, "join_transaction_mode": "create_savepoint"}
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            conn.close()
    outbox = Path(app.config["OUTBOX_DIR"])
    if outbox.exists():
        shutil.rmtree(outbox)
