"""A passage of a position is compared together with the passage of the same position that shares most
of the sentence's words (the subject in one sentence, the changed figure in the next)."""

from __future__ import annotations

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.signals import find_clashes

RHL = PassageRef(position_id="p-rhl", title="Rehabilitasi hutan 2026")
LEAD = Candidate("Kementerian Kehutanan menargetkan rehabilitasi hutan dan lahan seluas 75.000 hektare pada tahun 2026.",
                 0.96, RHL)
BUDGET = Candidate("Bibit disediakan oleh Balai Perbenihan Tanaman Hutan, dan total anggaran program mencapai "
                   "Rp1,8 triliun.", 0.92, RHL)
DRAFT = "Pemerintah mengalokasikan Rp2,8 triliun untuk merehabilitasi 75.000 hektare hutan dan lahan pada 2026."


def test_the_budget_in_the_positions_second_sentence_is_compared():
    assert find_clashes(BUDGET.passage, DRAFT) == []  # alone, the budget sentence is about something else
    [j] = Judge().judge([DRAFT], [[LEAD, BUDGET]])
    assert j.relation == "conflicts" and "number" in j.kinds and "Rp1,8 triliun" in j.reasons[0]
    [j] = Judge().judge([DRAFT.replace("Rp2,8", "Rp1,8")], [[LEAD, BUDGET]])
    assert j.relation != "conflicts"


def test_a_position_about_one_class_throughout_is_not_another_class():
    jkn = PassageRef(position_id="p-jkn", title="Iuran JKN kelas 3")
    lead = Candidate("Iuran JKN peserta mandiri kelas 3 tetap Rp42.000 per orang per bulan.", 0.95, jkn)
    share = Candidate("Dari jumlah itu, peserta membayar Rp35.000 dan sisanya Rp7.000 ditanggung pemerintah.", 0.90, jkn)
    [j] = Judge().judge(["Untuk kelas 1, iuran peserta mandiri sebesar Rp150.000 per orang per bulan."], [[lead, share]])
    assert "number" not in j.kinds


def test_a_figure_is_reconciled_only_by_a_passage_stating_its_value():
    """"tiga bulan" against "enam bulan": a closer-worded passage of another position reconciles the clash only
    when it states three months (worded numbers and dates count, not just the year's digits)."""
    jkk = Candidate("Keringanan berlaku selama enam bulan, yaitu untuk iuran bulan Februari hingga Juli 2026.", 0.95,
                    PassageRef(position_id="p-jkk"))
    polio = Candidate("Keringanan imunisasi diberikan dalam dua putaran berjarak empat minggu mulai Februari 2026.",
                      0.93, PassageRef(position_id="p-polio"))
    draft = "Keringanan diberikan untuk tiga bulan, yakni Februari hingga April 2026."
    [j] = Judge().judge([draft], [[jkk, polio]])
    assert j.relation == "conflicts" and "number" in j.kinds
    other = Candidate("Keringanan pajak diberikan untuk tiga bulan, Februari hingga April 2026.", 0.93,
                      PassageRef(position_id="p-pajak"))
    [j] = Judge().judge([draft], [[jkk, other]])
    assert j.relation != "conflicts"


KUOTA = PassageRef(position_id="p-kuota", title="Kuota tangkap ikan Laut Arafura")
KUOTA_LEAD = Candidate("KKP menetapkan kuota penangkapan ikan bagi industri di Laut Arafura untuk tahun 2027.", 0.94,
                       KUOTA)
KUOTA_FIGURE = Candidate("Kuota industri di Laut Arafura sebesar 350.000 ton.", 0.95, KUOTA)


def test_a_year_said_once_in_the_position_dates_its_other_sentences():
    """The quota sentence names no year; its position's first sentence does: a figure the draft dates to
    another year is a record of that year, while the same figure for the position's year still clashes."""
    [j] = Judge().judge(["Pada 2026, tangkapan industri di Laut Arafura sebesar 301.000 ton."],
                        [[KUOTA_FIGURE, KUOTA_LEAD]])
    assert "number" not in j.kinds
    [j] = Judge().judge(["Kuota industri di Laut Arafura untuk 2027 sebesar 301.000 ton."], [[KUOTA_FIGURE, KUOTA_LEAD]])
    assert j.relation == "conflicts" and "number" in j.kinds


