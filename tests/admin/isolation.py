"""A per-test rollback that really rolls back.

``tests/conftest.py``'s ``_db_transaction`` binds its scoped session to the test's connection, but
Flask-SQLAlchemy's ``Session.get_bind`` picks the engine for mapped classes and ignores ``bind``,
so every commit there is real and rows leak from test to test. The session class below honours
the bound connection; ``tests/admin`` and ``tests/accounts`` use it (the lead may move it to
``tests/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask_sqlalchemy.session import Session

from conference.extensions import db


class ConnectionBoundSession(Session):
    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind or self.bind or super().get_bind(mapper, clause, bind, **kwargs)


@pytest.fixture(autouse=True)
def _db_transaction(request) -> Iterator[None]:
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        conn = db.engine.connect()
        outer = conn.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": conn, "join_transaction_mode": "create_savepoint", "class_": ConnectionBoundSession}
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
        import shutil

        shutil.rmtree(outbox)
