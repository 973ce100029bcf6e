"""Tests for service.judge.signals: find_clashes across kinds: paraphrases do not clash; each clash is explained."""

from __future__ import annotations

import pytest

from service.judge.signals import Clash, extract_quantities, find_clashes


@pytest.mark.parametrize(
    ("reference", "draft"),
    [
        ("Pemerintah mengalokasikan Rp335 triliun untuk subsidi energi tahun 2026.",
         "Untuk subsidi energi tahun 2026, pemerintah mengalokasikan Rp335 triliun."),
        ("Menteri Keuangan menyatakan defisit APBN dijaga di bawah 3 persen.",
         "Defisit APBN dijaga di bawah 3 persen, kata Menteri Keuangan."),
        ("Pemerintah akan menaikkan harga BBM bersubsidi pada 1 Maret 2026.",
         "Harga BBM bersubsidi akan dinaikkan pemerintah per 1 Maret 2026."),
        ("Inflasi Januari tercatat 2,5 persen, lebih rendah dari bulan sebelumnya.",
         "Inflasi bulan Januari sebesar 2,5% dan lebih rendah dibanding bulan lalu."),
        ("Sebanyak 1.000.000 keluarga menerima bantuan pangan.",
         "Bantuan pangan diterima oleh satu juta keluarga."),
        ("The government allocated Rp 2.5 trillion for school meals.",
         "Pemerintah mengalokasikan Rp2,5 triliun untuk makan sekolah."),
        ("Ekspor nikel naik 12 persen dibanding tahun lalu.",
         "Dibanding tahun lalu, ekspor nikel tumbuh 12 persen."),
        ("Pembangunan tol ditargetkan selesai pada kuartal ketiga 2026.",
         "Tol ditargetkan rampung pada Q3 2026."),
        ("Presiden tidak akan menghadiri KTT G20 tahun ini.",
         "Presiden dipastikan tidak hadir di KTT G20 tahun ini."),
        ("Pemerintah membantah isu kenaikan tarif listrik.",
         "Isu kenaikan tarif listrik dibantah pemerintah."),
    ],
)
def test_paraphrases_do_not_clash(reference: str, draft: str) -> None:
    assert find_clashes(reference, draft) == []


def test_clash_records_are_explained() -> None:
    clashes = find_clashes("Harga beras naik 5 persen pada 14 Februari 2026.",
                           "Harga beras turun 7 persen pada 15 Februari 2026.")
    assert {c.kind for c in clashes} == {"number", "date", "antonym"}
    for c in clashes:
        assert isinstance(c, Clash)
        assert c.reason.endswith(".") and c.draft in c.reason and c.reference in c.reason


def test_a_rate_is_compared_with_a_rate_of_the_same_denominator():
    reference = "Bantuan langsung tunai desa diberikan Rp300.000 per bulan kepada setiap keluarga penerima."
    # a total for all villages is not the monthly amount
    assert [c for c in find_clashes(reference, "Total bantuan langsung tunai desa mencapai Rp71 triliun bagi keluarga penerima.")
            if c.kind == "number"] == []
    # a monthly amount against the monthly amount, written with another word for "per"
    assert [c.kind for c in find_clashes(reference, "Bantuan langsung tunai desa diberikan Rp350.000 setiap bulan kepada keluarga penerima.")] == ["number"]
    # a figure stated without its denominator is compared when the two are of a size
    assert [c.kind for c in find_clashes(reference, "Bantuan langsung tunai desa sebesar Rp350.000 diberikan kepada keluarga penerima.")] == ["number"]
    # a daily wage said before the figure ("Upah harian ... Rp110.000") is a rate per day
    assert [c.kind for c in find_clashes("Upah harian pekerja padat karya ditetapkan Rp110.000 per orang.",
                                         "Upah pekerja padat karya dinaikkan menjadi Rp150.000 per hari.")] == ["number"]


