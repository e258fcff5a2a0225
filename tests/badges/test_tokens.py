import base64

import base45
import pytest
import qrcode
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conference.badges import tokens


def test_code_round_trips_and_fits_a_version_6_qr_at_m(app):
    code = tokens.sign(123456, 3)
    assert code.startswith("HC1:") and len(code) == 112
    assert tokens.verify(code) == tokens.BadgeCode(badge_id=123456, serial=3, key_id=1)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(qrcode.util.QRData(code, mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    assert qr.version <= 6


def test_a_changed_byte_is_rejected(app):
    code = tokens.sign(42, 1)
    raw = bytearray(base45.b45decode(code[4:]))
    raw[4] ^= 0x01  # another badge id
    with pytest.raises(tokens.InvalidCode) as exc:
        tokens.verify("HC1:" + base45.b45encode(bytes(raw)).decode())
    assert exc.value.reason == "bad_signature"


def test_garbage_is_unreadable(app):
    for text in ("", "hello", "HC1:!!!", "HC1:" + "A" * 10):
        with pytest.raises(tokens.InvalidCode) as exc:
            tokens.verify(text)
        assert exc.value.reason == "unreadable"


def test_a_code_signed_by_another_key_is_rejected_and_old_keys_still_verify(app):
    other = Ed25519PrivateKey.generate()
    raw_private = other.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    saved = dict(app.config), app.extensions.pop("badge_keyring", None)
    try:
        app.config.update(BADGE_SIGNING_KEY=base64.b64encode(raw_private).decode(), BADGE_KEY_ID=1)
        forged = tokens.sign(7, 1)
        app.extensions.pop("badge_keyring")
        app.config.update(BADGE_SIGNING_KEY=None)
        with pytest.raises(tokens.InvalidCode) as exc:
            tokens.verify(forged)
        assert exc.value.reason == "bad_signature"
        # rotation: key 2 signs now, key 1 (the old one) still verifies
        app.extensions.pop("badge_keyring")
        old_code = tokens.sign(8, 1)
        old_public = tokens.keyring().public_raw()[1]
        app.extensions.pop("badge_keyring")
        app.config.update(
            BADGE_SIGNING_KEY=base64.b64encode(raw_private).decode(),
            BADGE_KEY_ID=2,
            BADGE_VERIFY_KEYS="1:" + base64.b64encode(old_public).decode(),
        )
        assert tokens.verify(old_code).key_id == 1
        assert tokens.verify(tokens.sign(9, 1)).key_id == 2
    finally:
        app.config.clear()
        app.config.update(saved[0])
        app.extensions.pop("badge_keyring", None)
        if saved[1] is not None:
            app.extensions["badge_keyring"] = saved[1]
