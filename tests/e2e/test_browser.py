"""A real browser opens a real report page: conflicts highlighted, evidence visible, on laptop and phone widths."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import check
from tests.e2e.server import ROOT

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"


def _chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
             f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120,
        )


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_report_page_in_headless_chromium(env):
    server, keys = env
    draft = (ROOT / "samples/drafts/bbm-bertentangan.txt").read_text()
    report = check(server, keys["sos"], draft, title="Draf BBM dan MBG")
    # Chromium asks for English (Accept-Language: en-US); the page's Indonesian is the one officers read.
    url = server.url + report["review_url"] + "&lang=id"

    dom = _chromium("--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert html.count('<mark class="conflicts" id="s') == report["counts"]["conflicts"] >= 2
    assert 'id="conflicts"' in html and "Rp335 triliun" in html  # the clashing reference passage
    assert "Angka berbeda" in html and "Usulan perbaikan" in html  # the reason in words, Indonesian first
    assert report["summary"] in html and '<html lang="id">' in html
    english = _chromium("--dump-dom", server.url + report["review_url"])  # the browser's Accept-Language
    assert english.returncode == 0 and "Number differs" in english.stdout and "Suggested correction" in english.stdout

    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("report-laptop.png", "1280,1000"), ("report-phone.png", "412,1400")):
        shot = ARTIFACTS / name
        shot.unlink(missing_ok=True)
        done = _chromium(f"--screenshot={shot}", f"--window-size={size}", "--hide-scrollbars", url)
        assert done.returncode == 0, done.stderr[-2000:]
        assert shot.stat().st_size > 10_000, f"{name} looks empty"
