"""The synthetic training pairs (training/synthetic.py): each edit on example sentences, the
refusals that keep a label true, and the generator's determinism and article split."""

from __future__ import annotations

import random

import pytest

from tests.data import shared_data
from training import synthetic as syn

RNG = random.Random


def test_detokenize_joins_indosum_tokens():
    words = "Harga naik 2,5 persen di Jakarta , Senin ( 27 / 3 ) .".split()
    assert syn.detokenize(words) == "Harga naik 2,5 persen di Jakarta, Senin (27/3)."
    assert syn.detokenize("Wi - Fi 1960 - an".split()) == "Wi-Fi 1960-an"


def test_figure_changes_one_figure_not_the_year():
    s = "Pemerintah menyalurkan bantuan kepada 10 juta keluarga pada 2026."
    for seed in range(20):
        new = syn.change_figure(s, RNG(seed))
        assert new != s and "2026" in new and "10 juta" not in new


def test_figure_change_keeps_grouping_and_decimals():
    new = syn.change_figure("Anggaran mencapai Rp 1,5 triliun.", RNG(3))
    assert new.startswith("Anggaran mencapai Rp 1,") and new != "Anggaran mencapai Rp 1,5 triliun."
    grouped = syn.change_figure("Sebanyak 92.816 narapidana menerima remisi.", RNG(1))
    assert grouped is not None and "." in grouped.split()[1]


def test_year_month_weekday_changes():
    s = "Bantuan disalurkan di Jakarta pada Senin, 5 Januari 2026."
    assert syn.change_year(s, RNG(1)).count("2026") == 0
    assert "Januari" not in syn.change_month(s, RNG(1))
    assert "Senin" not in syn.change_weekday(s, RNG(1))


def test_place_swap_skips_a_dateline():
    assert syn.change_place("Jakarta, CNN Indonesia -- Harga beras turun.", RNG(1)) is None
    new = syn.change_place("Bantuan disalurkan di Jawa Tengah.", RNG(1))
    assert new is not None and "Jawa Tengah" not in new


def test_institution_swap_names_another_ministry():
    new = syn.change_institution("Kementerian Keuangan menyalurkan dana desa.", RNG(2))
    assert new.startswith("Kementerian ") and "Keuangan" not in new


def test_scope_refuses_under_negation():
    assert syn.change_scope("Bantuan disalurkan ke seluruh desa.", RNG(1)) == "Bantuan disalurkan ke sebagian desa."
    # "belum ... seluruh desa" and "belum ... sebagian desa" do not contradict each other.
    assert syn.change_scope("Bantuan belum disalurkan ke seluruh desa.", RNG(1)) is None


@pytest.mark.parametrize(("before", "after"), [
    ("Pemerintah akan menaikkan harga BBM.", "Pemerintah tidak akan menaikkan harga BBM."),
    ("Bantuan telah disalurkan kepada warga.", "Bantuan belum disalurkan kepada warga."),
    ("Kementerian Keuangan menyalurkan bantuan sosial.", "Kementerian Keuangan tidak menyalurkan bantuan sosial."),
])
def test_negation_inserted(before, after):
    assert syn.insert_negation(before, RNG(1)) == after


def test_negation_not_put_into_a_relative_clause_or_a_name():
    # "yang akan" modifies the programme: negating it does not negate the statement.
    assert syn.insert_negation("Program yang akan diluncurkan pemerintah menyasar 2 juta keluarga.", RNG(1)) is None
    # "Menteri" looks like a meN- verb but is not one.
    assert syn.insert_negation("Kemarin Menteri Sosial meninjau lokasi banjir.", RNG(1)) == (
        "Kemarin Menteri Sosial tidak meninjau lokasi banjir.")


def test_negation_removed_but_not_from_not_only():
    assert syn.remove_negation("Pemerintah tidak akan menaikkan harga BBM.", RNG(1)) == "Pemerintah akan menaikkan harga BBM."
    assert syn.remove_negation("Bantuan belum disalurkan.", RNG(1)) == "Bantuan sudah disalurkan."
    assert syn.remove_negation("Pemerintah tidak hanya menyalurkan beras, tetapi juga minyak.", RNG(1)) is None


def test_antonym_keeps_affixes_and_skips_names():
    new = syn.swap_antonym("Pemerintah menurunkan tarif listrik untuk industri.", RNG(1))
    assert new is not None and "menurunkan" not in new and new.split()[1].startswith("me") and new.split()[1].endswith("kan")
    # "sosial" has an antonym ("individual") in the thesaurus; in "Menteri Sosial" it is part of a name.
    for seed in range(10):
        new = syn.swap_antonym("Menteri Sosial meninjau bantuan sosial di lokasi banjir.", RNG(seed))
        assert new is None or new.startswith("Menteri Sosial ")


