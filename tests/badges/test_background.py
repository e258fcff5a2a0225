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
