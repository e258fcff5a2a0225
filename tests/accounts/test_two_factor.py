import re
import time

import pyotp
import pytest
from sqlalchemy import select

from conference.accounts import services, twofactor
from conference.accounts.models import RecoveryCode, User
from conference.core.errors import DomainError, Forbidden
from conference.core.models import AuditEntry, OutboxMail
from conference.extensions import db
from tests import factories
from tests.factories import TEST_PASSWORD


@pytest.fixture
def totp_on(app, monkeypatch):
    """Two-factor login as in production (tests default to it off, see conference.accounts.twofactor)."""
    monkeypatch.setitem(app.config, "TOTP_REQUIRED", True)


def security_actions(user_id: int) -> list[str]:
    return db.session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.entity_id == str(user_id), AuditEntry.is_security.is_(True))
        .order_by(AuditEntry.id)
    ).all()


def password_step(client, user: User, next_url: str = ""):
    path = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(path, data={"email": user.email, "password": TEST_PASSWORD})


def test_required_only_for_organiser_roles_and_off_under_testing_by_default(app, monkeypatch):
    admin, scanner = factories.UserFactory(role="admin"), factories.UserFactory(role="scanner")
    assert not twofactor.required_for(admin)  # TESTING=True and no TOTP_REQUIRED: other tests log in with passwords
    monkeypatch.setitem(app.config, "TESTING", False)
    assert twofactor.required_for(admin) and not twofactor.required_for(scanner)
    monkeypatch.setitem(app.config, "TOTP_REQUIRED", False)
    assert not twofactor.required_for(admin)


@pytest.mark.smoke
def test_organiser_without_2fa_enrols_right_after_the_password(client, totp_on):
    user = factories.UserFactory(role="accreditation_officer")
    response = password_step(client, user, "/admin/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/login/enrol")
    assert client.get("/admin/").status_code == 302  # pending: not logged in yet
    page = client.get("/login/enrol").get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert db.session.get(User, user.id).totp_secret == secret

    wrong = client.post("/login/enrol", data={"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"})
    assert b"does not match" in wrong.data and secret.encode() in wrong.data  # same QR again, not a new one
    done = client.post("/login/enrol", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", done.get_data(as_text=True))
    assert len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept
    assert {"auth.2fa_enrol_started", "auth.2fa_enrol_failed", "auth.2fa_enrolled"} <= set(security_actions(user.id))
    # The secret is never shown again: the enrolment page now refuses.
    assert twofactor.is_enrolled(db.session.get(User, user.id))
    with pytest.raises(DomainError):
        twofactor.start_enrolment(user.id)


def test_login_with_an_app_code(client, totp_on):
    user = factories.UserFactory(two_factor=True, role="protocol_officer")
    response = password_step(client, user, "/admin/")
    assert response.headers["Location"].endswith("/login/code")
    assert client.get("/admin/").status_code == 302
    bad = client.post("/login/code", data={"code": "12345x"})
    assert bad.status_code == 200 and b"not valid" in bad.data
    ok = client.post("/login/code", data={"code": factories.totp_code(user.totp_secret)})
    assert ok.status_code == 302 and ok.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert "auth.2fa_failed" in security_actions(user.id) and "auth.2fa_passed" in security_actions(user.id)


def test_an_app_code_works_once_and_drift_of_one_step_is_accepted(app):
    user = factories.UserFactory(role="admin", two_factor=True)
    now = time.time()
    totp = pyotp.TOTP(user.totp_secret)
    assert twofactor.verify(user.id, totp.at(now - 30), now=now) == "totp"
    with pytest.raises(DomainError, match="not valid"):
        twofactor.verify(user.id, totp.at(now - 30), now=now)  # replayed
    assert twofactor.verify(user.id, totp.at(now), now=now) == "totp"
    with pytest.raises(DomainError):
        twofactor.verify(user.id, totp.at(now - 120), now=now + 60)


def test_login_with_a_recovery_code_once(client, totp_on):
    user = factories.UserFactory(two_factor=True, role="admin")
    codes = twofactor.regenerate_recovery_codes(user.id)
    password_step(client, user)
    response = client.post("/login/code", data={"code": codes[0].upper().replace("-", " ")}, follow_redirects=True)
    assert b"recovery code; 9 left" in response.data
    assert client.get("/admin/").status_code == 200
    client.post("/logout")
    password_step(client, user)
    again = client.post("/login/code", data={"code": codes[0]})
    assert again.status_code == 200 and b"not valid" in again.data
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "auth.2fa_passed", AuditEntry.entity_id == str(user.id))
    ).first()
    assert entry.after == {"method": "recovery", "recovery_codes_left": 9}


