import time

from conference.badges import printing
from conference.extensions import db
from tests import factories


def test_a_large_batch_draws_in_the_background_and_reports_progress(fresh_app):
    with fresh_app.app_context():
        delegation = factories.DelegationFactory(country_iso3="KEN", name="Kenya")
        for i in range(printing.BACKGROUND_OVER + 1):
            factories.BadgeFactory(participant__delegation=delegation, participant__family_name=f"Member{i:03d}")
        batch = printing.create_batch("delegation", str(delegation.id), "cr80-a4")
        batch_id, total = batch.id, batch.total
        db.session.commit()
        db.session.remove()
    assert total == printing.BACKGROUND_OVER + 1
    thread = printing.render_in_background(fresh_app, batch_id)
    thread.join(timeout=120)
    with fresh_app.app_context():
        done = printing.get_batch(batch_id)
        assert (done.status, done.rendered, done.error) == ("done", total, None)
        assert printing.batch_pdf(batch_id).read_bytes().startswith(b"%PDF")
        db.session.remove()


def test_a_large_batch_starts_drawing_only_once_its_transaction_commits(fresh_app, monkeypatch):
    started: list[int] = []
    draw = printing.render_in_background
    monkeypatch.setattr(printing, "BACKGROUND_OVER", 1)
    monkeypatch.setattr(printing, "render_in_background", lambda app, bid: started.append(bid) or draw(app, bid))
    with fresh_app.app_context():
        delegation = factories.DelegationFactory(country_iso3="KEN", name="Kenya")
        for i in range(2):
            factories.BadgeFactory(participant__delegation=delegation, participant__family_name=f"Member{i}")
        db.session.commit()
        printing.start_render(printing.create_batch("delegation", str(delegation.id)))
        db.session.rollback()  # a refused request: its batch was never committed, nothing to draw
        batch = printing.create_batch("delegation", str(delegation.id))
        printing.start_render(batch)
        batch_id = batch.id
        assert started == []
        db.session.commit()
        assert started == [batch_id]
        db.session.remove()
    deadline = time.monotonic() + 60
    status = "queued"
    while status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        with fresh_app.app_context():
            status = printing.get_batch(batch_id).status
            db.session.remove()
    assert status == "done"
