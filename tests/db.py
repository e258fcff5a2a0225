"""Test databases: each test run creates its own uniquely named databases and drops them after.

The server is ``TEST_DATABASE_URL`` when set (any database on it; we only create our own), else an
embedded PostgreSQL under ``instance/pgtest``. A migrated and seeded template database is cloned
for tests that need committed data (browser tests, concurrency tests).
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from conference.config import ROOT


def server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql+psycopg://", "postgresql://")
    from conference.core.embedded import embedded_database_url

    return embedded_database_url(str(ROOT / "instance" / "pgtest"), database="postgres").replace(
        "postgresql+psycopg://", "postgresql://"
    )


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class DatabaseFactory:
    def __init__(self) -> None:
        self.server = server_url()
        self.prefix = f"hct_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(with_database(self.server, "postgres"), autocommit=True)

    def create(self, suffix: str, template: str | None = None) -> str:
        name = f"{self.prefix}_{suffix}"
        with self._admin() as conn:
            if template:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
                )
            else:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        return name

    def url(self, name: str) -> str:
        return with_database(self.server, name)

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if name in self.created:
            self.created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(list(self.created)):
            self.drop(name)
