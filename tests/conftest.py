"""Shared fixtures: a real PostgreSQL database per test run, one rolled-back transaction per test,
a login helper, live servers on cloned databases and a headless Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, g, request_started
from flask_sqlalchemy.session import Session as FlaskSession
from werkzeug.serving import make_server

from conference import DOMAINS, create_app
from conference.config import ROOT
from conference.extensions import db
from tests import factories
from tests.db import DatabaseFactory

CHROMIUM = "/usr/bin/chromium"
TEST_PASSWORD = factories.TEST_PASSWORD


class ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy's ``get_bind`` picks the app's engine for mapped classes and ignores
    ``bind``; honour the test's connection so that commits stay inside its rolled-back transaction."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind or self.bind or super().get_bind(mapper, clause, bind, **kwargs)


def _forget_cached_user(sender: Flask, **_extra) -> None:
    # Test-client requests reuse the test's app context and so its ``g``: drop Flask-Login's cached
    # user so that each request authenticates afresh (another cookie, another bearer token).
    g.pop("_login_user", None)


request_started.connect(_forget_cached_user)


def make_app(url: str, instance: Path, **overrides) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "INSTANCE_PATH": str(instance),
        "STORAGE_DIR": str(instance / "storage"),
        "OUTBOX_DIR": str(instance / "outbox"),
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": None,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def databases() -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory()
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def template_db(databases: DatabaseFactory, tmp_path_factory) -> str:
    """A database migrated to head and seeded with seed_data/; cloned by the other fixtures."""
    from flask_migrate import upgrade

    from conference.core.services import run_seed

    name = databases.create("tpl")
    app = make_app(databases.url(name), tmp_path_factory.mktemp("tpl"))
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="heads")
        run_seed(DOMAINS)
        db.session.remove()
        db.engine.dispose()
    return name


@pytest.fixture(scope="session")
def app(databases: DatabaseFactory, template_db: str, tmp_path_factory) -> Iterator[Flask]:
    name = databases.create("main", template=template_db)
    app = make_app(databases.url(name), tmp_path_factory.mktemp("instance"))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _db_transaction(request) -> Iterator[None]:
    """Each test that uses ``app`` runs in one transaction rolled back at the end.

    Services still call ``commit()``: with ``join_transaction_mode="create_savepoint"`` that only
    releases a savepoint inside our outer transaction.
    """
    if "app" not in request.fixturenames:
        yield
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        conn = db.engine.connect()
        outer = conn.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"class_": ConnectionBoundSession, "bind": conn, "join_transaction_mode": "create_savepoint"}
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


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


class AuthActions:
    """Log in as a (new) user with a role through the real login form."""

    def __init__(self, client) -> None:
        self.client = client

    def login(self, role: str = "admin", email: str | None = None, **kwargs):
        if email is not None:
            kwargs["email"] = email
        user = factories.UserFactory(role=role, **kwargs)
        response = self.client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, "login failed"
        return user

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


# --- committed data: a fresh clone of the seeded template per test -------------------------------


@pytest.fixture
def fresh_app(databases: DatabaseFactory, template_db: str, tmp_path) -> Iterator[Flask]:
    """An app on its own freshly cloned database, for tests that need real commits
    (concurrent connections, live servers). Dropped afterwards."""
    name = databases.create(f"f{os.urandom(3).hex()}", template=template_db)
    app = make_app(databases.url(name), tmp_path / "instance", WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    databases.drop(name)


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()

    def run(self, fn, *args, **kwargs):
        """Run ``fn`` in the server's app context to arrange data, and commit it (the factories only
        flush) so that the server's requests see it."""
        with self.app.app_context():
            try:
                result = fn(*args, **kwargs)
                db.session.commit()
                return result
            finally:
                db.session.remove()


@pytest.fixture
def live_server(fresh_app: Flask) -> Iterator[LiveServer]:
    server = LiveServer(fresh_app)
    yield server
    server.stop()


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: `make test` installs Debian's chromium.")
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    artifacts = ROOT / "test-artifacts"
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        artifacts.mkdir(exist_ok=True)
        pg.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def live_login(page, base_url: str, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)
