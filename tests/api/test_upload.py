"""POST /v1/positions/upload with real documents written here: a PDF, a DOCX and a ministry's HTML page
become positions that checks use; bad files are refused naming the file, and nothing of their request is loaded."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from tests.api.conftest import auth, check
from tests.documents import docx_bytes, encrypted_pdf, pdf_bytes, press_release_html, scanned_pdf

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pupuk_page() -> bytes:
    return press_release_html("Harga Pupuk Bersubsidi 2026 Tidak Naik", "Kementerian Pertanian", [
        "Jakarta, 2 Oktober 2025 – Kementerian Pertanian menetapkan harga eceran tertinggi pupuk urea bersubsidi "
        "sebesar Rp2.250 per kilogram untuk tahun 2026.",
        "Alokasi pupuk bersubsidi tahun 2026 mencapai 9,5 juta ton dan disalurkan melalui kios resmi kepada petani.",
    ])


@pytest.fixture(scope="module")
def curator(api) -> str:
    """A curator key of this module's own (the session's shared key may have spent its rate limit)."""
    return api.records.create_key("Kantor Komunikasi Kepresidenan", "curator")[1]


async def upload(client, key, files, **fields):
    return await client.post("/v1/positions/upload", files=[("files", f) for f in files], data=fields,
                             headers=auth(key))


async def test_pdf_docx_and_html_in_one_upload_become_positions_checks_use(api, client, curator):
    pdf = pdf_bytes([["Jakarta, 5 Januari 2026 – Kementerian Kelautan dan Perikanan menetapkan kuota ekspor benih",
                      "bening lobster tahun 2026 sebesar 120 juta ekor yang hanya boleh diekspor melalui",
                      "Bandara Soekarno-Hatta."]], title="Kuota Ekspor Benih Lobster 2026", author="Humas")
    docx = docx_bytes("Tarif KRL 2026", "Kementerian Perhubungan", datetime(2026, 1, 3, 9, 0), [
        ("p", "Tarif dasar KRL Commuter Line tetap Rp3.000 untuk 25 kilometer pertama dan tidak naik pada 2026.")])
    started = time.perf_counter()
    r = await upload(client, curator, [("lobster.pdf", pdf, PDF_MIME), ("krl.docx", docx, DOCX_MIME),
                                                  ("pupuk.html", pupuk_page(), "text/html")], topics="upload-test")
    elapsed = time.perf_counter() - started
    assert r.status_code == 200, r.text
    docs = {d["file"]: d for d in r.json()["documents"]}
    assert (docs["lobster.pdf"]["title"], docs["lobster.pdf"]["agency"], docs["lobster.pdf"]["published_on"]) == \
        ("Kuota Ekspor Benih Lobster 2026", "Kementerian Kelautan dan Perikanan", "2026-01-05")
    assert (docs["krl.docx"]["agency"], docs["krl.docx"]["published_on"]) == ("Kementerian Perhubungan", "2026-01-03")
    assert (docs["pupuk.html"]["title"], docs["pupuk.html"]["agency"], docs["pupuk.html"]["published_on"]) == \
        ("Harga Pupuk Bersubsidi 2026 Tidak Naik", "Kementerian Pertanian", "2025-10-02")
    assert all(p["status"] == "created" for d in docs.values() for p in d["positions"])
    print(f"\nupload of 3 documents: {elapsed * 1000:.0f} ms")

    stored = (await client.get("/v1/positions/lobster", headers=auth(curator))).json()
    assert stored["source"] == "lobster.pdf#page=1" and stored["topics"] == ["upload-test"]
    assert stored["effective_from"] == "2026-01-05" and stored["language"] == "id"
    report = await check(client, api.keys["sos"], "Harga eceran tertinggi pupuk urea bersubsidi tahun 2026 sebesar "
                                                  "Rp2.500 per kilogram.")
    assert report["findings"][0]["relation"] == "conflicts"
    assert report["findings"][0]["evidence"][0]["position_id"] == "pupuk"

    again = await upload(client, curator, [("pupuk.html", pupuk_page(), "text/html")], topics="upload-test")
    assert [p["status"] for p in again.json()["documents"][0]["positions"]] == ["unchanged"]


async def test_bad_documents_name_the_file_and_nothing_of_the_request_is_loaded(api, client, curator):
    good = ("baik.html", press_release_html("Bansos Tepat Waktu", "Kementerian Sosial", [
        "Jakarta, 1 Mei 2026 – Kementerian Sosial menyalurkan bansos kepada 20 juta keluarga tepat waktu."]),
        "text/html")
    cases = [
        (("rahasia.pdf", encrypted_pdf(pdf_bytes([["Kementerian Keuangan: anggaran Rp335 triliun."]])), PDF_MIME),
         422, "encrypted_document"),
        (("pindaian.pdf", scanned_pdf(), PDF_MIME), 422, "no_text"),
        (("tabel.xlsx", b"PK\x03\x04data", "application/octet-stream"), 422, "unsupported_type"),
        (("kosong.html", b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "text/html"), 422,
         "empty_document"),
    ]
    for bad, status, code in cases:
        r = await upload(client, curator, [good, bad])
        assert r.status_code == status, r.text
        body = r.json()
        assert body["error"] == code and body["message"].startswith(f"{bad[0]}: ")
        assert body["details"] == [{"file": bad[0], "reason": body["message"][len(bad[0]) + 2:]}]
    r = await client.get("/v1/positions/baik", headers=auth(curator))
    assert r.status_code == 404  # the good file of those requests was not loaded either


async def test_size_limit_and_roles(api, client, curator):
    big = ("besar.pdf", b"%PDF-1.4\n" + b"0" * 10_000_001, PDF_MIME)
    r = await upload(client, curator, [big])
    assert r.status_code == 413 and r.json()["error"] == "document_too_large" and "besar.pdf" in r.json()["message"]
    r = await upload(client, api.keys["sos"], [("pupuk.html", pupuk_page(), "text/html")])
    assert r.status_code == 403
    r = await upload(client, None, [("pupuk.html", pupuk_page(), "text/html")])
    assert r.status_code == 401
    r = await upload(client, curator, [("pupuk.html", pupuk_page(), "text/html")],
                     effective_from="2026-13-01")
    assert r.status_code == 422 and "effective_from" in r.json()["message"]
    r = await upload(client, curator, [("pupuk.html", pupuk_page(), "text/html")], supersedes="tidak-ada")
    assert r.status_code == 422 and r.json()["error"] == "unknown_superseded"