def test_the_base_of_a_ratio_is_no_amount():
    assert [c for c in find_clashes("Produsen wajib memasok 300.000 ton minyak goreng per bulan.",
                                    "Sedikitnya 35 dari setiap 100 ton minyak goreng yang dipasok produsen disalurkan lewat Bulog.")
            if c.kind == "number"] == []


def test_an_english_thousands_comma_is_read_as_thousands():
    [q] = extract_quantities("Each affected village receives at least 5,000 litres per delivery, once a week.")
    assert q.value == 5000


def test_coverage_reads_acronyms_spelled_out_and_leaves_attribution_out():
    from service.judge.signals import draft_words_covered
    reference = "Pertumbuhan ekonomi dijaga pada 5,2 persen terhadap produk domestik bruto."
    # "PDB" is spelled out in the reference; "ujarnya" says who spoke
    assert draft_words_covered(reference, "Pertumbuhan ekonomi 5,2 persen terhadap PDB, ujarnya.") == 1.0
    assert draft_words_covered(reference, "Pertumbuhan ekonomi 5,2 persen terhadap PDB.") == 1.0
    # an acronym whose letters only happen to start a stop word and a figure is not spelled out
    assert draft_words_covered("Defisit dijaga pada Rp600 triliun.", "Defisit dibahas bersama DPR.") < 1.0


def test_coverage_reads_a_possessive_nya_as_the_bare_word():
    from service.judge.signals import draft_words_covered
    reference = "Penyalurannya diawasi oleh inspektorat daerah."
    assert draft_words_covered(reference, "Penyaluran diawasi inspektorat.") == 1.0
    assert draft_words_covered("Penyaluran diawasi inspektorat.", "Penyalurannya diawasi inspektorat.") == 1.0
    assert draft_words_covered(reference, "Pencairan diawasi inspektorat.") < 1.0


def test_a_year_beside_another_figure_dates_the_figure():
    reference = "Kenaikan upah minimum provinsi tahun 2027 ditetapkan rata-rata 6,2 persen."
    # last year's rise, told as such: the year is no changed date (the judge reconciles the figure by its period)
    assert "date" not in [c.kind for c in find_clashes(reference, "Pada 2026, upah minimum provinsi naik rata-rata 6,5 persen.")]
    # the same figure for another year is a changed year
    assert "date" in [c.kind for c in find_clashes(reference, "Kenaikan upah minimum provinsi tahun 2028 ditetapkan rata-rata 6,2 persen.")]


def test_an_acronym_the_reference_spells_out_names_no_other_programme():
    reference = "Pertumbuhan ekonomi tahun 2026 ditargetkan 5,4 persen terhadap produk domestik bruto."
    assert [c.kind for c in find_clashes(reference, "Pertumbuhan ekonomi tahun 2026 ditargetkan 5,8 persen terhadap PDB.")] \
        == ["number"]


def test_a_figure_told_in_a_past_opening_clause_or_set_against_the_rule_is_no_change():
    reference = "Harga acuan gula pasir di tingkat konsumen ditetapkan Rp17.500 per kilogram."
    # a market reading set against the rule
    assert find_clashes(reference, "Harga gula pasir di pasar yang diperiksa Rp17.200 per kilogram, masih di bawah acuan.") == []
    # "batas atas" is an upper limit, not "di atas": a changed ceiling still clashes
    assert [c.kind for c in find_clashes("Batas atas harga gula pasir ditetapkan Rp17.500 per kilogram.",
                                         "Batas atas harga gula pasir ditetapkan Rp18.500 per kilogram.")] == ["number"]
    # the past told in a short opening clause
    assert find_clashes("Diskon tiket pesawat pada libur akhir tahun ditetapkan 6 persen.",
                        "Pada libur akhir tahun sebelumnya, diskon tiket pesawat mencapai 10 persen.") == []


