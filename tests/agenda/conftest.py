"""Agenda test fixtures.

``tests/conftest.py`` binds each test's session to one connection rolled back at the end, but
Flask-SQLAlchemy's ``Session.get_bind`` prefers the app's engine over the session's ``bind``, so
without this fixture every commit in a test would land in the shared database for real.
"""

from __future__ import annotations

import pytest
from flask_sqlalchemy.session import Session


@pytest.fixture(autouse=True)
def _session_bind_wins(monkeypatch) -> None:
    original = Session.get_bind

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and self.bind is not None:
            return self.bind
        return original(self, mapper, clause, bind, **kwargs)

    monkeypatch.setattr(Session, "get_bind", get_bind)
