"""Exhibition under load: visitors open the floor plan while booth staff scan badges.

16 clients over real HTTP against gunicorn (4 workers) on the demo data: 1,200 requests, half
``GET /exhibition/`` (the SVG floor plan and directory), a quarter ``GET /api/v1/booths`` and a quarter
``POST /api/v1/scans`` at booth B07's checkpoint with real signed badge codes (bearer token, consent mixed).
Prints one line: p95 per kind and throughput.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import BIN, ROOT, bench_database, gunicorn, percentile

CLIENTS = 16
REQUESTS = 1200

ARRANGE = """
import json
from sqlalchemy import select
from wsgi import app
from conference.accounts.services import issue_api_token
from conference.badges.models import Badge
from conference.badges.tokens import sign
from conference.exhibition.services import booth_by_code
from conference.extensions import db
from conference.registration.models import Participant
from conference.scanning.services import CheckpointData, save_checkpoint
from tests import factories

with app.app_context():
    owner = factories.UserFactory(role="exhibitor", email="bench-exhibitor@bench.example")
    factories.ExhibitorFactory(user=owner, status="approved", booth="B07", organisation_name="Bench Labs")
    token = issue_api_token(owner, "bench")
    checkpoint = save_checkpoint(None, CheckpointData("Booth B07", "booth", booth_id=booth_by_code("B07").id))
    badges = db.session.scalars(select(Badge).where(Badge.status == "active").order_by(Badge.id).limit(300)).all()
    codes = []
    for i, badge in enumerate(badges):
        db.session.get(Participant, badge.participant_id).consent_share_contact = i % 2 == 0
        codes.append(sign(badge.id, badge.serial))
    db.session.commit()
    print(json.dumps({"token": token, "codes": codes, "checkpoint": checkpoint.id}))
"""


def request(base: str, kind: str, i: int, data: dict) -> tuple[str, float, int]:
    if kind == "scan":
        code = data["codes"][i % len(data["codes"])]
        body = json.dumps({"checkpoint": data["checkpoint"], "code": code, "client_scan_id": f"bench-{i}"}).encode()
        req = urllib.request.Request(
            f"{base}/api/v1/scans",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {data['token']}"},
        )
    else:
        req = urllib.request.Request(base + ("/exhibition/" if kind == "plan" else "/api/v1/booths"))
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as response:
        response.read()
        status = response.status
    return kind, (time.perf_counter() - start) * 1000, status


def main() -> None:
    with bench_database(demo=True) as url:
        env = dict(os.environ, DATABASE_URL=url, FLASK_APP="wsgi", PYTHONPATH=str(ROOT))
        arranged = subprocess.run([BIN / "python", "-c", ARRANGE], env=env, cwd=ROOT, capture_output=True, text=True)
        if arranged.returncode:
            sys.exit(arranged.stderr)
        data = json.loads(arranged.stdout.strip().splitlines()[-1])
        kinds = ["plan", "booths", "plan", "scan"]
        with gunicorn(url, workers=4) as base:
            jobs = [(kinds[i % 4], i) for i in range(REQUESTS)]
            start = time.perf_counter()
            with ThreadPoolExecutor(CLIENTS) as pool:
                results = list(pool.map(lambda j: request(base, j[0], j[1], data), jobs))
            elapsed = time.perf_counter() - start
    failures = [r for r in results if r[2] not in (200, 201)]
    if failures:
        sys.exit(f"{len(failures)} requests failed")
    p95 = {k: percentile([ms for kind, ms, _ in results if kind == k], 95) for k in ("plan", "booths", "scan")}
    print(
        f"exhibition: floor plan page p95 {p95['plan']:.0f} ms, GET /api/v1/booths p95 {p95['booths']:.0f} ms, "
        f"booth scan p95 {p95['scan']:.0f} ms; {REQUESTS / elapsed:.0f} req/s "
        f"({REQUESTS} requests, {CLIENTS} clients, 4 gunicorn workers)"
    )


if __name__ == "__main__":
    main()
