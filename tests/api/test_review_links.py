"""Review links and the review page, against the session app in-process (real model, store and records).

Attacks from issue 11: a review link worked forever, kept working after the key that made the
report was revoked or expired, and there was no way to invalidate links; every link cost a
write transaction; the page could be cached, framed, sniffed and leaked its token by Referer;
the API docs loaded scripts from a CDN without integrity hashes.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sqlite3
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import event

from service.api import checks
from service.cli import build_parser, cmd_keys
from service.records import Records
from service.config import Settings
from tests.api.conftest import auth as bearer

pytestmark = pytest.mark.slow

SOS = "Kementerian Sosial"
DRAFT = "Pemerintah menyalurkan bantuan pangan kepada keluarga penerima manfaat di seluruh provinsi."
HTML = {"Accept": "text/html"}


@pytest.fixture
def service(api):
    """(client, records of the running app, its data dir): the session app."""
    return api.client, api.records, api.data_dir


async def check(client: AsyncTestClient, secret: str, text: str = DRAFT) -> dict:
    r = await client.post("/v1/checks", json={"text": text}, headers=bearer(secret))
    assert r.status_code == 200, r.text
    return r.json()


def expiry(url: str) -> int:
    token = parse_qs(urlsplit(url).query)["token"][0]
    return int(token.split(".", 1)[0])


async def status(client: AsyncTestClient, url: str, **headers: str) -> int:
    return (await client.get(url, headers=headers)).status_code


async def test_link_carries_an_expiry_and_stops_working_after_it(service, monkeypatch):
    client, records, _ = service
    _, sub = records.create_key(SOS, "submitter")
    url = (await check(client, sub))["review_url"]
    expires = expiry(url)
    assert abs(expires - (time.time() + 30 * 86400)) < 300  # SELARAS_REVIEW_LINK_DAYS defaults to 30
    assert await status(client, url) == 200 and await status(client, url, Accept="text/html") == 200

    monkeypatch.setattr(checks, "_now", lambda: expires - 60)
    assert await status(client, url) == 200
    # Opening the link does not hand out a fresh one: a link cannot renew itself past its expiry.
    assert (await client.get(url)).json()["review_url"] == url
    monkeypatch.setattr(checks, "_now", lambda: expires + 1)
    assert await status(client, url) == 404 and await status(client, url, Accept="text/html") == 404

    # The expiry is signed: moving it forward breaks the link.
    monkeypatch.undo()
    forged = url.replace(f"token={expires}.", f"token={expires + 10 * 365 * 86400}.")
    assert forged != url and await status(client, forged) == 404
    # Tokens of the old never-expiring form (32 hex digits) open nothing any more.
    report_id = url.split("/v1/reports/", 1)[1].split("?", 1)[0]
    assert await status(client, f"/v1/reports/{report_id}?token={'0' * 32}") == 404


async def test_link_lifetime_is_a_setting(service, monkeypatch):
    client, records, _ = service
    assert Settings(_env_file=None).review_link_days == 30
    monkeypatch.setenv("SELARAS_REVIEW_LINK_DAYS", "7")
    assert Settings().review_link_days == 7
    monkeypatch.setattr(client.app.state.settings, "review_link_days", 2)
    _, sub = records.create_key(SOS, "submitter")
    report = await check(client, sub)
    assert abs(expiry(report["review_url"]) - (time.time() + 2 * 86400)) < 300
    again = (await client.get(f"/v1/reports/{report['id']}", headers=bearer(sub))).json()["review_url"]
    assert abs(expiry(again) - (time.time() + 2 * 86400)) < 300


async def test_link_dies_when_the_key_that_made_the_report_is_revoked(service):
    client, records, data_dir = service
    key, sub = records.create_key(SOS, "submitter")
    sub_id = key.id
    _, curator = records.create_key("Kantor Komunikasi Kepresidenan", "curator")
    report = await check(client, sub)
    assert records.report_key_id(report["id"]) == sub_id  # stored beside the report, not in its body
    assert "key_id" not in (await client.get(f"/v1/reports/{report['id']}", headers=bearer(sub))).json()
    # A curator reading the report gets a link bound to the same (creating) key.
    curator_url = (await client.get(f"/v1/reports/{report['id']}", headers=bearer(curator))).json()["review_url"]
    for url in (report["review_url"], curator_url):
        assert await status(client, url) == 200 and await status(client, url, Accept="text/html") == 200

    cli_records = Records(data_dir / "records.sqlite3")  # as `selaras keys revoke` would, from another process
    try:
        assert cli_records.revoke_key(sub_id)
    finally:
        cli_records.close()
    for url in (report["review_url"], curator_url):
        assert await status(client, url) == 404 and await status(client, url, Accept="text/html") == 404
    # The report itself is still there for keys allowed to read it.
    assert (await client.get(f"/v1/reports/{report['id']}", headers=bearer(curator))).status_code == 200


async def test_link_dies_when_the_key_that_made_the_report_expires(service):
    client, records, data_dir = service
    key, sub = records.create_key(SOS, "submitter")
    r = await client.post("/v1/checks:batch", json={"drafts": [{"text": DRAFT}, {"text": DRAFT + " Lagi."}]},
                    headers=bearer(sub))
    assert r.status_code == 200, r.text
    reports = r.json()["reports"]
    assert [records.report_key_id(rep["id"]) for rep in reports] == [key.id, key.id]
    assert all([await status(client, rep["review_url"]) == 200 for rep in reports])

    with sqlite3.connect(data_dir / "records.sqlite3") as other:  # the key expires, by another connection
        other.execute("UPDATE api_keys SET expires_at='2020-01-01T00:00:00+00:00' WHERE id=?", (key.id,))
    assert all([await status(client, rep["review_url"]) == 404 for rep in reports])


async def test_rotate_secret_command_ends_every_link(service):
    client, records, data_dir = service
    _, sub = records.create_key(SOS, "submitter")
    report = await check(client, sub)
    old = report["review_url"]
    assert await status(client, old) == 200

    args = build_parser().parse_args(["keys", "rotate-secret"])
    assert cmd_keys(args, Settings(data_dir=data_dir)) == 0  # a separate connection, like the CLI process
    assert await status(client, old) == 404 and await status(client, old, Accept="text/html") == 404
    new = (await client.get(f"/v1/reports/{report['id']}", headers=bearer(sub))).json()["review_url"]
    assert new != old and await status(client, new) == 200


def test_secret_is_read_not_written_per_link(tmp_path):
    records = Records(tmp_path / "records.sqlite3")
    other = Records(tmp_path / "records.sqlite3")
    try:
        first = records.server_secret()
        statements: list[str] = []
        # Every statement the records send (the engine is the records' own; the listener only listens).
        event.listen(records._engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for _ in range(5):
            assert records.server_secret() == first
            checks.review_token(records, "report-1", "key-1", int(time.time()) + 60)
        assert statements and all(re.match(r"\s*(BEGIN\s*$|SELECT)", s, re.I) for s in statements), statements
        assert not any(re.match(r"\s*(BEGIN IMMEDIATE|INSERT|UPDATE|DELETE)", s, re.I) for s in statements)

        other.rotate_secret()  # another process rotates: this one sees it at once
        assert records.server_secret() != first
        rotated = records.server_secret()
        records.rotate_secret()
        assert records.server_secret() not in (first, rotated) and other.server_secret() == records.server_secret()
    finally:
        records.close()
        other.close()


def _csp(response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d.partition(" ")[2] for d in (p.strip() for p in policy.split(";")) if d}


async def test_review_page_and_report_json_headers(service):
    client, records, _ = service
    _, sub = records.create_key(SOS, "submitter")
    report = await check(client, sub, "Harga <script>alert(1)</script> bahan pokok tetap stabil pada bulan ini.")
    url = report["review_url"]
    responses = {
        "link html": await client.get(url, headers=HTML), "link json": await client.get(url),
        "key html": await client.get(f"/v1/reports/{report['id']}", headers={**HTML, **bearer(sub)}),
        "key json": await client.get(f"/v1/reports/{report['id']}", headers=bearer(sub)),
    }
    for name, r in responses.items():
        assert r.status_code == 200, name
        assert r.headers["cache-control"] == "no-store", name
        assert r.headers["referrer-policy"] == "no-referrer", name
        assert r.headers["x-content-type-options"] == "nosniff", name
        assert r.headers["x-frame-options"] == "DENY", name
        csp = _csp(r)
        assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'", (name, csp)
        assert "unsafe" not in r.headers["content-security-policy"], name
        if name.endswith("json"):
            assert "script-src" not in csp, name  # default-src 'none' covers scripts: none may run
        else:  # the page's own script only (issue 16: copy, decisions), served by the service; nothing inline
            assert csp["script-src"] == "'self'" and csp["connect-src"] == "'self'", name

    page = responses["link html"]
    assert page.headers["content-type"].startswith("text/html")
    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/review.js" defer>']
    assert "&lt;script&gt;" in page.text  # the draft's own markup is text, never run
    script = await client.get("/static/review.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["x-content-type-options"] == "nosniff" and "fetch(" in script.text
    assert not re.search(r"\sstyle=", page.text)  # inline style attributes would need 'unsafe-inline'
    blocks = re.findall(r"<style>(.*?)</style>", page.text, re.S)
    assert blocks
    allowed = _csp(page)["style-src"].split()
    for block in blocks:  # the page's own styles are allowed by hash, so it still renders styled
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


async def test_every_response_is_never_sniffed_framed_or_referred(service):
    client, _, _ = service
    for r in (await client.get("/health"), await client.get("/no-such-path"), await client.get("/v1/reports"),
              await client.get("/v1/reports/nope?token=1.x")):
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert r.headers["x-frame-options"] == "DENY", r.url
        assert r.headers["referrer-policy"] == "no-referrer", r.url
    assert (await client.get("/v1/reports")).headers["cache-control"] == "no-store"


async def test_api_docs_load_no_remote_scripts_by_default(service):
    client, _, _ = service
    assert Settings(_env_file=None).docs is False
    schema = await client.get("/schema/openapi.json")
    assert schema.status_code == 200 and "/v1/checks" in schema.json()["paths"]
    for path in ("/", "/schema", "/schema/swagger", "/schema/redoc", "/schema/elements", "/schema/rapidoc"):
        r = await client.get(path)
        assert "<script" not in r.text and "cdn." not in r.text, path
