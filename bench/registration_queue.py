"""Accreditation queue under load: officers page through ~2,500 demo participants.

Four concurrent officers (API token, real HTTP, gunicorn with 4 workers) alternate the queue page
filtered to submitted records and the participants API; prints the p95 latency and throughput.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import BIN, ROOT, bench_database, gunicorn, percentile

REQUESTS_PER_OFFICER = 100
OFFICERS = 4
OFFICER_SETUP = """
from conference import create_app
from conference.accounts import services
from conference.extensions import db
app = create_app()
with app.app_context():
    user = services.create_user("bench-officer@un.example", role="accreditation_officer", verified=True)
    token = services.issue_api_token(user, "bench")
    db.session.commit()
    print(token)
"""


def officer_token(url: str) -> str:
    env = dict(os.environ, DATABASE_URL=url)
    out = subprocess.run([BIN / "python", "-c", OFFICER_SETUP], env=env, cwd=ROOT, check=True, capture_output=True)
    return out.stdout.decode().strip().splitlines()[-1]


def officer(base: str, token: str) -> list[float]:
    paths = ["/registration/queue?status=submitted", "/api/v1/participants?status=submitted&page=2"]
    times = []
    for i in range(REQUESTS_PER_OFFICER):
        request = urllib.request.Request(base + paths[i % 2], headers={"Authorization": f"Bearer {token}"})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            assert response.status == 200
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with bench_database(demo=True) as url:
        token = officer_token(url)
        with gunicorn(url, workers=4) as base:
            officer(base, token)  # warm up every worker's caches
            start = time.perf_counter()
            with ThreadPoolExecutor(OFFICERS) as pool:
                results = list(pool.map(lambda _: officer(base, token), range(OFFICERS)))
            elapsed = time.perf_counter() - start
    times = [t for r in results for t in r]
    print(
        f"registration queue: {len(times)} requests by {OFFICERS} officers over 2,500 participants, "
        f"p95 {percentile(times, 95) * 1000:.0f} ms, {len(times) / elapsed:.0f} req/s"
    )


if __name__ == "__main__":
    main()
