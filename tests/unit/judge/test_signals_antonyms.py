"""Tests for service.judge.signals: antonym clashes; each lexicon entry's example in vocab/antonyms.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.judge.signals import find_clashes


@pytest.mark.parametrize(
    ("reference", "draft", "words"),
    [
        ("Pemerintah menaikkan tarif listrik untuk industri.",
         "Pemerintah menurunkan tarif listrik untuk industri.", ("menurunkan", "menaikkan")),
        ("Kenaikan harga beras dipicu gagal panen.",
         "Penurunan harga beras dipicu gagal panen.", ("penurunan", "kenaikan")),
        ("Ekspor batu bara meningkat tajam bulan lalu.",
         "Ekspor batu bara menurun tajam bulan lalu.", ("menurun", "meningkat")),
        ("Peningkatan jumlah wisatawan tercatat di Bali.",
         "Penurunan jumlah wisatawan tercatat di Bali.", ("penurunan", "peningkatan")),
        ("DPR menyetujui revisi undang-undang tersebut.",
         "DPR menolak revisi undang-undang tersebut.", ("menolak", "menyetujui")),
        ("Kementerian membantah kabar pemecatan direktur.",
         "Kementerian membenarkan kabar pemecatan direktur.", ("membenarkan", "membantah")),
        ("Pemerintah melanjutkan program bantuan langsung tunai.",
         "Pemerintah menghentikan program bantuan langsung tunai.", ("menghentikan", "melanjutkan")),
        ("Pemerintah memperketat pembatasan impor baja.",
         "Pemerintah melonggarkan pembatasan impor baja.", ("melonggarkan", "memperketat")),
        ("Neraca perdagangan Januari mencatat surplus.",
         "Neraca perdagangan Januari mencatat defisit.", ("defisit", "surplus")),
        ("Pemerintah membuka kembali jalur pendakian Rinjani.",
         "Pemerintah menutup kembali jalur pendakian Rinjani.", ("menutup", "membuka")),
        ("Pemerintah mengizinkan ekspor pasir laut.",
         "Pemerintah melarang ekspor pasir laut.", ("melarang", "mengizinkan")),
        ("The central bank decided to raise interest rates.",
         "The central bank decided to cut interest rates.", ("cut", "raise")),
        ("Parliament approved the new budget.", "Parliament rejected the new budget.", ("rejected", "approved")),
        ("The ministry confirmed the report on layoffs.",
         "The ministry denied the report on layoffs.", ("denied", "confirmed")),
        ("Rice exports increased last quarter.", "Rice exports decreased last quarter.", ("decreased", "increased")),
    ],
)
def test_antonyms_clash(reference: str, draft: str, words: tuple[str, str]) -> None:
    clashes = [c for c in find_clashes(reference, draft) if c.kind == "antonym"]
    assert len(clashes) == 1, find_clashes(reference, draft)
    assert f'"{words[0]}"' in clashes[0].reason and f'"{words[1]}"' in clashes[0].reason


def test_antonym_needs_shared_topic_and_single_side() -> None:
    # both directions already in the reference: ambiguous, no clash
    assert find_clashes("Sebanyak 161 saham naik dan 171 saham turun.", "Saham-saham turun.") == []
    # idioms are not the antonymous sense
    assert find_clashes("Ia lulusan perguruan tinggi negeri.", "Ia lulusan sekolah rendah.") == []
    # bound words ("at most" / "at least") bound different measures, they are no opposite claims
    assert [c for c in find_clashes("Satu ruangan berisi paling banyak empat tempat tidur.",
                                    "Jarak antartempat tidur paling sedikit 1,5 meter.") if c.kind == "antonym"] == []
    # negated antonym is not a clean contradiction
    assert [c for c in find_clashes("Harga beras naik.", "Harga beras tidak turun.") if c.kind == "antonym"] == []


LEXICON = json.loads((Path(__file__).resolve().parents[3] / "service" / "judge" / "vocab" / "antonyms.json")
                     .read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", LEXICON["pairs"], ids=[e["name"] for e in LEXICON["pairs"]])
def test_each_lexicon_pair_fires_on_its_example(entry: dict) -> None:
    example = entry["example"]
    clashes = find_clashes(example["reference"], example["draft"])
    assert [c.rule for c in clashes if c.kind == "antonym"] == ["antonym:" + entry["name"]], clashes


SAME_PARTY = [e for e in LEXICON["pairs"] if e.get("same_party")]


@pytest.mark.parametrize("entry", SAME_PARTY, ids=[e["name"] for e in SAME_PARTY])
def test_a_same_party_pair_agrees_when_one_party_follows_both_words(entry: dict) -> None:
    """"seluruhnya ditanggung pembeli" is "seluruhnya dibayar oleh pembeli": the buyer bears it either way."""
    example = entry["same_party_example"]
    assert [c for c in find_clashes(example["reference"], example["draft"]) if c.kind == "antonym"] == []
    assert [c for c in find_clashes(example["draft"], example["reference"]) if c.kind == "antonym"] == []


NEGATED = [e for e in json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/antonyms.json")
                                 .read_text(encoding="utf-8"))["pairs"] if "negated_example" in e]


@pytest.mark.parametrize("entry", NEGATED, ids=[e["name"] for e in NEGATED])
def test_a_negated_word_of_a_complementary_pair_asserts_the_other_pole(entry):
    example = entry["negated_example"]
    clashes = find_clashes(example["reference"], example["draft"])
    if entry["name"] == "mengizinkan/melarang":
        assert clashes == []  # "tidak diizinkan" is "dilarang": the same pole
    else:
        assert [c.kind for c in clashes] == ["antonym"], example
    # Negated on both sides, or not complementary ("tidak naik" is not "turun"): nothing.
    assert find_clashes("Sertifikasi halal bagi usaha mikro tidak dipungut biaya.",
                        "Sertifikasi halal bagi usaha mikro tidak dikenai biaya.") == []
    assert find_clashes("Harga BBM bersubsidi tidak naik pada Desember.",
                        "Harga BBM bersubsidi turun pada Desember.") == []


def test_an_antonym_whose_neighbours_are_the_references_words_clashes_inside_an_attribution():
    """The clause is mostly attribution ("Dinas Perhubungan menyampaikan ..."), but the words around the
    antonym are the reference's: the figures inside "Rp4.000" and "2,5" no longer split the clause."""
    reference = "Tarif bus Trans Semarang dinaikkan dari Rp3.500 menjadi Rp4.000 per perjalanan mulai 1 Juni 2026."
    draft = "Dinas Perhubungan Kota Semarang menyampaikan tarif Trans Semarang turun dari Rp4.000 menjadi Rp3.500 per perjalanan."
    assert [c.kind for c in find_clashes(reference, draft)] == ["antonym"]
    # the same words around a word of another sense: nothing
    assert find_clashes(reference, draft.replace("turun", "berlaku")) == []


