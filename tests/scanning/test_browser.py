"""The scanner page in headless Chromium: a fake camera showing a badge QR made by our badge code,
the hand-held scanner (keystrokes), manual search, and scanning offline with the queue uploaded later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import qrcode
from PIL import Image
from sqlalchemy import select

from conference.extensions import db
from conference.scanning.models import Scan
from tests import factories
from tests.conftest import CHROMIUM, live_login
from tests.scanning.conftest import code_for, forged_code

pytestmark = pytest.mark.browser

CAMERA_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def write_y4m(text: str, path: Path) -> Path:
    """One 640x480 I420 frame with the QR on white (Chromium loops the file)."""
    qr = qrcode.make(text, box_size=4, border=4).convert("RGB")
    frame = Image.new("RGB", (640, 480), "white")
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    y, u, v = frame.convert("YCbCr").split()
    u, v = u.resize((320, 240)), v.resize((320, 240))
    path.write_bytes(b"YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\nFRAME\n" + y.tobytes() + u.tobytes() + v.tobytes())
    return path


@pytest.fixture
def scene(live_server):
    """A scanner, a gate into the plenary and three badges: valid, revoked, and a forged code."""

    def arrange():
        scanner = factories.UserFactory(role="scanner")
        gate = factories.CheckpointFactory(zone_code="P", name="Plenary gate North")
        valid = factories.BadgeFactory(participant__given_names="Lan", participant__family_name="Nguyễn")
        revoked = factories.BadgeFactory(
            revoked=True, participant__given_names="Ivan", participant__family_name="Revoked"
        )
        return {
            "email": scanner.email,
            "gate": gate.id,
            "valid": code_for(valid),
            "valid_id": valid.id,
            "revoked": code_for(revoked),
            "forged": forged_code(valid.id),
            "more": [code_for(factories.BadgeFactory()) for _ in range(3)],
        }

    return live_server.run(arrange)


def scans_of(live_server, **filters) -> list[Scan]:
    def query():
        rows = db.session.scalars(select(Scan).filter_by(**filters).order_by(Scan.id)).all()
        db.session.expunge_all()
        return rows

    return live_server.run(query)


def wait_verdict(page, reason: str) -> None:
    page.wait_for_function(
        "r => { const v = document.getElementById('verdict'); return !v.hidden && v.dataset.reason === r; }",
        arg=reason,
    )


def close_verdict(page) -> None:
    page.locator("#verdict").click()
    page.wait_for_function("() => document.getElementById('verdict').hidden")


@pytest.mark.parametrize(
    ("which", "reason", "css"),
    [
        ("valid", "accepted", "verdict-green"),
        ("forged", "invalid", "verdict-red"),
        ("revoked", "revoked", "verdict-red"),
    ],
)
def test_the_camera_reads_a_badge_and_the_server_records_the_verdict(
    live_server, scene, browser, tmp_path, which, reason, css
):
    video = write_y4m(scene[which], tmp_path / "badge.y4m")
    # The fake camera file is fixed per browser process: one more Chromium, from the same driver.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CAMERA_ARGS, f"--use-file-for-fake-video-capture={video}"]
    )
    try:
        context = camera_browser.new_context(viewport={"width": 412, "height": 860})
        context.grant_permissions(["camera"], origin=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        live_login(page, live_server.url, scene["email"])
        page.goto(f"{live_server.url}/scanning/scan/{scene['gate']}")
        try:
            wait_verdict(page, reason)
        except Exception:
            pytest.fail(f"no verdict; scanState={page.evaluate('window.scanState')}")
        assert css in page.locator("#verdict").get_attribute("class")
        if which == "valid":
            assert "Lan Nguyễn" in page.locator("#v-name").inner_text()
        rows = scans_of(live_server, checkpoint_id=scene["gate"])
        assert [r.reason for r in rows] == [reason]  # one scan although the camera keeps seeing it
    finally:
        camera_browser.close()


def test_a_hand_held_scanner_and_manual_search_give_the_same_verdicts(live_server, scene, page):
    live_login(page, live_server.url, scene["email"])
    page.goto(f"{live_server.url}/scanning/scan/{scene['gate']}")
    page.wait_for_function("() => window.scanState && window.scanState.ready && window.scanState.rosterSize > 0")
    wedge = page.locator("#wedge")
    for which, reason in [
        ("valid", "accepted"),
        ("valid", "already_inside"),
        ("forged", "invalid"),
        ("revoked", "revoked"),
    ]:
        assert page.evaluate("document.activeElement.id") == "wedge"  # the scanner's keystrokes land here
        page.keyboard.type(scene[which])
        page.keyboard.press("Enter")
        wait_verdict(page, reason)
        assert wedge.input_value() == ""
        close_verdict(page)
    page.locator("#search").fill("Revoked")
    page.locator("#results button").first.click()
    wait_verdict(page, "revoked")
    rows = scans_of(live_server, checkpoint_id=scene["gate"])
    assert [r.reason for r in rows] == ["accepted", "already_inside", "invalid", "revoked", "revoked"]
    assert rows[-1].code.startswith("manual:HN")


def test_offline_scans_show_verdicts_queue_and_upload_once(live_server, scene, page):
    live_login(page, live_server.url, scene["email"])
    url = f"{live_server.url}/scanning/scan/{scene['gate']}"
    page.goto(url)
    page.wait_for_function("() => window.scanState.ready && window.scanState.rosterSize > 0 && window.scanState.cached")
    page.context.set_offline(True)
    page.reload()  # the service worker serves the page and its assets without a network
    page.wait_for_function("() => window.scanState && window.scanState.ready && window.scanState.rosterSize > 0")
    for code, reason in [(scene["valid"], "accepted"), (scene["forged"], "invalid"), (scene["revoked"], "revoked")]:
        page.locator("#wedge").fill(code)
        page.keyboard.press("Enter")
        wait_verdict(page, reason)
        assert "Decided offline" in page.locator("#v-note").inner_text()
        close_verdict(page)
    assert "offline — 3" in page.locator("#netstatus").inner_text()
    queued = page.evaluate(
        """() => new Promise((resolve) => {
            const req = indexedDB.open('hct-scanner');
            req.onsuccess = () => {
              const all = req.result.transaction('queue').objectStore('queue').getAll();
              all.onsuccess = () => resolve(all.result.map((s) => [s.client_scan_id, s.scanned_at]));
            };
        })"""
    )
    assert len(queued) == 3 and scans_of(live_server, checkpoint_id=scene["gate"]) == []
    page.context.set_offline(False)
    page.wait_for_function("() => window.scanState.queued === 0 && navigator.onLine")
    rows = scans_of(live_server, checkpoint_id=scene["gate"])
    assert sorted(r.reason for r in rows) == ["accepted", "invalid", "revoked"]
    assert all(r.offline for r in rows)
    device_times = {cid: dt.datetime.fromisoformat(t.replace("Z", "+00:00")) for cid, t in queued}
    assert {r.client_scan_id: r.scanned_at for r in rows} == device_times


def test_an_exhibitor_scans_at_a_booth_offline_with_the_keys_alone(live_server, scene, page):
    def arrange():
        from sqlalchemy import func

        from conference.exhibition.models import Booth

        booth_id = db.session.scalar(select(func.min(Booth.id)))
        code = db.session.scalar(select(Booth.code).where(Booth.id == booth_id))
        user = factories.UserFactory(role="exhibitor")
        factories.ExhibitorFactory(user=user, status="approved", booth=code)
        return user.email, factories.CheckpointFactory(kind="booth", booth_id=booth_id, name="Booth leads").id

    email, booth = live_server.run(arrange)
    live_login(page, live_server.url, email)
    page.goto(f"{live_server.url}/scanning/scan/{booth}")
    page.wait_for_function("() => window.scanState.ready")
    assert page.locator("#manual").is_hidden()  # no roster for exhibitors
    page.context.set_offline(True)
    for code, reason in [(scene["valid"], "accepted"), (scene["forged"], "invalid")]:
        page.locator("#wedge").fill(code)
        page.keyboard.press("Enter")
        wait_verdict(page, reason)
        close_verdict(page)
    page.context.set_offline(False)
    page.wait_for_function("() => window.scanState.queued === 0 && navigator.onLine")
    assert sorted(r.reason for r in scans_of(live_server, checkpoint_id=booth)) == ["accepted", "invalid"]
