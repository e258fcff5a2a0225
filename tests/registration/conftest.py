import pytest
from sqlalchemy import orm

from conference.extensions import db


@pytest.fixture(autouse=True)
def _isolated(request):
    """Keep each test's writes inside the rolled-back outer transaction.

    Flask-SQLAlchemy's Session.get_bind picks the engine for mapped tables and ignores the session's
    ``bind``, so the shared fixture's sessions commit for real. A plain SQLAlchemy session on the
    same connection honours ``join_transaction_mode="create_savepoint"``.
    """
    if "app" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_db_transaction")
    shared = db.session
    conn = shared().bind
    db.session = orm.scoped_session(orm.sessionmaker(bind=conn, join_transaction_mode="create_savepoint"))
    try:
        yield
    finally:
        db.session.remove()
        db.session = shared


@pytest.fixture
def in_request(app):
    """Services that mail links build them with url_for, as they do inside a request."""
    with app.test_request_context("/"):
        yield