def test_figures_do_not_split_clauses():
    from service.judge.signals.analysis import _analyse
    a = _analyse("Defisit dijaga 2,48 persen atau Rp638.800 miliar.")
    assert len(set(a.clause)) == 1
    assert len(set(_analyse("Defisit dijaga, kata menteri.").clause)) == 2


def test_free_of_a_charge_is_the_exempt_pole():
    assert find_clashes("Pendaftaran sekolah tidak dipungut biaya.", "Registration is free of charge.") == []
    assert find_clashes("Pendaftaran sekolah tidak dipungut biaya.", "Pendaftaran sekolah bebas biaya.") == []
    assert [c.kind for c in find_clashes("Pendaftaran sekolah tidak dipungut biaya.",
                                         "Applicants are charged a registration fee.")] == ["antonym"]


def test_open_until_a_day_is_closed_on_it():
    from service.judge.signals import find_clashes
    reference = "Pendaftaran beasiswa daerah ditutup pada 15 Oktober 2026."
    assert find_clashes(reference, "Pendaftaran beasiswa daerah dibuka hingga pertengahan Oktober 2026.") == []
    assert [c.kind for c in find_clashes(reference, "Pendaftaran beasiswa daerah dibuka pada 15 Oktober 2026.")] == ["antonym"]


