"""One rule for e-mail addresses: email-validator without DNS, for forms and services alike."""

import pytest
from werkzeug.datastructures import MultiDict

from conference.accounts import services as accounts
from conference.accounts.forms import LoginForm
from conference.core import emails
from conference.core.errors import DomainError


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" Lan.Nguyen@MOFA.Example ", "lan.nguyen@mofa.example"), ("nguyễn@bộ-ngoại-giao.vn", "nguyễn@bộ-ngoại-giao.vn")],
)
def test_addresses_are_trimmed_and_lower_cased(value, expected):
    assert emails.normalise_email(value) == expected


@pytest.mark.parametrize("value", ["lan", "lan@example", "lan@example..org", "lan@-x.example", "a b@example.org", ""])
def test_what_is_not_an_address_is_refused_with_a_reason(value):
    with pytest.raises(emails.InvalidEmail) as info:
        emails.normalise_email(value)
    assert str(info.value)  # email-validator says what is wrong
    assert not emails.is_email(value)


def test_the_form_validator_applies_the_same_rule(app):
    with app.test_request_context():
        form = LoginForm(MultiDict({"email": "lan@example..org", "password": "x" * 12}), meta={"csrf": False})
        assert not form.validate() and form.errors["email"] == ["Invalid email address."]
        form = LoginForm(MultiDict({"email": "lan@example.org", "password": "x" * 12}), meta={"csrf": False})
        assert form.validate()


def test_an_account_needs_a_real_address(app):
    with pytest.raises(DomainError) as info:
        accounts.create_user("admin@localhost")
    assert info.value.code == "bad_email"
    assert accounts.create_user(" New.User@Example.org ").email == "new.user@example.org"
