"""Badge printing benchmark: one PDF of N photo badges through the print queue's own code path.

Arranges N approved participants (names in many scripts, each with a DISTINCT synthetic photo
stored as the registration flow stores one, approved through the same signal registration sends)
in a fresh PostgreSQL database, then times ``printing.create_batch`` + ``printing.render_batch``
(exactly what the print queue page runs, in its background thread for large batches).
``single_ms`` is the median time of ``printing.render_one`` (the desk's single badge: query, sign,
draw). It runs in-process: this measures rendering, not HTTP.

    .venv/bin/python bench/badges.py --count 3000 [--layout cr80] [--out badges.pdf]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_database

LOCALES = ["vi_VN", "ru_RU", "el_GR", "zh_CN", "ja_JP", "ko_KR", "ar_AA", "fr_FR", "es_ES", "en_GB", "de_DE", "tr_TR"]
CATEGORIES = ["delegate", "adviser", "head_of_delegation", "minister", "media", "ngo", "un_system", "igo", "speaker"]
TITLES = ["Delegate", "Adviser", "Director", "Counsellor", "First Secretary", "Expert", "Minister of Justice"]


def make_photo(seed: int) -> bytes:
    """A distinct head-and-shoulders JPEG (registration's minimum size and quality)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (480, 600), tuple(rng.randrange(170, 250) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    skin = (rng.randrange(90, 235), rng.randrange(60, 190), rng.randrange(40, 160))
    cx = 240 + rng.randrange(-30, 30)
    draw.ellipse((cx - 85, 110, cx + 85, 330), fill=skin)
    draw.rounded_rectangle((cx - 190, 350, cx + 190, 700), radius=90, fill=tuple(rng.randrange(256) for _ in range(3)))
    for _ in range(6):
        x, y = rng.randrange(480), rng.randrange(600)
        draw.rectangle((x, y, x + rng.randrange(5, 40), y + rng.randrange(5, 40)), outline=skin)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def arrange(app, count: int) -> None:
    from faker import Faker
    from sqlalchemy import select

    from conference.core.signals import accreditation_changed
    from conference.core.uploads import save_bytes
    from conference.extensions import db
    from conference.registration.models import Country, Delegation, DelegationType, Participant

    rng = random.Random(6)
    fakers = [Faker(loc) for loc in LOCALES]
    for i, fk in enumerate(fakers):
        fk.seed_instance(i)
    with ProcessPoolExecutor(max_workers=2) as pool:
        photos = list(pool.map(make_photo, range(count), chunksize=64))
    with app.app_context():
        countries = list(db.session.scalars(select(Country).order_by(Country.iso3)))[:120]
        delegations = [
            Delegation(
                type=DelegationType.HOST_COUNTRY if c.iso3 == "VNM" else DelegationType.MEMBER_STATE,
                name=c.name,
                country_iso3=c.iso3,
                status="approved",
            )
            for c in countries
        ]
        db.session.add_all(delegations)
        db.session.flush()
        people = []
        for n in range(count):
            fk = fakers[n % len(fakers)]
            people.append(
                Participant(
                    delegation_id=delegations[n % len(delegations)].id,
                    given_names=fk.first_name(),
                    family_name=fk.last_name(),
                    title=rng.choice(TITLES),
                    category_code=rng.choice(CATEGORIES),
                    email=f"bench{n:05d}@participants.example",
                    photo_path=save_bytes(photos[n], "photos", ".jpg"),
                    status="approved",
                )
            )
        db.session.add_all(people)
        db.session.flush()
        for p in people:
            accreditation_changed.send(None, participant_id=p.id, old_status="submitted", new_status="approved")
        db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--layout", default="cr80", choices=["cr80", "a6", "cr80-a4", "a6-a4"])
    parser.add_argument("--out", help="write the PDF here")
    args = parser.parse_args()

    storage = Path(tempfile.mkdtemp(prefix="bench-badges-"))
    try:
        with bench_database() as url:
            from conference import create_app
            from conference.badges import printing
            from conference.extensions import db

            app = create_app({"SQLALCHEMY_DATABASE_URI": url, "STORAGE_DIR": str(storage), "RATELIMIT_ENABLED": False})
            started = time.perf_counter()
            arrange(app, args.count)
            print(f"arranged {args.count} participants with distinct photos in {time.perf_counter() - started:.1f} s")
            with app.app_context():
                printing.render_one(printing.candidates("unprinted", limit=1)[0].badge.id)  # load the fonts once
                started = time.perf_counter()
                batch = printing.create_batch("unprinted", "", args.layout)
                path = printing.render_batch(batch.id)
                db.session.commit()  # the request's boundary commits the batch and its printed badges
                seconds = time.perf_counter() - started
                count = batch.total
                ids = [item.badge_id for item in batch.items]
                timings = []
                for badge_id in random.Random(1).sample(ids, min(60, len(ids))):
                    t0 = time.perf_counter()
                    printing.render_one(badge_id, args.layout)
                    timings.append((time.perf_counter() - t0) * 1000)
                db.session.remove()
            pdf_mb = path.stat().st_size / 1e6
            if args.out:
                shutil.copyfile(path, args.out)
    finally:
        shutil.rmtree(storage, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"badges: count={count} seconds={seconds:.2f} per_s={count / seconds:.0f} "
        f"single_ms={statistics.median(timings):.1f} peak_rss_mb={peak:.0f} pdf_mb={pdf_mb:.1f}"
    )


if __name__ == "__main__":
    os.environ.setdefault("RATELIMIT_ENABLED", "0")
    main()
