"""`selaras load FOLDER` with the documents that exist: a folder of PDF, DOCX and HTML press releases (and a .md)
becomes a working corpus with one command; a folder with one bad document loads nothing and names it."""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest

from service.records import Records
from tests.documents import docx_bytes, pdf_bytes, press_release_html, scanned_pdf
from tests.e2e.server import cli

pytestmark = pytest.mark.slow


def press_folder(folder):
    folder.mkdir()
    (folder / "beras.pdf").write_bytes(pdf_bytes([
        ["Jakarta, 8 Januari 2026 – Badan Pangan Nasional menetapkan harga eceran tertinggi beras",
         "medium sebesar Rp12.500 per kilogram untuk zona 1 mulai Februari 2026."]],
        title="HET Beras Medium 2026", author="Humas"))
    (folder / "krl.docx").write_bytes(docx_bytes("Tarif KRL 2026", "Kementerian Perhubungan", datetime(2026, 1, 3), [
        ("p", "Tarif dasar KRL Commuter Line tetap Rp3.000 untuk 25 kilometer pertama dan tidak naik pada 2026.")]))
    (folder / "pupuk.html").write_bytes(press_release_html("Harga Pupuk Bersubsidi 2026", "Kementerian Pertanian", [
        "Jakarta, 2 Oktober 2025 – Kementerian Pertanian menetapkan harga eceran tertinggi pupuk urea bersubsidi "
        "sebesar Rp2.250 per kilogram untuk tahun 2026."]))
    (folder / "catatan.md").write_text("# Catatan Rapat\n\nRapat koordinasi digelar setiap Senin pukul 09.00 WIB.\n")
    return folder


def test_a_folder_of_press_releases_becomes_a_corpus_with_one_command(tmp_path):
    data = tmp_path / "data"
    started = time.monotonic()
    done = cli(data, "load", str(press_folder(tmp_path / "rilis")), "--quiet")
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["created"] == 4
    print(f"\nselaras load of 4 documents (one process, model load included): {elapsed:.1f} s")
    records = Records(data / "records.sqlite3")
    try:
        found = {p.id: (p.title, p.agency, p.published_on, p.source) for p in records.all_positions()}
    finally:
        records.close()
    assert found["beras"] == ("HET Beras Medium 2026", "Badan Pangan Nasional", "2026-01-08", "beras.pdf#page=1")
    assert found["krl"] == ("Tarif KRL 2026", "Kementerian Perhubungan", "2026-01-03", "krl.docx")
    assert found["pupuk"] == ("Harga Pupuk Bersubsidi 2026", "Kementerian Pertanian", "2025-10-02", "pupuk.html")
    assert found["catatan"][:2] == ("Catatan Rapat", "unknown")

    checked = cli(data, "check", str(_draft(tmp_path, "Harga eceran tertinggi beras medium zona 1 sebesar Rp13.000 "
                                                      "per kilogram.")), "--json")
    assert checked.returncode == 1, checked.stderr  # it conflicts with the loaded PDF
    assert json.loads(checked.stdout)["findings"][0]["evidence"][0]["position_id"] == "beras"


def test_one_bad_document_loads_nothing_and_is_named(tmp_path):
    folder = press_folder(tmp_path / "rilis")
    (folder / "pindaian.pdf").write_bytes(scanned_pdf())
    data = tmp_path / "data"
    done = cli(data, "load", str(folder), "--quiet")
    assert done.returncode == 2
    assert "pindaian.pdf: the PDF has no text layer" in done.stderr and "Nothing was loaded" in done.stderr
    assert not (data / "records.sqlite3").exists() or not list(Records(data / "records.sqlite3").all_positions())


def _draft(tmp_path, text):
    path = tmp_path / "draft.txt"
    path.write_text(text)
    return path