def test_participants_are_not_asked_and_code_page_needs_the_password_first(client, totp_on):
    user = factories.UserFactory(role="participant")
    assert password_step(client, user).headers["Location"] == "/"
    client.post("/logout")
    response = client.get("/login/code")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_promotion_while_logged_in_ends_the_session_until_2fa(client, totp_on):
    user = factories.UserFactory(role="participant")
    password_step(client, user)
    assert client.get("/account").status_code == 200
    services.set_role(user.id, "accreditation_officer")
    assert client.get("/account").status_code == 302
    response = password_step(client, user)
    assert response.headers["Location"].endswith("/login/enrol")


def test_another_admin_resets_a_lost_device_and_the_user_enrols_again(client, app, totp_on):
    officer = factories.UserFactory(two_factor=True, role="accreditation_officer")
    admin = factories.UserFactory(role="admin")
    password_step(client, officer)
    client.post("/login/code", data={"code": factories.totp_code(officer.totp_secret)})
    assert client.get("/admin/").status_code == 200
    with pytest.raises(Forbidden):
        twofactor.reset(admin.id, by_user_id=admin.id, reason="lost")
    with pytest.raises(DomainError, match="Say why"):
        twofactor.reset(officer.id, by_user_id=admin.id, reason=" ")
    twofactor.reset(officer.id, by_user_id=admin.id, reason="Phone stolen, confirmed by phone call")
    assert client.get("/admin/").status_code == 302  # the old session ends
    assert password_step(client, officer).headers["Location"].endswith("/login/enrol")
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "auth.2fa_reset", AuditEntry.entity_id == str(officer.id))
    ).one()
    assert entry.is_security and entry.reason.startswith("Phone stolen") and entry.entity_id == str(officer.id)
    assert db.session.scalar(select(RecoveryCode).where(RecoveryCode.user_id == officer.id)) is None


def test_invited_staff_choose_a_password_by_mailed_link_once(client, app):
    with app.test_request_context():
        user = services.invite_staff("New.Officer@Example.org", "accreditation_officer", "New Officer")
    assert user.password_hash is None and user.role == "accreditation_officer"
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_address == "new.officer@example.org")).one()
    path = re.search(r"http://\S+(/welcome/\S+)", mail.body).group(1)
    new = "a long new password"
    assert client.post(path, data={"password": new, "confirm": new}).status_code == 302
    assert services.authenticate(user.email, new) is not None
    again = client.post(path, data={"password": new + "!", "confirm": new + "!"})
    assert b"already been used" in again.data
    assert "user.invite" in security_actions(user.id)
    with app.test_request_context(), pytest.raises(services.Conflict):
        services.invite_staff("new.officer@example.org", "scanner")


def test_deactivated_account_cannot_log_in_and_cannot_deactivate_itself(client, app):
    admin = factories.UserFactory(role="admin")
    user = factories.UserFactory(role="scanner")
    services.set_active(user.id, False, by_user_id=admin.id, reason="left the team")
    assert password_step(client, user).status_code == 200
    with pytest.raises(Forbidden):
        services.set_active(admin.id, False, by_user_id=admin.id)
    services.set_active(user.id, True, by_user_id=admin.id)
    assert password_step(client, user).status_code == 302
    assert [a for a in security_actions(user.id) if a.startswith("user.")] == ["user.deactivate", "user.reactivate"]


def test_account_page_shows_2fa_and_renews_recovery_codes(client, auth):
    user = factories.UserFactory(two_factor=True, role="protocol_officer")
    old = twofactor.regenerate_recovery_codes(user.id)
    client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})  # 2FA off under TESTING
    assert b"Unused recovery codes: 10." in client.get("/account").data
    page = client.post("/account/recovery-codes").get_data(as_text=True)
    new = re.findall(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", page)
    assert len(new) == 10 and not set(new) & set(old)
    with pytest.raises(DomainError):
        twofactor.verify(user.id, old[0])
    assert twofactor.verify(user.id, new[0]) == "recovery"


def test_api_tokens_of_organisers_work_without_a_code(client, totp_on):
    user = factories.UserFactory(two_factor=True, role="accreditation_officer")
    token = services.issue_api_token(user, "laptop")
    response = client.get("/account", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and user.email.encode() in response.data


def test_a_pending_login_expires(client, totp_on, monkeypatch):
    user = factories.UserFactory(two_factor=True, role="admin")
    password_step(client, user)
    assert client.get("/login/code").status_code == 200
    later = time.time() + 11 * 60
    monkeypatch.setattr("conference.accounts.views.time.time", lambda: later)
    response = client.post("/login/code", data={"code": factories.totp_code(user.totp_secret)})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get("/admin/").status_code == 302