def test_a_window_open_until_a_day_is_closed_on_it():
    """"dibuka pada 1 hingga 30 April": the registration closes on 30 April, as the draft says."""
    from service.judge.signals import find_clashes
    reference = "Pendaftaran dibuka pada 1 hingga 30 April 2026 secara daring dan diverifikasi oleh setiap Polda."
    assert find_clashes(reference, "Polda menerima 9.100 pendaftar hingga penutupan pendaftaran daring pada 30 April "
                                   "2026.") == []
    assert find_clashes(reference, "Pendaftaran daring ditutup pada 30 April 2026 dan diverifikasi setiap Polda.") == []
    assert [c.kind for c in find_clashes("Pendaftaran dibuka pada 1 April 2026 secara daring.",
                                         "Pendaftaran ditutup pada 1 April 2026 secara daring.")] == ["antonym"]
    # A closure from a day is no window ending on it: opening on its first day is the contradiction.
    assert [c.kind for c in find_clashes("Jalur pendakian Gunung Rinjani ditutup mulai 1 Januari hingga 31 Maret 2026.",
                                         "Balai Taman Nasional membuka jalur pendakian Gunung Rinjani mulai 1 Januari "
                                         "2026.")] == ["antonym"]


def test_wearing_a_uniform_is_no_charge():
    """"mengenakan seragam" is to wear it, not to charge: no clash with "tidak dipungut biaya"."""
    from service.judge.signals import find_clashes
    reference = "Siswa naik bus sekolah tanpa dipungut biaya."
    assert find_clashes(reference, "Siswa yang mengenakan seragam naik bus sekolah tanpa biaya.") == []


def test_a_past_word_in_a_relative_clause_dates_that_clause_only():
    """"mencabut status ... yang sebelumnya berlaku": "sebelumnya" says when the status held, while the revoking
    is told now; "Bupati sebelumnya mencabut ..." is the past."""
    ref = "Bupati Sintang menetapkan status tanggap darurat banjir selama 14 hari mulai 2 Maret 2027."
    [c] = find_clashes(ref, "Bupati Sintang mencabut status tanggap darurat banjir yang sebelumnya berlaku sejak 2 Maret 2027.")
    assert c.kind == "antonym"
    assert find_clashes(ref, "Bupati Sintang sebelumnya mencabut status tanggap darurat banjir.") == []


def test_speeding_up_what_the_reference_halts():
    """"mempercepat" a process goes on with it: against "menghentikan sementara" the same process it clashes."""
    from service.judge.signals import find_clashes
    ref = "Badan Pertanahan Nasional menghentikan sementara penerbitan sertipikat hak guna usaha baru di Kalimantan Barat."
    [c] = find_clashes(ref, "Badan Pertanahan Nasional mempercepat penerbitan sertipikat hak guna usaha baru di Kalimantan Barat.")
    assert c.kind == "antonym"
    assert find_clashes(ref, "Badan Pertanahan Nasional memperlambat penerbitan sertipikat hak guna usaha baru di "
                             "Kalimantan Barat.") == []


def test_an_institution_paying_is_the_cost_borne_not_paid_by_oneself() -> None:
    reference = "Biaya pemeriksaan kelayakan calon donor ditanggung oleh BPJS Kesehatan."
    for draft in ("Calon donor tidak mengeluarkan biaya pemeriksaan kelayakan karena biayanya dibayar BPJS Kesehatan.",
                  "Untuk pemeriksaan kelayakan calon donor, pemerintah akan membayar seluruh biayanya."):
        assert [c for c in find_clashes(reference, draft) if c.kind == "antonym"] == [], draft
    # The one who benefits paying is still the opposite.
    own = "Biaya pemeriksaan kelayakan calon donor dibayar sendiri oleh calon donor."
    assert [c.kind for c in find_clashes(reference, own)] == ["antonym"]


