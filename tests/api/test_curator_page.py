"""The curator's workbench in-process: sign in with a curator key (a signed session), search positions by agency
and kind, see a position's versions with a word-level diff, upload a document, retire a position. Submitters,
by key or by signing in, get nothing; forms without the session's CSRF token are refused."""

from __future__ import annotations

import re

import pytest

from tests.api.conftest import auth
from tests.documents import press_release_html, scanned_pdf


@pytest.fixture(scope="module")
def curator(api) -> str:
    return api.records.create_key("Kantor Komunikasi Kepresidenan", "curator")[1]


async def signed_in(client, key):
    r = await client.post("/curator/login", data={"key": key}, follow_redirects=False)
    assert r.status_code == 303, r.text
    cookie = r.cookies["selaras_curator"]
    client.cookies.clear()  # the session goes with the requests that name it, not with every test's
    return {"Cookie": f"selaras_curator={cookie}"}


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]*)"', html)[1]


async def test_submitters_and_strangers_get_nothing(api, client):
    r = await client.get("/curator")
    assert r.status_code == 401 and 'name="key"' in r.text  # the sign-in form, nothing else
    r = await client.get("/curator", headers=auth(api.keys["sos"]))
    assert r.status_code == 403 and "hanya untuk kurator" in r.text and "Kementerian" not in r.text.split("<main>")[1]
    r = await client.post("/curator/login", data={"key": api.keys["sos"]}, follow_redirects=False)
    assert r.status_code == 403 and "selaras_curator" not in r.headers.get("set-cookie", "")
    r = await client.get("/curator", headers={"Cookie": "selaras_curator=abc.99999999999.0123456789abcdef0123456789abcdef"})
    assert r.status_code == 401
    r = await client.post("/curator/retire", data={"id": "asta-cita-1/pancasila"}, headers=auth(api.keys["sos"]))
    assert r.status_code == 403
    assert api.records.get_position("asta-cita-1/pancasila").status == "active"


async def test_list_search_versions_diff_upload_and_retire(api, client, curator):
    session = await signed_in(client, curator)
    page = await client.get("/curator", headers=session)
    assert page.status_code == 200 and "Kementerian Keuangan" in page.text and 'id="statements"' in page.text
    assert "script" not in page.text.lower() and "default-src 'none'" in page.headers["content-security-policy"]
    found = await client.get("/curator", params={"q": "Pertalite"}, headers=session)
    assert "Pertalite" in found.text and "Asta Cita 1" not in found.text

    body = {"id": "uji-kurator-tarif", "title": "Tarif Uji", "agency": "Kementerian Uji", "text":
            "Tarif layanan uji ditetapkan sebesar Rp5.000 per dokumen mulai Januari 2026."}
    for text in (body["text"], body["text"].replace("Rp5.000", "Rp6.500").replace("Januari", "Maret")):
        assert (await client.post("/v1/positions", json={"positions": [{**body, "text": text}]},
                                  headers=auth(curator))).status_code == 200
    detail = await client.get("/curator/positions/uji-kurator-tarif", headers=session)
    assert detail.status_code == 200
    assert "<del>Rp5.000</del><ins>Rp6.500</ins>" in detail.text and "<del>Januari</del><ins>Maret</ins>" in detail.text

    upload = await client.post("/curator/upload", headers=session, data={"csrf": csrf(page.text)}, files=[(
        "files", ("kurator-rilis.html", press_release_html("Bansos Uji", "Kementerian Sosial", [
            "Jakarta, 1 Mei 2026 – Kementerian Sosial menyalurkan bansos uji kepada 20 juta keluarga tepat waktu."]),
            "text/html"))])
    assert upload.status_code == 200 and 'href="/curator/positions/kurator-rilis"' in upload.text
    bad = await client.post("/curator/upload", headers=session, data={"csrf": csrf(page.text)},
                            files=[("files", ("pindai.pdf", scanned_pdf(), "application/pdf"))])
    assert bad.status_code == 422 and "pindai.pdf: the PDF has no text layer" in bad.text

    forged = await client.post("/curator/retire", headers=session, data={"id": "uji-kurator-tarif", "csrf": "0" * 32})
    assert forged.status_code == 403 and api.records.get_position("uji-kurator-tarif").status == "active"
    retired = await client.post("/curator/retire", headers=session, follow_redirects=False,
                                data={"id": "uji-kurator-tarif", "csrf": csrf(detail.text)})
    assert retired.status_code == 303 and api.records.get_position("uji-kurator-tarif").status == "retired"
