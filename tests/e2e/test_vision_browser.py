"""Issue 15 in a real headless Chromium against the real service: the review page's vision section shows the
mission a draft advances and the sentence that pulls against one, with the commitment quoted; a look-alike
sentence (a problem being solved) is not shown as a tension. Screenshot in test-artifacts/."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.e2e.cdp import Browser
from tests.e2e.conftest import check
from tests.e2e.server import ROOT

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRAFT = ("Presiden meminta seluruh kementerian memperkuat swasembada pangan. "
         "Impor beras turun 50 persen dibanding tahun lalu berkat panen raya di sentra produksi. "
         "Pemerintah akan menjadikan impor beras sebagai sumber utama pemenuhan kebutuhan nasional mulai 2027.")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_the_review_page_shows_missions_advanced_and_the_tension(env):
    server, keys = env
    report = check(server, keys["sos"], DRAFT, title="Draf swasembada pangan (peramban)")
    assert [t["finding"] for t in report["vision_tensions"]] == [2]
    with Browser(CHROMIUM, language="id-ID") as page:
        page.goto(server.url + report["review_url"])
        text = page.js("document.querySelector('#vision').textContent")
        assert "Asta Cita 2 — swasembada pangan" in text
        tensions = json.loads(page.js("JSON.stringify([...document.querySelectorAll('#vision-tensions li')]"
                                      ".map(li => li.textContent))"))
        assert len(tensions) == 1 and "sumber utama" in tensions[0] and "Impor beras turun" not in tensions[0]
        assert "Presiden meminta" in page.js("document.querySelector('#vision-advanced').textContent")
        # The tension is a conflict like any other, with its kind named.
        assert "visi" in page.js("document.querySelector('#conflicts').textContent")
        (ROOT / "test-artifacts").mkdir(exist_ok=True)
        page.screenshot(ROOT / "test-artifacts" / "review-vision-laptop.png")
