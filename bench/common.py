"""What every benchmark shares: its own database, and the app under gunicorn over real HTTP.

The server is ``BENCH_DATABASE_URL`` or ``TEST_DATABASE_URL`` when set, else the embedded
PostgreSQL under ``instance/pgbench``. Each run creates a uniquely named database and drops it.
"""

from __future__ import annotations

import contextlib
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.db import DatabaseFactory

BIN = Path(sys.executable).parent


@contextlib.contextmanager
def bench_database(*, demo: bool = False) -> Iterator[str]:
    """A fresh database, migrated and seeded (with ``demo``: ~2,500 participants). Yields its URL."""
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["TEST_DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    elif not os.environ.get("TEST_DATABASE_URL"):
        from conference.core.embedded import embedded_database_url

        os.environ["TEST_DATABASE_URL"] = embedded_database_url(str(ROOT / "instance" / "pgbench"), "postgres")
    factory = DatabaseFactory()
    name = factory.create("bench")
    url = factory.url(name)
    env = dict(os.environ, DATABASE_URL=url, FLASK_APP="wsgi")
    try:
        subprocess.run([BIN / "flask", "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
        args = [BIN / "flask", "seed"] + (["--demo"] if demo else [])
        subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)
        yield url
    finally:
        factory.drop_all()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url: str, *, workers: int = 4, threads: int = 1, env: dict | None = None) -> Iterator[str]:
    """The app under gunicorn on a free port; yields its base URL."""
    port = free_port()
    full_env = dict(os.environ, DATABASE_URL=database_url, RATELIMIT_ENABLED="0", **(env or {}))
    proc = subprocess.Popen(
        [
            BIN / "gunicorn",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=full_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]