def test_the_year_of_the_figures_own_clause_counts():
    """A later clause dated to the position's year does not re-date the figure of an earlier clause."""
    sentence = ("Pada 2026, tangkapan industri di Laut Arafura sebesar 301.000 ton, dan penyerapan kuota hingga "
                "Maret 2027 baru 12 persen.")
    [j] = Judge().judge([sentence], [[KUOTA_FIGURE, KUOTA_LEAD]])
    assert "number" not in j.kinds


def test_the_tariff_before_the_rule_took_effect_is_not_a_change_of_it():
    tarif = PassageRef(position_id="p-tarif")
    start = Candidate("Tarif baru jasa tambat kapal di Pelabuhan Bitung berlaku mulai 1 Maret 2027.", 0.93, tarif)
    rate = Candidate("Tarif tambat kapal menjadi Rp4.800 per jam.", 0.95, tarif)
    [j] = Judge().judge(["Sebelum 1 Maret 2027, tarif tambat kapal di Pelabuhan Bitung sebesar Rp3.900 per jam."],
                        [[rate, start]])
    assert "number" not in j.kinds
    # Another date before the rule is no such opening: the figure is compared.
    [j] = Judge().judge(["Sebelum 1 Mei 2027, tarif tambat kapal di Pelabuhan Bitung sebesar Rp3.900 per jam."],
                        [[rate, start]])
    assert j.relation == "conflicts" and "number" in j.kinds


ANGKOT = PassageRef(position_id="p-angkot", title="Layanan angkutan kota listrik", agency="Pemerintah Kota Medan")
ANGKOT_LEAD = Candidate("Pemerintah Kota Medan mengoperasikan angkutan kota listrik rute Amplas–Belawan mulai 2 Maret "
                        "2026.", 0.90, ANGKOT)
ANGKOT_FARE = Candidate("Ongkos sekali jalan sebesar Rp4.000 dan dapat dibayar dengan kartu uang elektronik.", 0.95,
                        ANGKOT)


def test_a_place_the_position_names_once_is_the_figures_place():
    """The draft names the city beside the fare; the fare sentence does not, its position's first sentence and
    agency do: the fare is that city's, and a different one is a change of it."""
    draft = "Pemerintah Kota Medan menetapkan ongkos sekali jalan Rp6.000 yang dapat dibayar dengan kartu uang elektronik."
    assert find_clashes(ANGKOT_FARE.passage, draft) == []  # alone, "Kota Medan" is another place's figure
    [j] = Judge().judge([draft], [[ANGKOT_FARE, ANGKOT_LEAD]])
    assert j.relation == "conflicts" and "Rp4.000" in j.reasons[0]
    [j] = Judge().judge([draft.replace("Rp6.000", "Rp4.000")], [[ANGKOT_FARE, ANGKOT_LEAD]])
    assert j.relation != "conflicts"


def test_a_position_listing_places_does_not_lend_one_of_them_to_its_total():
    """"di Jambi, Riau, dan Aceh": the 90.000 hectares are the three provinces' total, so a draft's figure for
    Jambi alone is Jambi's share, not a change of the total."""
    ref = PassageRef(position_id="p-kebun", title="Peremajaan kebun rakyat 2026")
    total = Candidate("Kementerian Pertanian menargetkan peremajaan kebun rakyat seluas 90.000 hektare pada 2026.",
                      0.93, ref)
    where = Candidate("Peremajaan dipusatkan di Jambi, Riau, dan Aceh.", 0.90, ref)
    [j] = Judge().judge(["Di Jambi, target peremajaan tahun ini 30.000 hektare."], [[total, where]])
    assert "number" not in j.kinds


def test_a_date_in_the_positions_second_sentence_needs_the_subject_of_its_first():
    """The second sentence ("Ketentuan ini berlaku mulai …") shares no word with the draft sentence; read with
    the position's first sentence it is the same rule, and its start date is compared."""
    ref = PassageRef(position_id="p-helm", title="Wajib helm SNI bagi ojek daring")
    lead = Candidate("Kementerian Perhubungan mewajibkan pengemudi ojek daring memakai helm berstandar SNI bagi "
                     "penumpang.", 0.97, ref)
    start = Candidate("Ketentuan ini berlaku mulai 1 Agustus 2026 dan pelanggarnya dikenai teguran tertulis.", 0.97,
                      PassageRef(position_id="p-helm", title="Wajib helm SNI bagi ojek daring", context=True))
    draft = "Kementerian Perhubungan mewajibkan pengemudi ojek daring memakai helm berstandar SNI mulai 1 Januari 2027."
    [j] = Judge(conflict_min_shared_words=1).judge([draft], [[lead, start]])
    assert j.relation == "conflicts" and "date" in j.kinds and "1 Agustus 2026" in " ".join(j.reasons)
    [j] = Judge(conflict_min_shared_words=1).judge([draft.replace("1 Januari 2027", "1 Agustus 2026")], [[lead, start]])
    assert "date" not in j.kinds