def test_a_change_compared_with_the_past_is_said_of_now():
    """"dikurangi dibandingkan tahun sebelumnya" says what holds now, against "dinaikkan"; "sebelumnya
    dikurangi" told the past."""
    from service.judge.signals import find_clashes
    reference = "Kuota sekolah terakreditasi B dinaikkan menjadi 30 persen."
    assert [c.kind for c in find_clashes(
        reference, "Kuota sekolah berakreditasi B dikurangi dibandingkan tahun sebelumnya.")] == ["antonym"]
    assert find_clashes(reference, "Kuota sekolah berakreditasi B sebelumnya dikurangi.") == []


def test_a_negated_pole_said_of_a_subject_the_reference_never_names_is_no_clash():
    """"Wisatawan Nusantara tidak dikenai pungutan" says nothing against a levy on every foreign tourist; the same
    group spared is still the opposite pole."""
    from service.judge.signals import find_clashes
    reference = "The Provincial Government charges every foreign tourist a levy of IDR 150,000 per visit."
    assert [c for c in find_clashes(reference, "Wisatawan Nusantara tidak dikenai pungutan.") if c.kind == "antonym"] == []
    assert [c.kind for c in find_clashes(reference, "Wisatawan asing tidak dikenai pungutan per kunjungan.")] == ["antonym"]


def test_open_on_a_weekday_the_reference_closes_on():
    """Bare "buka" is the open pole ("tetap buka pada hari Sabtu" / "tutup pada hari Sabtu"); opening on other
    weekdays than the closing day is the same timetable."""
    from service.judge.signals import find_clashes
    reference = "MPP melayani masyarakat Senin sampai Jumat pukul 07.30–16.00 WIB dan tutup pada hari Sabtu dan Minggu."
    assert "antonym" in [c.kind for c in find_clashes(
        reference, "MPP melayani warga Senin sampai Jumat pukul 07.30–16.00 WIB dan tetap buka pada hari Sabtu.")]
    assert [c.kind for c in find_clashes("Museum tutup setiap hari Senin.", "Museum buka setiap hari Senin.")] == ["antonym"]
    assert "antonym" not in [c.kind for c in find_clashes("Museum tutup setiap hari Senin.",
                                                          "Museum buka setiap hari Selasa sampai Minggu.")]
    assert find_clashes("Warga berbuka puasa bersama di masjid.", "Masjid tutup pada malam hari.") == []


def test_a_reference_saying_both_poles_of_two_subjects_is_read_on_the_drafts_subject():
    """"Curug Cimarinjung … dibuka …, sedangkan zona inti di Pulau Kunti tertutup bagi wisatawan": opening the core
    zone is against its closure, closing the waterfall against its opening; opening the waterfall agrees."""
    from service.judge.signals import find_clashes
    reference = ("Curug Cimarinjung dan Puncak Darma dibuka untuk kunjungan pukul 07.00–17.00 WIB, sedangkan zona inti "
                 "di Pulau Kunti tertutup bagi wisatawan.")
    assert [c.kind for c in find_clashes(reference, "Zona inti di Pulau Kunti kini terbuka bagi wisatawan.")] == [
        "antonym"]
    assert [c.kind for c in find_clashes(reference, "Curug Cimarinjung kini tertutup bagi wisatawan.")] == ["antonym"]
    assert find_clashes(reference, "Curug Cimarinjung kini terbuka bagi wisatawan pukul 07.00–17.00 WIB.") == []
    # The draft's own segment is read: its payer is the reference's, its state subsidy the reference's too.
    assert find_clashes("Pengirim membayar Rp350.000 per ekor, sementara sisa biaya operasional ditanggung subsidi "
                        "pemerintah.", "Pengirim cukup membayar Rp350 ribu per ekor, sementara kekurangan biaya "
                                       "operasional ditutup subsidi pemerintah.") == []
    # A subject barely plainer on one side is no subject: the exemption for high-pressure regulators agrees.
    assert find_clashes("Kementerian Perindustrian memberlakukan SNI secara wajib untuk regulator tekanan rendah tabung "
                        "LPG. Kewajiban ini berlaku untuk regulator impor, tetapi tidak berlaku untuk regulator tekanan "
                        "tinggi untuk keperluan industri.",
                        "Regulator tekanan tinggi untuk industri tidak termasuk dalam kewajiban ini.") == []