def test_a_figure_for_another_power_rating_is_not_the_references():
    """"900 VA" lies outside "1.300 VA hingga 2.200 VA": its tariff is another class's; 1.300 VA is inside."""
    ref = "Tarif pelanggan rumah tangga 1.300 VA hingga 2.200 VA tetap Rp1.444,70 per kWh."
    assert find_clashes(ref, "Pelanggan rumah tangga berdaya 900 VA dikenai Rp1.352 per kWh.") == []
    [clash] = find_clashes(ref, "Pelanggan rumah tangga berdaya 1.300 VA dikenai Rp1.352 per kWh.")
    assert clash.kind == "number" and clash.reference == "Rp1.444,70"


def test_an_acronym_the_reference_spells_out_names_no_other_subject():
    """"Menurut BPS" beside a figure: the reference says "Badan Pusat Statistik", so the draft names nothing new
    and its figure is compared; an unknown body ("Menurut LPEM") still keeps it apart."""
    reference = ("Badan Pusat Statistik mencatat produksi padi nasional di Pulau Jawa dan Pulau Sumatera sebesar "
                 "31,4 juta ton untuk tahun 2026.")
    [clash] = find_clashes(reference, "Menurut BPS, produksi padi nasional pada 2026 mencapai 34,1 juta ton.")
    assert clash.kind == "number"
    assert find_clashes(reference, "Menurut LPEM, produksi padi nasional pada 2026 mencapai 34,1 juta ton.") == []


def test_a_rate_per_payer_against_a_total_and_against_another_word_for_the_payer():
    """"Rp75.000 dari setiap pendaki" is a rate per climber: a season's total ("tercatat Rp2,1 miliar") is
    another measure, while "Rp95.000 per pendakian" is the same fee in other words, and a rate per month
    is never one per year."""
    reference = "Taman nasional memungut tiket masuk Rp75.000 dari setiap pendaki Gunung Rinjani."
    assert find_clashes(reference, "Sepanjang musim lalu, tiket masuk pendaki Gunung Rinjani menghasilkan Rp2,1 miliar.") == []
    [clash] = find_clashes(reference, "Tiket masuk pendaki Gunung Rinjani sebesar Rp95.000 per pendakian.")
    assert clash.kind == "number" and clash.reference == "Rp75.000"
    assert find_clashes("Iuran anggota Rp50.000 per bulan.", "Iuran anggota Rp600.000 per tahun.") == []


def test_a_figure_written_as_one_capitalised_token_is_not_a_name_beside_itself():
    """"USD90" is one token: the figure, not a name the reference lacks."""
    reference = "Harga gas bumi untuk industri pupuk ditetapkan paling tinggi USD6 per MMBTU."
    [clash] = find_clashes(reference, "Harga gas bumi untuk industri pupuk dibatasi paling tinggi USD9 per MMBTU.")
    assert clash.kind == "number" and clash.draft == "USD9"


def test_an_ordinal_names_a_phase_as_a_digit_does():
    """"tahap pertama" is phase 1: its figure is not the whole programme's, nor phase 2's."""
    reference = "Pembagian sertifikat tanah tahap 2 menjangkau 14 provinsi."
    assert find_clashes(reference, "Pembagian sertifikat tanah tahap pertama menjangkau enam provinsi.") == []
    [clash] = find_clashes(reference, "Pembagian sertifikat tanah tahap kedua menjangkau enam provinsi.")
    assert clash.kind == "number"


def test_a_count_of_persons_counts_the_people_named_before_it():
    """"4.500 orang" after "Kuota peserta" counts participants: "6.000 peserta" changes it; a count of
    persons with no such noun before it measures something else."""
    ref = "Kuota peserta pelatihan tahap II ditetapkan 4.500 orang dari seluruh provinsi."
    [c] = find_clashes(ref, "Pada tahap II disediakan kuota 6.000 peserta pelatihan.")
    assert c.kind == "number" and c.reference == "4.500 orang"
    assert find_clashes(ref, "Pada tahap II disediakan kuota 4.500 peserta pelatihan.") == []
    assert find_clashes("Panitia menurunkan 40 orang untuk menjaga pintu masuk.", "Panitia menyiapkan 60 kursi.") == []


