"""Badge scanning over real HTTP: gunicorn, PostgreSQL, the demo data (~2,100 badges), device tokens.

(a) maximum throughput with 16 concurrent scanners, (b) a steady 100 scans/s for 30 s, (c) one
scanner scanning 500 badges one after another. Scanners alternate an entry and an exit gate per
badge, so most scans are accepted check-ins. Afterwards the database is checked: one row per scan
sent, and no badge let in twice without leaving in between.

Environment: SCAN_WORKERS / SCAN_THREADS (gunicorn; 2 x 8 measured best on 2 cores, against 3 x 4 and
4 x 4), SCAN_MAX_SECONDS (phase a, default 15).
"""

from __future__ import annotations

import datetime as dt
import http.client
import itertools
import json
import os
import threading
import time
import uuid
from urllib.parse import urlsplit

from common import bench_database, gunicorn, percentile

SCANNERS = 16
STEADY_RATE = 100
STEADY_SECONDS = 30
SEQUENTIAL = 500


def prepare(url: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """A scanner account with a device token, an entry and an exit gate per scanner, the badge codes."""
    from sqlalchemy import select

    from conference import create_app
    from conference.accounts.models import User
    from conference.accounts.services import issue_api_token
    from conference.badges.models import Badge
    from conference.badges.tokens import sign
    from conference.extensions import db
    from conference.scanning import services

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.test_request_context():
        user = User(email="bench-scanner@test.example", role="scanner", full_name="Bench scanner")
        db.session.add(user)
        db.session.commit()
        token = issue_api_token(user, "device: bench")
        gates = []
        for n in range(SCANNERS):
            pair = []
            for direction in ("in", "out"):
                data = services.CheckpointData(
                    name=f"Gate A{n} {direction}", kind="zone_gate", zone_code="A", direction=direction
                )
                pair.append(services.save_checkpoint(None, data).id)
            gates.append((pair[0], pair[1]))
        db.session.commit()  # services flush; this set-up is the boundary that commits
        badges = db.session.execute(select(Badge.id, Badge.serial).order_by(Badge.id)).all()
        codes = [sign(badge_id, serial) for badge_id, serial in badges]
        db.session.remove()
        db.engine.dispose()
    return token, gates, codes


class Scanner:
    """One device: a keep-alive HTTP connection and its token."""

    def __init__(self, base: str, token: str) -> None:
        parts = urlsplit(base)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def scan(self, checkpoint: int, code: str) -> tuple[float, dict | None]:
        body = json.dumps(
            {
                "checkpoint": checkpoint,
                "code": code,
                "client_scan_id": uuid.uuid4().hex,
                "scanned_at": dt.datetime.now(dt.UTC).isoformat(),
            }
        )
        start = time.perf_counter()
        try:
            self.conn.request("POST", "/api/v1/scans", body, self.headers)
            response = self.conn.getresponse()
            payload = response.read()
        except OSError:
            self.conn.close()
            return (time.perf_counter() - start) * 1000, None
        elapsed = (time.perf_counter() - start) * 1000
        return elapsed, json.loads(payload) if response.status == 201 else None


class Work:
    """Badges handed out in turn; each badge goes in through its scanner's entry gate, then out."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        self.counter = itertools.count()
        self.lock = threading.Lock()

    def next(self, gates: tuple[int, int]) -> tuple[int, str]:
        with self.lock:
            n = next(self.counter)
        lap, index = divmod(n, len(self.codes))
        return gates[lap % 2], self.codes[index]


def run_threads(base, token, gates, work, threads, until, pace=None):
    latencies: list[float] = []
    errors = [0]
    sent = [0]
    lock = threading.Lock()

    def worker(i: int) -> None:
        scanner = Scanner(base, token)
        mine: list[float] = []
        while True:
            if pace is not None:
                slot = pace()
                if slot is None:
                    break
                delay = slot - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            elif time.perf_counter() >= until:
                break
            checkpoint, code = work.next(gates[i % len(gates)])
            ms, verdict = scanner.scan(checkpoint, code)
            if pace is not None:
                ms = max(ms, (time.perf_counter() - slot) * 1000)  # lateness counts too
            mine.append(ms)
            if verdict is None:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)
            sent[0] += len(mine)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, errors[0], sent[0]


def steady_pacer(rate: int, seconds: int):
    start = time.perf_counter() + 0.2
    total = rate * seconds
    counter = itertools.count()
    lock = threading.Lock()

    def pace():
        with lock:
            n = next(counter)
        return None if n >= total else start + n / rate

    return pace


def check_database(url: str, sent: int) -> int:
    """Duplicates: rows beyond one per scan sent, plus entries accepted while already inside."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows, distinct = conn.execute("SELECT count(*), count(DISTINCT client_scan_id) FROM scans").fetchone()
        twice = conn.execute(
            """
            SELECT count(*) FROM (
              SELECT c.direction, lag(c.direction) OVER (PARTITION BY s.badge_id ORDER BY s.id) AS previous
              FROM scans s JOIN checkpoints c ON c.id = s.checkpoint_id
              WHERE s.accepted AND c.kind = 'zone_gate'
            ) t WHERE direction = 'in' AND previous = 'in'
            """
        ).fetchone()[0]
    return abs(rows - sent) + (rows - distinct) + twice


def main() -> None:
    workers = int(os.environ.get("SCAN_WORKERS", "2"))
    threads = int(os.environ.get("SCAN_THREADS", "8"))
    max_seconds = float(os.environ.get("SCAN_MAX_SECONDS", "15"))
    with bench_database(demo=True) as url:
        token, gates, codes = prepare(url)
        work = Work(codes)
        with gunicorn(url, workers=workers, threads=threads) as base:
            _, warm_errors, warm_sent = run_threads(base, token, gates, work, SCANNERS, time.perf_counter() + 2)
            start = time.perf_counter()
            lat_a, err_a, sent_a = run_threads(base, token, gates, work, SCANNERS, start + max_seconds)
            rate = sent_a / (time.perf_counter() - start)
            pace = steady_pacer(STEADY_RATE, STEADY_SECONDS)
            lat_b, err_b, sent_b = run_threads(base, token, gates, work, 8, None, pace=pace)
            lat_c, err_c, sent_c = run_threads(
                base, token, gates[:1], work, 1, None, pace=one_after_another(SEQUENTIAL)
            )
        duplicates = check_database(url, warm_sent + sent_a + sent_b + sent_c)
    print(
        f"scan: max_per_s={rate:.0f} p50_ms={percentile(lat_a, 50):.1f} p99_ms={percentile(lat_a, 99):.1f} "
        f"at_100_per_s_p99_ms={percentile(lat_b, 99):.1f} seq_p50_ms={percentile(lat_c, 50):.1f} "
        f"seq_p99_ms={percentile(lat_c, 99):.1f} errors={warm_errors + err_a + err_b + err_c} duplicates={duplicates}"
    )


def one_after_another(n: int):
    """A pacer that hands out ``n`` slots, each 'now' (one scan right after the other)."""
    counter = itertools.count()

    def limited():
        return time.perf_counter() if next(counter) < n else None

    return limited


if __name__ == "__main__":
    main()
