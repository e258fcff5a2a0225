"""Benchmark: organisers watching the live dashboard.

20 logged-in organisers each poll ``/admin/figures.json`` back to back (the page polls every 5 s,
so this is the load of ~100 open dashboards and more) for 20 s against gunicorn with the demo
data (~2,500 participants). Prints one line: the 95th-percentile latency and the throughput.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BIN, ROOT, bench_database, gunicorn, percentile

POLLERS = 20
SECONDS = 20.0
EMAIL = "bench-admin@hanoi-convention.example"


def login(base: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=10).text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = session.post(
        f"{base}/login", data={"email": EMAIL, "password": password, "csrf_token": token}, allow_redirects=False
    )
    assert response.status_code == 302, "login failed"
    return session


def main() -> None:
    with bench_database(demo=True) as url:
        env = dict(os.environ, DATABASE_URL=url, FLASK_APP="wsgi")
        out = subprocess.run(
            [BIN / "flask", "create-admin", "--email", EMAIL], env=env, cwd=ROOT, check=True, capture_output=True
        ).stdout.decode()
        password = re.search(r"Password \(shown once\): (\S+)", out).group(1)
        # 2FA needs a phone; this measures the dashboard, so the benchmark server skips it.
        with gunicorn(url, workers=4, threads=2, env={"TOTP_REQUIRED": "0"}) as base:
            sessions = [login(base, password) for _ in range(POLLERS)]
            sessions[0].get(f"{base}/admin/figures.json", timeout=30).raise_for_status()  # warm up
            latencies: list[float] = []
            errors = 0
            lock = threading.Lock()
            deadline = time.monotonic() + SECONDS

            def poll(session: requests.Session) -> None:
                nonlocal errors
                while time.monotonic() < deadline:
                    start = time.perf_counter()
                    ok = session.get(f"{base}/admin/figures.json", timeout=30).status_code == 200
                    elapsed = time.perf_counter() - start
                    with lock:
                        latencies.append(elapsed)
                        errors += not ok

            threads = [threading.Thread(target=poll, args=(s,)) for s in sessions]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    p95 = percentile(latencies, 95) * 1000
    print(
        f"admin dashboard: {POLLERS} pollers on figures.json (demo data, 4 workers): "
        f"p95 {p95:.0f} ms, {len(latencies) / SECONDS:.0f} req/s, {errors} errors"
    )


if __name__ == "__main__":
    main()