@pytest.mark.parametrize(("before", "after"), [
    ("Anggaran Rp 1,5 triliun disiapkan.", "Anggaran Rp 1.500 miliar disiapkan."),
    ("Separuh kuota: 50 persen penerima baru.", None),
    ("Butuh 10 tahun untuk menyelesaikannya.", "Butuh sepuluh tahun untuk menyelesaikannya."),
])
def test_numbers_rewritten_in_equal_forms(before, after):
    new = syn.rewrite_number(before, RNG(1))
    if after is None:
        assert new is not None and ("separuh" in new or "setengah" in new) and "50 persen" not in new
    else:
        assert new == after


def test_clause_drop_keeps_the_statement_and_refuses_lists_and_contrasts():
    s = "Pemerintah menyalurkan bantuan sosial kepada warga terdampak banjir, dengan prioritas bagi lansia."
    assert syn.drop_clause(s, RNG(1)) == "Pemerintah menyalurkan bantuan sosial kepada warga terdampak banjir."
    assert syn.drop_clause("Pemutusan hubungan diplomatik dan penutupan akses darat, laut dan udara berdampak besar.",
                           RNG(1)) is None
    assert syn.drop_clause("Pemerintah menaikkan harga beras di seluruh daerah, kecuali di Papua dan Maluku.", RNG(1)) is None


def test_adjunct_drop_and_reorder():
    assert syn.drop_adjunct("Menteri Pertanian meninjau gudang beras milik Bulog di Jakarta, Senin (27/3).", RNG(1)) == (
        "Menteri Pertanian meninjau gudang beras milik Bulog.")
    assert syn.drop_adjunct("Menteri meninjau gudang Bulog, Senin (27/3).", RNG(1)) is None  # too little left
    assert syn.reorder("Menurut Menteri Sosial, bantuan disalurkan melalui bank milik negara.", RNG(1)) == (
        "Bantuan disalurkan melalui bank milik negara, menurut Menteri Sosial.")


ARTICLES = {
    "a1": ["Pemerintah akan menaikkan harga BBM bersubsidi pada Januari 2026 di seluruh provinsi.",
           "Kementerian Keuangan menyalurkan bantuan Rp 1,5 triliun kepada 10 juta keluarga di Jawa Tengah, Senin (3/2).",
           "Bantuan sosial disalurkan kepada warga terdampak banjir di Jawa Tengah, dengan prioritas bagi lansia.",
           "Menurut Menteri Sosial, bantuan disalurkan melalui bank milik negara kepada keluarga penerima."],
    "a2": ["Harga beras di pasar induk turun 5 persen sepanjang Maret 2026 menurut Badan Pangan Nasional.",
           "Bulog telah menyerap 2 juta ton gabah petani di Jawa Timur hingga akhir April.",
           "Pemerintah tidak akan mengimpor beras konsumsi selama stok Bulog di atas 2 juta ton.",
           "Penyaluran beras SPHP dilakukan di 5.000 pasar tradisional, dengan harga Rp 12.500 per kilogram."],
}


def test_generate_is_seeded_uses_each_sentence_once_and_labels_by_kind():
    first = syn.generate(ARTICLES, ["a1", "a2"], 1000, seed=7)
    assert first == syn.generate(ARTICLES, ["a1", "a2"], 1000, seed=7)
    every = {s for sents in ARTICLES.values() for s in sents}
    assert 4 <= len(first) <= 8
    sources = []
    for p in first:
        assert p.label == p.kind[0] and p.premise != p.hypothesis or p.kind == "e:same"
        if p.kind == "n:adds-fact":
            sources.append(p.hypothesis)  # the full sentence; the premise is it shortened
        elif p.label == "c":
            sources.append(p.premise if p.premise in every else p.hypothesis)  # either order
        else:
            sources.append(p.premise)
    assert all(s in every for s in sources) and len(set(sources)) == len(sources)


def test_indosum_articles_split_between_training_and_diagnostic():
    folder = shared_data("indosum/dev.01.jsonl", "IndoSum").parent
    articles = syn.read_articles(folder)
    train, diag = syn.split_articles(articles)
    assert not set(train) & set(diag) and len(diag) > 300
    pairs = syn.diagnostic_pairs(folder, 300, 13)
    diag_sents = {s for aid in diag for s in articles[aid]}
    assert len(pairs) > 250
    for p in pairs:  # every diagnostic pair comes from a diagnostic article
        assert p.premise in diag_sents or p.hypothesis in diag_sents
