"""A real browser on the curator's workbench: it signs in with a curator key through the page's own form (a
signed session cookie), then opens the list and a position's version diff; a submitter's key gets nothing."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.e2e.server import ROOT

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"


def _chromium(profile: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


def _sign_in(profile: str, url: str, key: str, folder: Path) -> str:
    """Submit the page's sign-in form in the browser (a local page posts it, as a person would); the DOM it lands on."""
    page = folder / "sign-in.html"
    page.write_text(f'<form method="post" action="{url}/curator/login"><input name="key" value="{html.escape(key)}">'
                    "</form><script>document.forms[0].submit()</script>")
    done = _chromium(profile, "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_curator_page_in_headless_chromium(env, tmp_path):
    server, keys = env
    with server.client(keys["curator"]) as c:
        base = {"id": "uji-browser", "title": "Tarif Uji Peramban", "agency": "Kementerian Uji"}
        for text in ("Tarif layanan ditetapkan Rp5.000 per dokumen.", "Tarif layanan ditetapkan Rp6.500 per dokumen."):
            assert c.post("/v1/positions", json={"positions": [{**base, "text": text}]}).status_code == 200

    with tempfile.TemporaryDirectory() as profile:
        _sign_in(profile, server.url, keys["curator"], tmp_path)
        # The session cookie is SameSite=Strict: the page a cross-site form lands on does not get it, a
        # navigation of the curator's own (typed, a bookmark) does.
        listing = _chromium(profile, "--dump-dom", f"{server.url}/curator")
        assert 'id="positions"' in listing.stdout and "Kementerian Keuangan" in listing.stdout, listing.stdout[-2000:]
        assert 'id="upload"' in listing.stdout and 'id="statements"' in listing.stdout
        detail = _chromium(profile, "--dump-dom", f"{server.url}/curator/positions/uji-browser")
        assert "<del>Rp5.000</del><ins>Rp6.500</ins>" in detail.stdout, detail.stdout[-2000:]
        ARTIFACTS.mkdir(exist_ok=True)
        for name, url in (("curator-list.png", "/curator"), ("curator-diff.png", "/curator/positions/uji-browser")):
            shot = ARTIFACTS / name
            shot.unlink(missing_ok=True)
            done = _chromium(profile, f"--screenshot={shot}", "--window-size=1280,1000", "--hide-scrollbars",
                             server.url + url)
            assert done.returncode == 0 and shot.stat().st_size > 10_000, f"{name} looks empty"

    with tempfile.TemporaryDirectory() as profile:
        refused = _sign_in(profile, server.url, keys["sos"], tmp_path)
        assert "hanya untuk kurator" in refused and 'id="positions"' not in refused
        again = _chromium(profile, "--dump-dom", f"{server.url}/curator")
        assert 'name="key"' in again.stdout and 'id="positions"' not in again.stdout
