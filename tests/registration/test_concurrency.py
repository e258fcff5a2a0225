"""The duplicate guard holds when two focal points register the same person at the same moment."""

import threading

from conference.core.errors import DomainError
from conference.extensions import db
from conference.registration import services
from tests import factories


def test_two_simultaneous_registrations_of_one_passport_give_one_record(fresh_app, monkeypatch):
    # Both callers pass the friendly pre-check, as in a real race; PostgreSQL must refuse one.
    monkeypatch.setattr(services, "guard_duplicates", lambda *a, **k: None)
    with fresh_app.app_context():
        a = factories.DelegationFactory(country_iso3="PER").id
        b = factories.DelegationFactory(country_iso3="BOL").id
        db.session.commit()
        db.session.remove()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def register(delegation_id: int) -> None:
        with fresh_app.app_context():
            barrier.wait()
            try:
                services.create_participant(
                    delegation_id,
                    {
                        "given_names": "Ana",
                        "family_name": "Quispe",
                        "category_code": "delegate",
                        "passport_number": "PE4444444",
                    },
                )
                db.session.commit()  # the boundary of this "request": the service only flushes
                outcomes.append("created")
            except DomainError as exc:
                outcomes.append(exc.code)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=register, args=(d,)) for d in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "duplicate_participant"]