def test_a_value_the_reference_names_as_replaced_is_the_old_one():
    """"dari Rp4.000 menjadi Rp3.000": a draft giving Rp4.000 as the fee now gives the old fee; one that marks it
    old ("semula Rp4.000", "dari Rp4.000 menjadi ...") restates the reference."""
    ref = "Mulai 1 Maret 2026, retribusi parkir sepeda motor di pasar turun dari Rp4.000 menjadi Rp3.000 sekali parkir."
    [c] = find_clashes(ref, "Retribusi parkir sepeda motor di pasar kini Rp4.000 sekali parkir.")
    assert c.kind == "number" and c.reference == "Rp3.000"
    assert find_clashes(ref, "Retribusi parkir sepeda motor di pasar kini Rp3.000 sekali parkir.") == []
    assert find_clashes(ref, "Retribusi parkir sepeda motor yang semula Rp4.000 kini Rp3.000 sekali parkir.") == []
    assert find_clashes(ref, "Retribusi parkir sepeda motor di pasar turun dari Rp4.000 menjadi Rp3.000.") == []


def test_an_ordinal_after_a_noun_says_whose_figure_it_is():
    """"teguran pertama ... 10 hari, lalu teguran kedua ... 5 hari": a draft giving the first warning 5 days
    gives it the second's figure; "untuk pertama kalinya" numbers nothing."""
    ref = "Pedagang yang melanggar menerima teguran pertama dengan tenggat 10 hari, lalu teguran kedua dengan tenggat 5 hari."
    [c] = find_clashes(ref, "Pedagang yang melanggar menerima teguran pertama dengan tenggat 5 hari.")
    assert c.kind == "number" and c.reference == "10 hari"
    assert find_clashes(ref, "Pedagang yang melanggar menerima teguran kedua dengan tenggat 5 hari.") == []
    assert find_clashes("Untuk pertama kalinya, pasar itu buka 10 hari berturut-turut.",
                        "Pasar itu buka 10 hari berturut-turut untuk pertama kalinya.") == []


def test_a_fraction_before_an_english_noun_describes_the_noun_the_indonesian_names_before_it():
    """"A magnitude 5.1 earthquake" puts the thing after the figure, "Gempa bermagnitudo 4,7" before it: the
    same measure. A whole number before a noun counts it ("12 gempa susulan"), which is another measure."""
    reference = "Gempa bermagnitudo 4,7 mengguncang Kabupaten Sigi pada Senin pagi."
    [clash] = find_clashes(reference, "A magnitude 5.1 earthquake shook Sigi Regency on Monday morning.")
    assert clash.kind == "number" and clash.reference == "4,7"
    assert find_clashes(reference, "A magnitude 4.7 earthquake shook Sigi Regency on Monday morning.") == []
    assert find_clashes(reference, "Sejak Senin pagi tercatat 12 gempa susulan di Kabupaten Sigi.") == []


def test_the_name_of_who_said_a_sentence_is_not_a_body_its_figure_belongs_to():
    """"…, kata Basarnas." names the speaker: the duration is still the reference's programme's. A body named
    beside the figure ("dana … dari Basarnas") makes it another body's figure."""
    reference = "Dana tunggu hunian sebesar Rp500.000 per keluarga per bulan diberikan selama enam bulan."
    for said in ("Dana tunggu hunian diberikan selama tiga bulan, kata Basarnas.",
                 "Dana tunggu hunian diberikan selama tiga bulan, Basarnas said."):
        [clash] = find_clashes(reference, said)
        assert clash.draft == "tiga bulan"
    assert find_clashes(reference, "Dana tunggu hunian dari Basarnas diberikan selama tiga bulan.") == []