def test_a_date_the_positions_other_sentence_states_is_reconciled():
    """The draft's reopening date is the one the position's next sentence gives, although that sentence shares
    fewer of the draft's words than the closure sentence it was compared with."""
    park = PassageRef(position_id="p-goa")
    closure = Candidate("Balai Taman Nasional menutup Goa Pindul untuk wisatawan pada 1 Februari hingga 30 April 2027 "
                        "untuk pemulihan stalaktit.", 0.93, park)
    reopening = Candidate("Goa dibuka kembali 1 Mei 2027.", 0.90, park)
    draft = "Goa Pindul dibuka lagi untuk wisatawan pada 1 Mei 2027 setelah ditutup sejak Februari untuk pemulihan stalaktit."
    [j] = Judge().judge([draft], [[closure, reopening]])
    assert "date" not in j.kinds
    [j] = Judge().judge([draft.replace("1 Mei", "15 Mei")], [[closure, reopening]])
    assert j.relation == "conflicts" and "date" in j.kinds


def test_a_figure_another_position_gives_another_region_backs_nothing():
    """The draft gives Maluku and Papua region I's price: the region III position it names clashes, and region
    I's position, which never names them, does not reconcile the figure; a draft naming region I's provinces is
    backed by it."""
    one = Candidate("Badan Pangan Nasional menetapkan harga acuan telur ayam ras di tingkat konsumen untuk wilayah I, "
                    "yaitu Jawa, Bali, dan Lampung, sebesar Rp30.000 per kilogram.", 0.95,
                    PassageRef(position_id="p-telur-1", agency="Badan Pangan Nasional"))
    three = Candidate("Untuk wilayah III, yaitu Maluku, Maluku Utara, dan Papua, harga acuan telur ayam ras di tingkat "
                      "konsumen ditetapkan Rp36.500 per kilogram.", 0.95,
                      PassageRef(position_id="p-telur-3", agency="Badan Pangan Nasional"))
    draft = ("Badan Pangan Nasional menetapkan harga acuan telur ayam ras di tingkat konsumen untuk Maluku, Maluku "
             "Utara, dan Papua sebesar Rp30.000 per kilogram.")
    [j] = Judge().judge([draft], [[three, one]])
    assert j.relation == "conflicts" and "number" in j.kinds
    [j] = Judge().judge([draft.replace("Maluku, Maluku Utara, dan Papua", "Jawa, Bali, dan Lampung")], [[three, one]])
    assert j.relation != "conflicts"


def test_a_sentence_naming_no_place_is_about_the_place_the_draft_named_before():
    """Two cities' water-bus fares; the draft's opening names Palembang, its next sentence only "Tarifnya": the
    Banjarmasin position's Rp5.000 does not back it against Palembang's Rp4.000. Opened with Banjarmasin it does, and
    a sentence that names its own place is read by its own names. Written for this project."""
    palembang = Candidate("Bus air di Sungai Musi Palembang melayani penumpang pukul 06.00 hingga 17.00 WIB dengan "
                          "tarif Rp4.000 sekali jalan.", 0.95, PassageRef(position_id="p-busair-plg"))
    banjarmasin = Candidate("Bus air di Sungai Martapura Banjarmasin melayani penumpang pukul 06.00 hingga 17.00 WITA "
                            "dengan tarif Rp5.000 sekali jalan.", 0.95, PassageRef(position_id="p-busair-bjm"))
    fare = "Tarifnya Rp5.000 sekali jalan bagi penumpang bus air."
    opening = "Pemerintah kota kembali mengoperasikan bus air di Sungai Musi, Palembang, sejak awal bulan."
    judge = Judge(conflict_min_shared_words=1)
    _, j = judge.judge([opening, fare], [[], [palembang, banjarmasin]])
    assert j.relation == "conflicts" and "Rp4.000" in j.reasons[0]
    other = opening.replace("Sungai Musi, Palembang", "Sungai Martapura, Banjarmasin")
    _, j = judge.judge([other, fare], [[], [palembang, banjarmasin]])
    assert j.relation != "conflicts"
    # The sentence's own place decides: after a Palembang opening, a Banjarmasin sentence is Banjarmasin's.
    _, j = judge.judge([opening, fare.replace("bus air", "bus air di Banjarmasin")], [[], [palembang, banjarmasin]])
    assert j.relation != "conflicts"


