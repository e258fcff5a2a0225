import email
import email.policy
import re
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from conference.accounts import services
from conference.core.mail import send_pending
from conference.core.models import AuditEntry, OutboxMail
from conference.extensions import db, limiter
from tests import factories
from tests.factories import TEST_PASSWORD


def read_eml(path: str) -> str:
    return email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.default).get_content()


def audit_actions(entity_id=None):
    q = select(AuditEntry.action).order_by(AuditEntry.id)
    if entity_id is not None:
        q = q.where(AuditEntry.entity_id == str(entity_id))
    return db.session.scalars(q).all()


@pytest.mark.smoke
def test_login_and_logout_are_audited(client):
    user = factories.UserFactory(role="accreditation_officer")
    response = client.post("/login", data={"email": user.email.upper(), "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "auth.login" in audit_actions(user.id)
    client.post("/logout")
    assert "auth.logout" in audit_actions(user.id)


def test_wrong_password_is_refused_kept_and_logged(client):
    user = factories.UserFactory()
    response = client.post("/login", data={"email": user.email, "password": "not the password"})
    assert response.status_code == 200
    assert b"Wrong email or password" in response.data
    assert user.email.encode() in response.data  # what was typed is kept
    assert "auth.login_failed" in audit_actions(user.id)


def test_passwords_are_stored_with_argon2(app):
    user = services.create_user("New.Person@Example.org", password="a long enough password")
    assert user.email == "new.person@example.org"
    assert user.password_hash.startswith("$argon2id$")
    with pytest.raises(services.Conflict):
        services.create_user("new.person@example.org")


def test_password_reset_by_mailed_link_works_once(client, app):
    user = factories.UserFactory()
    client.post("/reset", data={"email": user.email})
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email)).one()
    assert send_pending() >= 1
    eml = read_eml(db.session.get(OutboxMail, mail.id).eml_path)
    link = re.search(r"http://\S+/reset/\S+", eml).group(0)
    path = link.split("localhost", 1)[-1]
    new = "a brand new password"
    response = client.post(path, data={"password": new, "confirm": new})
    assert response.status_code == 302
    assert services.authenticate(user.email, new) is not None
    again = client.post(path, data={"password": "another password!", "confirm": "another password!"})
    assert b"already been used" in again.data


def test_reset_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post("/reset", data={"email": "nobody@nowhere.example"}, follow_redirects=True)
    assert b"If an account exists" in response.data
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.to_address == "nobody@nowhere.example")) is None


def test_email_verification_link(client):
    user = factories.UserFactory()
    user.email_verified_at = None
    db.session.commit()
    token = services.make_verify_token(user)
    client.get(f"/verify/{token}")
    assert db.session.get(type(user), user.id).email_verified_at is not None
    response = client.get("/verify/garbage", follow_redirects=True)
    assert b"not valid" in response.data


def test_anonymous_is_sent_to_login_and_wrong_role_gets_403(client, auth):
    assert client.get("/account").status_code == 302
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_role_change_is_a_security_event(app):
    user = factories.UserFactory()
    services.set_role(user.id, "scanner")
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.role_change")).one()
    assert entry.before == {"role": "participant"} and entry.after == {"role": "scanner"}
    assert entry.is_security


def test_audit_log_masks_sensitive_fields_and_is_append_only(app):
    from conference.core import audit

    entry = audit.record("participant.update", "participant", 1, after={"passport_number": "X123", "title": "Dr"})
    db.session.commit()
    assert entry.after == {"passport_number": "•••", "title": "Dr"}
    with pytest.raises(ProgrammingError, match="append-only"):
        db.session.execute(text("UPDATE audit_log SET action = 'x' WHERE id = :id"), {"id": entry.id})
        db.session.flush()
    db.session.rollback()


def test_api_token_authenticates_without_cookie(client, app):
    user = factories.UserFactory(role="focal_point")
    token = services.issue_api_token(user, "laptop")
    assert services.user_for_api_token(token).id == user.id
    assert services.user_for_api_token(token + "x") is None


def test_csrf_rejects_a_forged_post(client, app):
    user = factories.UserFactory()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 400
        assert b"This form has expired or was not sent from this site" in response.data
        response = client.post("/logout")
        assert response.status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_outbox_worker_writes_eml_and_marks_sent(app):
    from conference.core.mail import queue_mail

    mail = queue_mail("someone@example.org", "Hello", "Body text é")
    db.session.commit()
    assert send_pending() >= 1
    assert mail.status == "sent" and Path(mail.eml_path).exists()


def test_login_is_rate_limited(app, tmp_path):
    from tests.conftest import make_app

    limited = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, RATELIMIT_ENABLED=True)
    client = limited.test_client()
    codes = [client.post("/login", data={"email": "x@example.org", "password": "wrong"}).status_code for _ in range(11)]
    assert codes[:10] == [200] * 10
    assert codes[10] == 429
    with limited.app_context():
        db.engine.dispose()
    limiter.enabled = app.config["RATELIMIT_ENABLED"]  # the extension object is shared by every app