def test_a_figure_in_a_list_of_labels_is_its_nearest_labels():
    """"tahap I sebesar 60 persen dan tahap II sebesar 40 persen": 40 persen is stage II's, so a draft giving
    stage I 40 persen changes stage I's figure; Roman numerals and capital letters number a label too."""
    ref = "Bantuan disalurkan dua kali, yaitu tahap I sebesar 70 persen dan tahap II sebesar 30 persen."
    [clash] = find_clashes(ref, "Bantuan disalurkan dua kali, dengan tahap I sebesar 30 persen dari pagu.")
    assert clash.draft == "30 persen" and clash.reference == "70 persen"
    assert find_clashes(ref, "Bantuan disalurkan dua kali, dengan tahap II sebesar 30 persen dari pagu.") == []
    fees = "Biaya uji golongan A sebesar Rp150.000, sedangkan golongan B sebesar Rp90.000."
    assert find_clashes(fees, "Biaya uji golongan B sebesar Rp90.000.") == []
    [clash] = find_clashes(fees, "Biaya uji golongan A sebesar Rp90.000.")
    assert clash.reference == "Rp150.000"


def test_an_additional_rate_is_compared_with_an_additional_rate():
    """"bea keluar tambahan sebesar 20 persen" is additional as "bea keluar tambahan 10 persen" is."""
    ref = "Mulai Maret, bijih bauksit yang diekspor dikenai bea keluar tambahan sebesar 20 persen."
    [clash] = find_clashes(ref, "Sejak Maret, ekspor bijih bauksit dikenai bea keluar tambahan 10 persen.")
    assert clash.draft == "10 persen" and clash.reference == "20 persen"
    assert find_clashes(ref, "Sejak Maret, ekspor bijih bauksit dikenai bea keluar tambahan 20 persen.") == []


def test_one_subject_tied_to_two_places_is_still_one_subject():
    """The draft names the site ("Kawasan Candi Ratu Boko"), the reference its province ("di Provinsi DIY"),
    each naming the other's place elsewhere; "Pemerintah pusat" and "seluruh Indonesia" name no other body."""
    ref = ("Kementerian Kebudayaan menata Kawasan Candi Ratu Boko di Provinsi Yogyakarta pada 2027 "
           "dengan anggaran Rp80 miliar.")
    [clash] = find_clashes(ref, "Yogyakarta – Pemerintah pusat menyiapkan Rp60 miliar untuk menata Kawasan Candi "
                                "Ratu Boko pada 2027.")
    assert clash.draft == "Rp60 miliar" and clash.reference == "Rp80 miliar"
    # the site's figure is no figure for another province the reference never names
    assert find_clashes(ref, "Pemerintah pusat menyiapkan Rp60 miliar untuk menata kawasan candi di Provinsi "
                             "Jawa Tengah pada 2027.") == []
    homes = "Kementerian Sosial merenovasi 12.000 rumah warga lanjut usia melalui program Griya Lansia pada 2027."
    [clash] = find_clashes(homes, "Tahun ini program menyasar 21.000 rumah warga lanjut usia di seluruh Indonesia.")
    assert clash.reference == "12.000 rumah"


def test_a_part_counted_out_of_the_references_whole_is_no_other_value():
    reference = "Penilaian sekolah ramah anak tahun ini diikuti 420 kabupaten dan kota."
    part = "Dari 420 daerah peserta penilaian, sebanyak 23 kabupaten dan kota meraih predikat terbaik."
    assert [c for c in find_clashes(reference, part) if c.kind == "number"] == []
    # The whole given as the old value of a change is no restatement: the new value still clashes.
    changed = "Penilaian sekolah ramah anak tahun ini diikuti 450 kabupaten dan kota, naik dari 420 kabupaten."
    assert "number" in [c.kind for c in find_clashes(reference, changed)]
