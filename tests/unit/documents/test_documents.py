"""Documents as they exist (a PDF, a DOCX, a ministry's HTML page, written here) become positions:
title, agency, date and language found where the document says them, boilerplate dropped, long
documents cut by heading with their pages, and every bad file refused naming the file and why."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from service.documents import DocumentError, DocumentFields, DocumentLimits, positions_from_files, read_document
from service.documents.dateline import find_dateline
from service.documents.split import is_boilerplate, looks_like_heading
from tests.documents import docx_bytes, encrypted_pdf, pdf_bytes, press_release_html, scanned_pdf

FILLER = ("Ketentuan ini berlaku bagi seluruh penyalur resmi dan diawasi oleh pemerintah daerah bersama aparat "
          "penegak hukum agar penyaluran tepat sasaran.")


def regulation_pdf() -> bytes:
    """Three pages, three numbered sections: long enough to become one position per section."""
    def section(heading: str, first: str) -> list[str]:
        return [heading, first, *[FILLER[:70], FILLER[70:] + " "] * 9, ""]
    return pdf_bytes([
        ["RINGKASAN PERATURAN MENTERI", "Jakarta, 12 Januari 2026 – Kementerian Energi dan Sumber Daya Mineral",
         "menerbitkan ringkasan peraturan tentang BBM bersubsidi.", "",
         *section("1. Harga Eceran", "Harga Pertalite ditetapkan Rp10.000 per liter mulai 1 Februari 2026.")],
        [*section("2. Kuota Penyaluran", "Kuota Solar bersubsidi tahun 2026 sebesar 18,5 juta kiloliter."), "2"],
        [*section("3. Pengawasan", "Pengawasan dilakukan oleh BPH Migas setiap triwulan."), "Halaman 3 dari 3"],
    ], title="Ringkasan Permen ESDM BBM Bersubsidi 2026", author="Biro Hukum")


def test_pdf_title_agency_date_and_sections_with_pages():
    [(doc, positions)] = positions_from_files([("permen-bbm-2026.pdf", regulation_pdf())], DocumentFields())
    assert doc.pages == 3
    # The opening (after its dateline) is too short to stand alone: it leads the first numbered section.
    assert [p.id for p in positions] == ["permen-bbm-2026/ringkasan-peraturan-menteri",
                                         "permen-bbm-2026/2-kuota-penyaluran", "permen-bbm-2026/3-pengawasan"]
    assert "1. Harga Eceran" in positions[0].text and "Rp10.000 per liter" in positions[0].text
    by_heading = {p.title.split(" — ")[-1]: p for p in positions}
    assert by_heading["2. Kuota Penyaluran"].source == "permen-bbm-2026.pdf#page=2"
    assert "18,5 juta kiloliter" in by_heading["2. Kuota Penyaluran"].text
    assert by_heading["3. Pengawasan"].source == "permen-bbm-2026.pdf#page=3"
    for p in positions:
        assert p.title.startswith("Ringkasan Permen ESDM BBM Bersubsidi 2026")
        assert p.agency == "Kementerian Energi dan Sumber Daya Mineral"  # the metadata author is a bureau, not it
        assert p.published_on == p.effective_from == date(2026, 1, 12)
        assert p.language == "id"
        assert "Halaman 3 dari 3" not in p.text and "\n2\n" not in p.text
    assert "Jakarta, 12 Januari" not in positions[0].text  # the dateline is the date, not a statement
    assert positions[0].text.startswith("Kementerian Energi dan Sumber Daya Mineral menerbitkan")


def test_html_press_release_drops_menus_counters_and_share_buttons():
    page = press_release_html("Harga Pupuk Bersubsidi 2026 Tidak Naik", "Kementerian Pertanian", [
        "Jakarta, 2 Oktober 2025 – Kementerian Pertanian menetapkan harga eceran tertinggi pupuk urea "
        "bersubsidi sebesar Rp2.250 per kilogram untuk tahun 2026.",
        "Alokasi pupuk bersubsidi tahun 2026 mencapai 9,5 juta ton dan disalurkan melalui kios resmi.",
        "Di baca 1220 kali",
    ])
    [(_, [position])] = positions_from_files([("rilis-pupuk.html", page)], DocumentFields())
    assert position.title == "Harga Pupuk Bersubsidi 2026 Tidak Naik"
    assert position.agency == "Kementerian Pertanian"
    assert position.published_on == date(2025, 10, 2)
    assert position.text.startswith("Kementerian Pertanian menetapkan harga eceran tertinggi")
    for junk in ("Beranda", "Dibaca", "Di baca", "Bagikan", "Facebook", "Berita Terkait", "Hak Cipta", "Tags"):
        assert junk not in position.text, junk
    assert position.source == "rilis-pupuk.html"


def test_docx_headings_core_properties_and_request_fields_win():
    data = docx_bytes("Tarif KRL 2026", "Kementerian Perhubungan", datetime(2026, 1, 3, 9, 0), [
        ("p", "Tarif dasar KRL Commuter Line tetap Rp3.000 untuk 25 kilometer pertama dan tidak naik pada 2026."),
        ("h1", "Subsidi"), ("p", "Subsidi tarif KRL tahun 2026 sebesar Rp4,8 triliun disalurkan melalui PSO."),
    ])
    [(_, [position])] = positions_from_files([("krl.docx", data)], DocumentFields())
    assert (position.title, position.agency, position.published_on) == \
        ("Tarif KRL 2026", "Kementerian Perhubungan", date(2026, 1, 3))
    assert position.text.index("Rp3.000") < position.text.index("Subsidi\n") < position.text.index("Rp4,8 triliun")
    fields = DocumentFields.model_validate_form({"agency": "PT KAI", "title": "", "effective_from": "2026-02-01",
                                                 "topics": "transportasi, tarif", "id": "krl-2026"})
    [(_, [position])] = positions_from_files([("krl.docx", data)], fields)
    assert (position.id, position.agency, position.title) == ("krl-2026", "PT KAI", "Tarif KRL 2026")
    assert position.effective_from == date(2026, 2, 1) and position.topics == ["transportasi", "tarif"]


@pytest.mark.parametrize("name, data, code", [
    ("rahasia.pdf", encrypted_pdf(pdf_bytes([["Kementerian Keuangan menetapkan anggaran Rp335 triliun."]])),
     "encrypted_document"),
    ("pindaian.pdf", scanned_pdf(), "no_text"),
    ("rusak.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "unreadable_document"),
    ("bukan.docx", b"PK\x03\x04 not really a zip", "unreadable_document"),
    ("tabel.xlsx", b"PK\x03\x04", "unsupported_type"),
    ("kosong.html", b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "empty_document"),
    ("nol.pdf", b"", "empty_document"),
])
def test_bad_documents_are_refused_naming_the_file_and_why(name, data, code):
    with pytest.raises(DocumentError) as caught:
        read_document(name, data)
    assert caught.value.code == code and caught.value.file == name and str(caught.value).startswith(f"{name}: ")


def test_size_and_page_limits_are_checked_before_parsing():
    with pytest.raises(DocumentError) as caught:
        read_document("besar.pdf", b"%PDF" + b"x" * 2000, DocumentLimits(max_bytes=1000))
    assert (caught.value.code, caught.value.status) == ("document_too_large", 413)
    with pytest.raises(DocumentError) as caught:
        read_document("tebal.pdf", pdf_bytes([["Kementerian Keuangan."]] * 4), DocumentLimits(max_pages=3))
    assert caught.value.code == "too_many_pages"


def test_one_bad_file_stops_the_whole_load():
    good = press_release_html("Judul", "Kementerian Sosial", ["Jakarta, 1 Mei 2026 – Bansos disalurkan tepat waktu "
                                                              "kepada 20 juta keluarga penerima manfaat."])
    with pytest.raises(DocumentError) as caught:
        positions_from_files([("a.html", good), ("b.pdf", scanned_pdf())], DocumentFields())
    assert caught.value.file == "b.pdf"


def test_a_document_that_names_no_agency_asks_for_one():
    data = pdf_bytes([["Harga beras medium ditetapkan Rp12.500 per kilogram untuk seluruh wilayah."]])
    with pytest.raises(DocumentError) as caught:
        positions_from_files([("beras.pdf", data)], DocumentFields())
    assert caught.value.code == "no_agency"
    [(_, [p])] = positions_from_files([("beras.pdf", data)], DocumentFields(agency="Badan Pangan Nasional"))
    assert p.agency == "Badan Pangan Nasional"


def test_datelines_boilerplate_and_headings():
    assert find_dateline("Jakarta, 2 Oktober 2025 – Kementerian").day == date(2025, 10, 2)
    assert find_dateline("JAKARTA, Senin, 12 Mei 2026 - Pemerintah").day == date(2026, 5, 12)
    assert find_dateline("Bandung, 31 Februari 2025 - x") is None  # no such day
    assert find_dateline("Pada 2 Oktober 2025 pemerintah") is None  # a date, not a dateline
    assert all(map(is_boilerplate, ["Dibaca 1220 kali", "Di baca 1.220 kali", "Bagikan: Facebook Twitter WhatsApp",
                                    "Halaman 2 dari 5", "SIARAN PERS", "Baca juga: Harga beras turun"]))
    assert not is_boilerplate("Harga beras dibaca sebagai indikator inflasi.")
    assert all(map(looks_like_heading, ["1. Latar Belakang", "BAB II", "KETENTUAN TARIF", "A. Tarif Listrik"]))
    assert not any(map(looks_like_heading, ["Pemerintah menetapkan tarif.", "Kementerian Keuangan"]))
