"""200 distinct participants race for the 30 seats of one workshop over real HTTP.

The app runs under gunicorn (4 workers × 4 threads) on a fresh PostgreSQL database. Every
participant has their own API token; all 200 sign-ups are released at once by a barrier.
Anything but exactly 30 confirmed is a bug. Last line:
``capacity: seats=30 confirmed=30 waitlisted=170 errors=0 p99_ms=N``
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request

from common import bench_database, gunicorn, percentile

PARTICIPANTS = 200
SEATS = 30


def arrange(database_url: str) -> tuple[int, list[str]]:
    """One workshop with 30 seats and 200 approved participants with API tokens (in-process)."""
    from sqlalchemy import select

    from conference import create_app
    from conference.accounts.models import User
    from conference.accounts.services import issue_api_token
    from conference.agenda.models import ConferenceSession
    from conference.extensions import db
    from conference.registration.models import Participant

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        workshop = db.session.scalar(select(ConferenceSession).where(ConferenceSession.code == "WS-01"))
        workshop.capacity = SEATS
        users = [User(email=f"bench{n}@capacity.example", full_name=f"Bench {n}") for n in range(PARTICIPANTS)]
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all(
            Participant(
                user_id=u.id,
                given_names="Bench",
                family_name=str(n),
                category_code="delegate",
                email=u.email,
                status="approved",
            )
            for n, u in enumerate(users)
        )
        db.session.commit()
        tokens = [issue_api_token(u, "capacity bench") for u in users]
        db.session.commit()  # services flush; the set-up is the boundary that commits
        session_id = workshop.id
        db.session.remove()
        db.engine.dispose()
    return session_id, tokens


def sign_up(base: str, session_id: int, token: str) -> tuple[int, str | None, float]:
    request = urllib.request.Request(
        f"{base}/api/v1/sessions/{session_id}/signups",
        method="POST",
        data=b"{}",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, body = response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        status, body = exc.code, {}
    except OSError:
        status, body = 0, {}
    return status, body.get("status"), (time.perf_counter() - started) * 1000


def main() -> None:
    with bench_database() as url:
        session_id, tokens = arrange(url)
        with gunicorn(
            url, workers=int(os.environ.get("BENCH_WORKERS", "4")), threads=int(os.environ.get("BENCH_THREADS", "4"))
        ) as base:
            barrier = threading.Barrier(len(tokens))
            results: list[tuple[int, str | None, float]] = []
            lock = threading.Lock()

            def client(token: str) -> None:
                barrier.wait()
                outcome = sign_up(base, session_id, token)
                with lock:
                    results.append(outcome)

            threads = [threading.Thread(target=client, args=(t,)) for t in tokens]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            with urllib.request.urlopen(f"{base}/api/v1/sessions/{session_id}") as response:
                stored = json.loads(response.read())

    confirmed = sum(1 for status, outcome, _ in results if status == 201 and outcome == "confirmed")
    waitlisted = sum(1 for status, outcome, _ in results if status == 201 and outcome == "waitlisted")
    errors = sum(1 for status, _, _ in results if status != 201)
    if stored["confirmed"] != confirmed or stored["capacity"] != SEATS:
        print(f"MISMATCH: the database says confirmed={stored['confirmed']} capacity={stored['capacity']}")
    p99 = percentile([ms for _, _, ms in results], 99)
    print(f"capacity: seats={SEATS} confirmed={confirmed} waitlisted={waitlisted} errors={errors} p99_ms={p99:.0f}")


if __name__ == "__main__":
    os.environ.setdefault("CONFERENCE_ENV", "development")
    main()
