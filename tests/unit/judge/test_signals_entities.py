"""Tests for service.judge.signals: entity swaps: another name in the same role; spelling variants and acronyms are not swaps."""

from __future__ import annotations

from service.judge.signals import find_clashes


def test_entity_swap_same_head() -> None:
    clashes = find_clashes("Kementerian Keuangan akan mengumumkan kebijakan fiskal baru pekan depan.",
                           "Kementerian Perdagangan akan mengumumkan kebijakan fiskal baru pekan depan.")
    assert [c.kind for c in clashes] == ["entity"]
    assert "Kementerian Perdagangan" in clashes[0].reason and "Kementerian Keuangan" in clashes[0].reason


def test_entity_additive_or_spelling_variant_does_not_clash() -> None:
    ref = "Bank Indonesia mencatat cadangan devisa meningkat."
    assert find_clashes(ref, "Bank Mandiri juga mencatat cadangan devisa meningkat.") == []
    assert find_clashes("Presiden Joko Widodo meresmikan bendungan itu.", "Presiden Jokowi meresmikan bendungan itu.") == []


def test_name_variants_do_not_clash() -> None:
    assert find_clashes("Richard memimpin pasukan melawan Pangeran Angoulême.",
                        "Richard memimpin pasukan melawan Pangeran Angouleme.") == []
    assert find_clashes("Kementerian Keuangan menerbitkan aturan baru soal pajak.",
                        "Kemenkeu menerbitkan aturan baru soal pajak.") == []


def test_an_acronym_of_a_name_with_dan_is_the_same_body():
    # "ATR" = Agraria dan Tata Ruang: the name runs on past "dan" to the capitalised words after it.
    reference = "Kementerian ATR/BPN menargetkan 1,5 juta bidang tanah bersertipikat melalui program ini pada 2026."
    draft = "Kementerian Agraria dan Tata Ruang menargetkan 1,5 juta bidang tanah bersertipikat melalui program ini pada 2026."
    assert [c for c in find_clashes(reference, draft) if c.kind == "entity"] == []
    # Another ministry in the same role still clashes.
    other = "Kementerian Pertanian menargetkan 1,5 juta bidang tanah bersertipikat melalui program ini pada 2026."
    assert "entity" in [c.kind for c in find_clashes(reference, other)]


def test_an_amount_after_a_name_is_no_part_of_it():
    from service.judge.signals.analysis import _analyse
    from service.judge.signals.entity_clashes import _names

    names = [n for n, _, _ in _names(_analyse("Untuk siswa SD Rp1.020.000 per tahun, sementara siswa SMP Rp1.230.000."))]
    assert names == ["SD", "SMP"]


def test_a_word_after_a_datelines_dash_fills_no_slot():
    """"Medan – Menjelang …": the dash ends the dateline, so "Menjelang" follows no "Medan" as "Lapangan Merdeka" does
    in "Taman Ahmad Yani Medan, Lapangan Merdeka"; no swap of names."""
    reference = "Kembang api dinyalakan di Taman Ahmad Yani Medan, Lapangan Merdeka, pada malam tahun baru."
    assert find_clashes(reference, "Medan – Menjelang malam tahun baru, kembang api dinyalakan.") == []
