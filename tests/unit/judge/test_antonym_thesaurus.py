"""The antonym pairs generated from the LibreOffice Indonesian thesaurus (training/antonym_lexicon.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.judge.signals import find_clashes
from training.antonym_lexicon import build, read_thesaurus, root_and_forms

VOCAB = Path(__file__).resolve().parents[3] / "service" / "judge" / "vocab" / "antonyms_thesaurus.json"

# A slice of th_id_ID_v2.dat in its own format (ISO-8859-1, "word|senses", "[pos]|synonyms", "[ant]|...").
SAMPLE = """ISO-8859-1
menuntaskan|2
[v]|menamatkan|menyelesaikan|merampungkan
[ant]|menunda
abang|1
[n]|kakak|kanda
[ant]|adik
tunda|1
[v]|menangguhkan|mengundurkan
mengawalkan|1
[v]|mendahulukan
[ant]|mengakhirkan
awal|1
[n]|mula
akhir|1
[n]|ujung
tuntas|1
[a]|habis
"""


def test_the_generated_file_names_its_source_and_licence():
    doc = json.loads(VOCAB.read_text(encoding="utf-8"))
    assert "mythes-id" in doc["source"] and "LGPL-2.1" in doc["licence"]
    assert len(doc["pairs"]) > 500
    assert all(set(p) == {"name", "a", "b"} and p["a"]["id"] and p["b"]["id"] for p in doc["pairs"])


def test_generation_keeps_verb_and_adjective_opposites_with_their_roots(tmp_path):
    dat = tmp_path / "th.dat"
    dat.write_text(SAMPLE, encoding="iso-8859-1")
    pairs, vocabulary = read_thesaurus(dat)
    assert ("menuntaskan", "menunda") in pairs and ("abang", "adik") not in pairs  # a noun relation is dropped
    entries = {e["name"]: e for e in build(pairs, vocabulary)}
    assert entries["menuntaskan/menunda"]["a"] == {"id": {"tuntas": "meN-kan di-kan"}}
    assert entries["menuntaskan/menunda"]["b"] == {"id": {"tunda": "meN di"}}
    # Of two roots affix stripping could give ("awal", "kawal"), the one without a restored letter.
    assert root_and_forms("mengawalkan", vocabulary) == ("awal", "meN-kan di-kan")
    assert root_and_forms("selalu", vocabulary) == ("selalu", "0")


@pytest.mark.parametrize(("reference", "draft"), [
    ("Sepanjang 2026 pemerintah menuntaskan pembangunan sembilan bendungan baru.",
     "Sepanjang 2026 pemerintah menunda pembangunan sembilan bendungan baru."),
    ("Pembangunan sembilan bendungan baru dituntaskan sepanjang 2026.",
     "Pembangunan sembilan bendungan baru ditunda sepanjang 2026."),
    ("Lampu penerangan jalan di ruas tol itu hidup sepanjang malam.",
     "Lampu penerangan jalan di ruas tol itu padam sepanjang malam."),
])
def test_thesaurus_opposites_are_antonym_clashes(reference, draft):
    assert [c.kind for c in find_clashes(reference, draft)] == ["antonym"]


def test_converses_and_bounds_are_left_out():
    # One sale told from two sides, and two limits of two things, are no contradiction.
    assert find_clashes("Tiket dapat dibeli paling cepat 60 hari sebelum keberangkatan.",
                        "Tiket hanya dijual daring paling cepat 60 hari sebelum keberangkatan.") == []
    # Keeping and taking out are one saving: kept until release, taken out on release.
    assert find_clashes("Premi disimpan dalam tabungan dan baru dapat dicairkan saat bebas.",
                        "Premi ditabung dan baru bisa diambil ketika mereka bebas.") == []
    assert find_clashes("Jarak antartempat tidur minimal 1,5 meter.",
                        "Satu ruangan menampung maksimal empat tempat tidur dengan jarak 1,5 meter.") == []