def test_the_twin_of_another_year_or_region_neither_backs_nor_explains():
    """A passage for another year (its own or its title's) than the sentence or the draft before it, or for another
    numbered label ("wilayah I" for "wilayah III"), is the twin position: no support, no backing of a figure."""
    from service.domain import Candidate, PassageRef
    from service.judge.qualifiers import another_twin

    def cand(passage: str, title: str) -> Candidate:
        return Candidate(passage, 0.97, PassageRef("p", title))

    aid = cand("Setiap pekebun menerima bantuan senilai Rp20 juta per hektare.", "Peremajaan kopi rakyat 2027")
    assert another_twin("Pekebun memperoleh bantuan Rp20 juta per hektare.", "2026", aid)
    assert not another_twin("Pekebun memperoleh bantuan Rp20 juta per hektare.", "2026 2027", aid)
    assert not another_twin("Pekebun memperoleh bantuan Rp20 juta per hektare.", "", aid)
    price = cand("Harga acuan penjualan di tingkat konsumen wilayah I ditetapkan Rp41.500 per kilogram.", "Bawang merah")
    assert another_twin("Harga acuan penjualan di wilayah III ditetapkan Rp41.500 per kilogram.", "", price)
    assert not another_twin("Harga acuan penjualan di wilayah I ditetapkan Rp41.500 per kilogram.", "", price)


def test_digits_inside_a_date_state_no_count():
    """Reconciling a figure: "21–24 Oktober 2026" does not state the "24 tim" a draft changes (the position's other
    sentence has "20 tim"); a figure written in another form still counts as stated."""
    from service.judge.reconcile import _states
    dated = "Pemerintah kabupaten menyelenggarakan balap sepeda internasional pada 21–24 Oktober 2026."
    assert not _states(dated, "24 tim")
    assert _states("Lomba diikuti 24 tim pada 21–24 Oktober 2026.", "24 tim")
    assert _states("Biaya hidup Rp1.750.000 per bulan mulai 1 Juli 2026.", "1,75 juta rupiah")


def test_a_capital_opening_the_sentence_after_a_dateline_names_nothing():
    from service.judge.signals import find_clashes
    reference = "Lomba terdiri atas empat etape dan diikuti 20 tim dari 14 negara."
    draft = "Banyuwangi – Sebanyak 24 tim dari 14 negara ambil bagian dalam lomba empat etape itu."
    assert [c.reference for c in find_clashes(reference, draft)] == ["20 tim"]


def test_a_name_another_positions_passage_states_is_that_positions_subject():
    """Twin positions of two cities: the draft's "Dinas Pendidikan Kota Medan" is the Medan position's body, not a
    swap of the Padang one's; alone, the Padang passage's other name is a clash."""
    padang = Candidate("Dinas Pendidikan Kota Padang membuka pendaftaran sekolah gratis bagi 4.000 siswa mulai 3 Juni "
                       "2026.", 0.94, PassageRef(position_id="p-padang"))
    medan = Candidate("Dinas Pendidikan Kota Medan membuka pendaftaran sekolah gratis bagi 4.000 siswa mulai 3 Juni "
                      "2026.", 0.95, PassageRef(position_id="p-medan"))
    draft = "Dinas Pendidikan Kota Medan membuka pendaftaran sekolah gratis untuk 4.000 siswa mulai 3 Juni 2026."
    [alone] = Judge().judge([draft], [[padang]])
    assert alone.relation == "conflicts"
    [j] = Judge().judge([draft], [[medan, padang]])
    assert j.relation != "conflicts"


