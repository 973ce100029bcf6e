"""Issue 16, part 8, in a real headless Chromium driven over the DevTools protocol (tests/e2e/cdp.py) against the
real service: the review page reads without JavaScript; with the page's own script an officer switches language,
copies a suggested correction to the clipboard, records a decision with their key and sees it after a reload;
another agency's key is refused; the phone layout has no sideways scrolling. Screenshots of the Indonesian page
(and of the curators' overview) go to test-artifacts/."""

from __future__ import annotations

import json
import shutil

import httpx
import pytest

from tests.e2e.cdp import Browser
from tests.e2e.conftest import check
from tests.e2e.server import ROOT

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"


def _text(page: Browser, selector: str) -> str:
    return page.js(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent || ''")


@pytest.fixture(scope="module")
def report(env):
    server, keys = env
    draft = (ROOT / "samples/drafts/bbm-bertentangan.txt").read_text()
    report = check(server, keys["sos"], draft, title="Draf BBM dan MBG (peramban)")
    suggested = [i for i, f in enumerate(report["findings"]) if f["suggestion"]]
    assert suggested, "the sample draft has a mechanical conflict"
    return report, suggested[0]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_the_page_reads_without_javascript(env, report):
    server, _ = env
    report, _ = report
    with Browser(CHROMIUM) as page:
        page.send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.goto(server.url + report["review_url"])
        assert page.js("document.documentElement.lang") == "id"
        assert page.js("document.querySelectorAll('.conflict').length") == report["counts"]["conflicts"]
        assert "Usulan perbaikan" in _text(page, "#conflicts") and "Belum ada keputusan" in _text(page, "#conflicts")
        # What needs the script is not shown: no dead buttons, no form that cannot send.
        assert page.js("[...document.querySelectorAll('button.copy, form.decide, #decide-key')]"
                       ".every(e => e.offsetParent === null)")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_language_copy_and_a_decision_kept_after_reload(env, report):
    server, keys = env
    report, index = report
    url = server.url + report["review_url"]
    suggestion = report["findings"][index]["suggestion"]
    with Browser(CHROMIUM, language="id-ID") as page:
        page.grant_clipboard(server.url)
        page.goto(url)
        assert page.js("document.documentElement.lang") == "id" and _text(page, "#verdict")

        # Switching language: a plain link, and back.
        page.click("#lang")
        page.wait_event("Page.loadEventFired")
        assert page.js("document.documentElement.lang") == "en"
        assert "Suggested correction" in _text(page, "#conflicts")
        page.click("#lang")
        page.wait_event("Page.loadEventFired")
        assert page.js("document.documentElement.lang") == "id"

        # Copying a suggestion: the button (shown by the script) puts the corrected sentence on the clipboard.
        page.click(f"#suggestion-{index} button.copy")
        page.wait_for(f"document.querySelector('#suggestion-{index} button.copy').textContent === 'Tersalin'")
        assert page.js("navigator.clipboard.readText()") == suggestion

        # Another agency's key may not decide on this report: the page says so and nothing changes.
        page.type("#key", keys["esdm"])
        page.click(f"#decide-{index} button[type=submit]")
        page.wait_for(f"document.querySelector('#decide-{index} .status').textContent.includes('tidak tersimpan')")
        assert "bukan milik instansi laporan ini" in _text(page, f"#decide-{index} .status")
        assert page.js(f"document.getElementById('decision-{index}').classList.contains('undecided')")

        # The officer's own key records it; the page shows it at once, and again after a reload (from the records).
        page.js("document.getElementById('key').value = ''")
        page.type("#key", keys["sos"])
        page.js(f"document.getElementById('choice-{index}').value = 'false_alarm'")
        page.type(f"#note-{index}", "Posisi BBM sudah diperbarui minggu ini.")
        page.click(f"#decide-{index} button[type=submit]")
        page.wait_for(f"document.querySelector('#decide-{index} .status').textContent === 'Keputusan tersimpan.'")
        assert "Peringatan keliru" in _text(page, f"#decision-{index}")
        page.reload()
        assert page.js(f"document.getElementById('decision-{index}').dataset.decision") == "false_alarm"
        shown = _text(page, f"#decision-{index}")
        assert "Peringatan keliru" in shown and "Kementerian Sosial" in shown and "Posisi BBM sudah diperbarui" in shown
        assert page.js("document.getElementById('key').value") == ""  # the key was not kept

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(ARTIFACTS / "review-decision-laptop.png")

        # The phone: one column, nothing wider than the screen, the decision form usable.
        page.viewport(412, 900, mobile=True)
        page.reload()
        assert page.js("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.js(f"(() => {{ const [a, b] = document.querySelectorAll('#conflict-{index} blockquote');"
                       " return b.getBoundingClientRect().top >= a.getBoundingClientRect().bottom; })()")
        assert page.js(f"document.querySelector('#decide-{index} button[type=submit]').getBoundingClientRect()"
                       ".right <= window.innerWidth")
        page.screenshot(ARTIFACTS / "review-decision-phone.png")
    for name in ("review-decision-laptop.png", "review-decision-phone.png"):
        assert (ARTIFACTS / name).stat().st_size > 20_000, f"{name} looks empty"

    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {keys['sos']}"}) as api:
        stored = api.get(f"/v1/reports/{report['id']}").json()["findings"][index]["decision"]
    assert stored["decision"] == "false_alarm" and stored["note"] == "Posisi BBM sudah diperbarui minggu ini."


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)")
def test_the_overview_in_the_browser(env, report):
    server, keys = env
    with Browser(CHROMIUM) as page:
        page.send("Network.enable")
        page.send("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Bearer {keys['curator']}"}})
        page.goto(server.url + "/curator/overview")
        assert page.js("document.documentElement.lang") == "id"
        assert int(_text(page, "#total-checks")) >= 1
        assert page.js("document.querySelectorAll('figure.chart svg rect').length") > 0
        assert page.js("document.documentElement.scrollWidth <= window.innerWidth")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(ARTIFACTS / "overview-laptop.png")
        page.viewport(412, 900, mobile=True)
        page.reload()
        assert page.js("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(ARTIFACTS / "overview-phone.png")
    assert (ARTIFACTS / "overview-laptop.png").stat().st_size > 20_000
