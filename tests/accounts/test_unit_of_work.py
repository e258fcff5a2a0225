"""Accounts leave the commit to the boundary (the request, the CLI command): a service only flushes,
so a caller that refuses later, or a request that fails, takes the account's change back with it."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import func, select

from conference.accounts import services, twofactor
from conference.accounts.models import ApiToken, User
from conference.core.models import AuditEntry
from conference.core.signals import serving
from conference.core.web import refusals
from conference.extensions import db
from tests import factories
from tests.factories import TEST_PASSWORD


def audit_count(user_id: int) -> int:
    return db.session.scalar(select(func.count()).where(AuditEntry.entity_id == str(user_id)))


@pytest.fixture
def saved_user(app: Flask) -> User:
    """A participant already committed (inside the test's outer transaction), so a rollback keeps it."""
    user = factories.UserFactory(role="participant")
    db.session.commit()
    return user


CHANGES = {
    "role": lambda user, admin: services.set_role(user.id, "scanner"),
    "deactivation": lambda user, admin: services.set_active(user.id, False, by_user_id=admin.id, reason="left"),
    "api token": lambda user, admin: services.issue_api_token(user, "laptop"),
    "login": lambda user, admin: services.authenticate(user.email, TEST_PASSWORD),
    "logout": lambda user, admin: services.record_logout(user),
    "two-factor enrolment": lambda user, admin: twofactor.start_enrolment(user.id),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_an_account_change_is_undone_with_the_callers_transaction(app, saved_user, change):
    admin = factories.UserFactory(role="admin")
    db.session.commit()
    before = audit_count(saved_user.id)
    change(saved_user, admin)
    db.session.rollback()  # the caller (a request, another domain's service) refuses afterwards
    user = db.session.get(User, saved_user.id)
    assert (user.role, user.active, user.totp_secret, user.last_login_at) == ("participant", True, None, None)
    assert db.session.scalar(select(func.count()).where(ApiToken.user_id == user.id)) == 0
    assert audit_count(user.id) == before


def test_a_refused_invitation_acceptance_leaves_the_account_as_it_was(app):
    with app.test_request_context():
        user = services.invite_staff("late.officer@test.example", "protocol_officer", "Late Officer")
        db.session.commit()
        token = services.make_invite_token(user)
        with refusals() as outcome:
            services.accept_invite(token, "short")  # marks the address verified, then refuses the password
    assert outcome.error.code == "weak_password" and outcome.error.fields["password"] == ("Use at least 10 characters.")
    user = db.session.get(User, user.id)
    assert user.email_verified_at is None and user.password_hash is None


def test_a_wrong_second_factor_is_recorded_by_the_page_that_says_so(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "TOTP_REQUIRED", True)
    user = factories.UserFactory(two_factor=True, role="admin")
    client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
    page = client.post("/login/code", data={"code": "999 999"}).get_data(as_text=True)
    assert re.search(r'class="form-control is-invalid"[^>]*value="999 999"', page)
    assert '<div class="invalid-feedback">That code is not valid.' in page
    failed = select(AuditEntry).where(AuditEntry.action == "auth.2fa_failed", AuditEntry.entity_id == str(user.id))
    assert db.session.scalar(failed) is not None


def test_create_admin_prints_a_password_that_works(runner):
    result = runner.invoke(args=["create-admin", "--email", "second-admin@test.example"])
    assert result.exit_code == 0, result.output
    password = re.search(r"Password \(shown once\): (\S+)", result.output).group(1)
    assert services.authenticate("second-admin@test.example", password).role == "admin"


def test_make_run_shows_the_first_admin_password_once(app):
    def notes() -> str:
        return "\n".join(line for _receiver, lines in serving.send(app) for line in lines)

    first = notes()
    password = re.search(rf"Log in as {re.escape(services.ADMIN_EMAIL)} with password: (\S+)", first).group(1)
    assert services.authenticate(services.ADMIN_EMAIL, password) is not None
    again = notes()
    assert "password:" not in again and services.ADMIN_EMAIL in again