def test_an_exemption_the_position_states_is_no_clash_with_its_rule():
    """"hadiah pernikahan … tidak wajib dilaporkan" clashes with the rule sentence ("wajib melaporkan setiap
    penerimaan gratifikasi") but restates the exemption sentence, which shares more of its words."""
    kpk = PassageRef(position_id="p-gratifikasi", title="Pelaporan gratifikasi")
    rule = Candidate("Pegawai negeri dan penyelenggara negara wajib melaporkan setiap penerimaan gratifikasi kepada "
                     "KPK paling lambat 30 hari kerja.", 0.90, kpk)
    exemption = Candidate("Hadiah pernikahan dari pihak yang tidak memiliki konflik kepentingan dengan nilai paling "
                          "banyak Rp1.000.000 per pemberi tidak wajib dilaporkan.", 0.93, kpk)
    draft = ("KPK mengingatkan bahwa hadiah pernikahan senilai paling banyak Rp1.000.000 per pemberi, dari pihak yang "
             "tidak punya konflik kepentingan, tidak wajib dilaporkan.")
    assert [c.rule for c in find_clashes(rule.passage, draft)] == ["modality:required"]
    [j] = Judge().judge([draft], [[exemption, rule]])
    assert j.relation != "conflicts"
    [j] = Judge().judge([draft], [[rule]])  # without the exemption, the rule is all the corpus says
    assert j.relation == "conflicts"



def test_a_passage_states_the_drafts_modality_whichever_side_names_the_object_more_fully():
    """"yang menerima gratifikasi wajib melaporkannya" says what "wajib melaporkan setiap penerimaan gratifikasi"
    says; the exemption ("tidak wajib dilaporkan") does not."""
    from service.judge.signals import modality_agrees

    draft = ("Setiap pegawai negeri dan penyelenggara negara yang menerima gratifikasi wajib melaporkannya paling "
             "lambat 30 hari kerja sejak diterima.")
    rule = ("Pegawai negeri dan penyelenggara negara wajib melaporkan setiap penerimaan gratifikasi kepada Komisi "
            "Pemberantasan Korupsi (KPK) paling lambat 30 hari kerja sejak gratifikasi diterima.")
    assert modality_agrees(rule, draft, "required")
    assert not modality_agrees("Hadiah pernikahan paling banyak Rp1.000.000 per pemberi tidak wajib dilaporkan.", draft,
                               "required")


def test_a_product_twin_does_not_back_a_figure_for_the_product_the_draft_names():
    """Salt and flour fortification, titled alike but for the product: after a draft opening about salt, "masa
    penyesuaian 12 bulan" is the flour rule, a change of salt's 6 months; in a flour draft it is backed. Written
    for this project."""
    salt = Candidate("Produsen diberi masa penyesuaian 6 bulan untuk menghabiskan stok dalam kemasan lama.", 0.95,
                     PassageRef(position_id="p-garam", title="Fortifikasi wajib garam konsumsi beryodium"))
    flour = Candidate("Produsen diberi masa penyesuaian 12 bulan untuk menghabiskan stok dalam kemasan lama.", 0.95,
                      PassageRef(position_id="p-terigu", title="Fortifikasi wajib tepung terigu"))
    sentence = "Produsen diberi masa penyesuaian 12 bulan untuk menghabiskan stok kemasan lama."
    opening = "Mulai Juli, setiap garam konsumsi yang beredar wajib mengandung kalium iodat."
    judge = Judge(conflict_min_shared_words=1)
    _, j = judge.judge([opening, sentence], [[], [salt, flour]])
    assert j.relation == "conflicts" and "6 bulan" in j.reasons[0]
    _, j = judge.judge([opening.replace("garam konsumsi", "tepung terigu"), sentence], [[], [salt, flour]])
    assert j.relation != "conflicts"


def test_positions_sharing_one_title_word_are_not_twins_of_one_product():
    """"Kota" in both titles makes no twin: the consumer court's own hours back a draft about it, and the elderly
    service's other hours are then another service's. Written for this project."""
    elderly = Candidate("Layanan buka Senin sampai Jumat pukul 07.30–15.30 WIB bagi lansia berusia 60 tahun ke atas.",
                        0.935, PassageRef(position_id="p-lansia", title="Layanan pendampingan harian lansia di Kota Semarang"))
    court = Candidate("Keberatan diajukan ke Pengadilan Negeri paling lambat 14 hari kerja, dan layanan tatap muka dibuka "
                      "Senin sampai Jumat pukul 08.00–15.00 WIB.", 0.94,
                      PassageRef(position_id="p-bpsk", title="Penyelesaian sengketa konsumen di BPSK Kota Surabaya"))
    opening = "Surabaya – BPSK Kota Surabaya melayani pengaduan konsumen tanpa biaya."
    sentence = "Layanan tatap muka dibuka Senin sampai Jumat pukul 08.00–15.00 WIB."
    _, j = Judge(conflict_min_shared_words=1).judge([opening, sentence], [[], [court, elderly]])
    assert j.relation != "conflicts"
