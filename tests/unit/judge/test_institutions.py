"""Responsibility slots and institution clashes (service/judge/institutions.py), with example sentences
for the cue vocabulary in service/judge/vocab/institutions.json. Written for this project."""

import json
from pathlib import Path

import pytest

from service.domain import Candidate, PassageRef
from service.judge.institutions import _CUES, institution_clashes, institutions_stated, same_institution, slots
from service.judge.judge import Judge

VOCAB = json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/institutions.json").read_text())


@pytest.mark.parametrize("sentence, name", [
    ("Program makan sekolah dikelola oleh Badan Gizi Nasional mulai Januari.", "Badan Gizi Nasional"),
    ("Penyaluran kuota berada di bawah koordinasi Kementerian Koordinator Bidang Pangan.",
     "Kementerian Koordinator Bidang Pangan"),
    ("Pengawasan distribusi menjadi tugas BPH Migas bersama Pertamina.", "BPH Migas"),
    ("Laporan kebocoran data disampaikan kepada Lembaga Pelindungan Data Pribadi.", "Lembaga Pelindungan Data Pribadi"),
    ("The hajj programme is now run by the Badan Penyelenggara Haji.", "Badan Penyelenggara Haji"),
    ("Komando tanggap darurat dipegang oleh Bupati Agam.", "Bupati Agam"),
])
def test_slots_find_the_institution_after_a_cue(sentence, name):
    assert [s.name for s in slots(sentence)] == [name]


def test_a_negated_slot_or_a_lower_case_phrase_is_no_slot():
    assert slots("Dana itu tidak lagi dikelola oleh Kementerian Keuangan.") == ()
    assert slots("Kegiatan dilakukan oleh warga setempat secara bergotong royong.") == ()


def test_one_institution_written_two_ways_is_the_same():
    assert same_institution("BP Tapera", "Badan Pengelola Tabungan Perumahan Rakyat Tapera")
    assert same_institution("BNPB", "Badan Nasional Penanggulangan Bencana")
    assert not same_institution("Kementerian Sosial", "Badan Gizi Nasional")
    # a one-word short form built from the starts of the name's words
    assert same_institution("Kemensos", "Kementerian Sosial") and same_institution("Kementerian Keuangan", "Kemenkeu")
    # a region's office is not the central body whose name words it shares
    assert not same_institution("Dinas Sosial Provinsi Jambi", "Kementerian Sosial")
    # an acronym after a head for the name spelled out after its own head
    assert same_institution("Ditjen PSDKP", "Direktorat Jenderal Pengawasan Sumber Daya Kelautan dan Perikanan")
    assert not same_institution("Ditjen PSDKP", "Direktorat Jenderal Perhubungan Laut")
    # the acronym of a name's last words
    assert same_institution("NTB", "Pemerintah Provinsi Nusa Tenggara Barat")
    assert not same_institution("NTT", "Pemerintah Provinsi Nusa Tenggara Barat")
    # a shared word is not enough when each name has a word of its own
    assert not same_institution("BPJS Kesehatan", "BPJS Ketenagakerjaan")
    assert same_institution("BPJS Kesehatan", "BPJS Kesehatan Cabang Denpasar")
    # in the other language: the English name's words rendered through the bilingual lexicon
    assert same_institution("the Ministry of Finance", "Kementerian Keuangan")
    assert not same_institution("the Ministry of Trade", "Kementerian Keuangan")
    assert institution_clashes("Pinjaman luar negeri itu dikelola oleh Kementerian Keuangan.",
                               "The foreign loans are managed by the Ministry of Finance.") == []


def test_two_bodies_of_one_region_are_not_one_institution():
    """Sharing only the region's name does not make two bodies one; a region's government is one whichever head
    names it."""
    assert not same_institution("Polres Sleman", "Satuan Polisi Pamong Praja Kabupaten Sleman")
    assert not same_institution("Kejaksaan Negeri Kota Bandung", "Dinas Perhubungan Kota Bandung")
    assert same_institution("Pemprov Jawa Barat", "Pemerintah Provinsi Jawa Barat")
    assert same_institution("Pemerintah Kabupaten Luwu", "Bupati Luwu")
    assert same_institution("Dinkes Sleman", "Dinas Kesehatan Kabupaten Sleman")
    [clash] = institution_clashes(
        "Pengawasan dan penindakan dilakukan oleh Satuan Polisi Pamong Praja Kabupaten Sleman bersama Dinas "
        "Lingkungan Hidup.", "Penindakan terhadap pelanggar dilakukan oleh Polres Sleman.")
    assert clash.draft == "dilakukan oleh Polres Sleman"


@pytest.mark.parametrize("name", ["Majelis Ulama Indonesia", "Dewan Kehormatan Penyelenggara Pemilu", "Mahkamah Agung",
                                  "Balai Besar Wilayah Sungai Citarum", "Pemprov Jawa Barat",
                                  "Unit Pelayanan Perempuan dan Anak Polres", "Satuan Polisi Pamong Praja",
                                  "Puskesmas Kecamatan Cilandak", "Universitas Gadjah Mada", "Koperasi Desa Merah Putih"])
def test_heads_of_councils_courts_and_regional_governments_make_names(name):
    reference = "Sertifikat halal diterbitkan oleh BPJPH setelah penetapan kehalalan produk."
    [clash] = institution_clashes(reference, f"Sertifikat halal diterbitkan oleh {name}.")
    assert name in clash.reason


def test_different_institutions_in_the_same_role_clash():
    reference = "Pelaksanaan Makan Bergizi Gratis dikelola oleh Badan Gizi Nasional."
    [clash] = institution_clashes(reference, "Pelaksanaan Makan Bergizi Gratis berada di bawah koordinasi Kementerian Sosial.")
    assert clash.kind == "institution" and "Kementerian Sosial" in clash.reason and "Badan Gizi Nasional" in clash.reason
    # The same institution, or one the reference names anywhere, is no clash.
    assert institution_clashes(reference, "Program ini dijalankan oleh Badan Gizi Nasional.") == []
    assert institution_clashes(reference + " Kementerian Sosial membantu pendataan.",
                               "Pendataan dilakukan oleh Kementerian Sosial.") == []
    # A passage that names no responsible institution says nothing against one.
    assert institution_clashes("Program ini menjangkau 82,9 juta penerima.", "Program dikelola oleh Kementerian Sosial.") == []


def test_every_cue_of_the_vocabulary_makes_a_slot():
    for cue in VOCAB["cues_id"] + VOCAB["cues_en"]:
        assert [s.name for s in slots(f"Kegiatan itu {cue} Badan Pangan Nasional.")] == ["Badan Pangan Nasional"], cue
    assert len(_CUES) == len(VOCAB["cues_id"]) + len(VOCAB["cues_en"])


def test_slot_finding_is_linear_on_adversarial_text():
    import time

    text = "dikelola oleh " + "Badan " * 40_000 + "x"
    started = time.perf_counter()
    slots(text)
    institution_clashes(text, text)
    assert time.perf_counter() - started < 1.0


def test_a_passive_verb_without_oleh_names_the_institution_too():
    # "yang dikelola Badan Pusat Statistik": Indonesian often drops "oleh" after a passive verb.
    reference = "Data penerima bantuan bersumber dari basis data yang dikelola Badan Pusat Statistik."
    [clash] = institution_clashes(reference, "Data penerima bantuan bersumber dari basis data yang dikelola oleh Kementerian Dalam Negeri.")
    assert "Kementerian Dalam Negeri" in clash.draft and "Badan Pusat Statistik" in clash.reference
    assert institution_clashes(reference, "Basis data itu dikelola BPS.") == []  # the acronym of the same one


@pytest.mark.parametrize("reference, draft", [
    ("Pengawasan kuota dipantau oleh Direktorat Jenderal PSDKP.", "Pengawasan kuota akan dipantau oleh Badan Keamanan Laut (Bakamla)."),
    ("Bantuan disalurkan langsung oleh Badan Nasional Penanggulangan Bencana.", "Bantuan disalurkan langsung oleh Kementerian Sosial."),
    ("Pinjaman disalurkan lewat Bank Negara Indonesia.", "Pinjaman akan disalurkan lewat Bank Rakyat Indonesia."),
])
def test_any_passive_verb_with_its_agent_is_a_responsibility_slot(reference, draft):
    [clash] = institution_clashes(reference, draft)
    assert clash.kind == "institution"
    assert institution_clashes(reference, reference) == []


def test_who_manages_another_fund_is_no_clash():
    """Slots alone ("dikelola oleh Badan Pengelola ...") are no shared subject: the judge compares who does
    it when the texts share words besides their slots."""
    housing = Candidate("Penyaluran dana FLPP dikelola oleh Badan Pengelola Tabungan Perumahan Rakyat (BP Tapera).",
                        0.89, PassageRef(position_id="p-flpp"))
    [j] = Judge().judge(["Dana pungutan dikelola Badan Pengelola Dana Perkebunan dan terutama dipakai untuk "
                         "peremajaan sawit rakyat."], [[housing]])
    assert j.relation != "conflicts"
    [j] = Judge().judge(["Penyaluran dana FLPP dikelola oleh Kementerian Keuangan."], [[housing]])
    assert j.relation == "conflicts" and "institution" in j.kinds


@pytest.mark.parametrize("reference, draft", [
    # any passive verb with its agent, an object between them
    ("Perusahaan yang terlambat melapor dikenai denda oleh Otoritas Jasa Keuangan.",
     "Perusahaan yang terlambat melapor dikenai denda oleh Bank Indonesia."),
    # the agent without "oleh", and a name that does not look like an institution by itself
    ("Operasi pengamanan arus mudik di pelabuhan dipimpin Balai Pengelola Transportasi Darat Kelas II Banten.",
     "Operasi pengamanan arus mudik di pelabuhan dipimpin oleh Korlantas Polri."),
    # an agent written in lower case
    ("Ongkos angkut benih ke pulau terluar ditanggung oleh Perum Bulog.",
     "Ongkos angkut benih ke pulau terluar ditanggung pemerintah kabupaten setempat."),
    # a verb of the same act ("dikerjakan" / "dilaksanakan"), a lower-case word opening the name
    ("Perbaikan jembatan dilaksanakan oleh balai jalan nasional Kementerian Pekerjaan Umum.",
     "Perbaikan jembatan dikerjakan oleh dinas pekerjaan umum kabupaten."),
    ("Laporan desa diverifikasi oleh sentra Kementerian Sosial paling lama 10 hari kerja.",
     "Laporan desa diverifikasi oleh dinas sosial provinsi paling lama 10 hari kerja."),
    ("Keputusan itu diputuskan bersama oleh Direktorat Jenderal Perhubungan Laut dan Pemerintah Provinsi Riau.",
     "Keputusan itu ditetapkan oleh PT Pelni bersama Pemerintah Kota Batam."),
    # handed over to a body; a body named before two adverbs and an active verb
    ("Pengoperasian pelabuhan itu diserahkan kepada PT Pelabuhan Indonesia.",
     "Pelabuhan itu akan dioperasikan oleh PT Angkasa Pura."),
    ("Akta kelahiran diterbitkan oleh kantor catatan sipil kabupaten.",
     "Kantor Kecamatan akan langsung menerbitkan akta kelahiran setelah berkas lengkap."),
])
def test_an_agent_of_the_same_passive_verb_is_compared(reference, draft):
    assert [c.kind for c in institution_clashes(reference, draft)] == ["institution"]


def test_agents_of_different_verbs_or_the_same_body_do_not_clash():
    # who verifies is not who pays
    assert institution_clashes("Data penerima diverifikasi oleh dinas sosial kabupaten.",
                               "Bantuan dibayarkan oleh PT Pos Indonesia kepada penerima.") == []
    # the same body, written out and as an acronym
    assert institution_clashes("Sanksi dijatuhkan oleh Otoritas Jasa Keuangan.", "Sanksi dijatuhkan oleh OJK.") == []
    # a day after a passive verb is not an agent
    assert slots("Hasil seleksi diumumkan Senin pekan depan.") == ()
    # the same central body's unit, written another way; an agent ends before "paling lama"
    assert institution_clashes("Laporan diverifikasi oleh sentra Kementerian Sosial paling lama 10 hari.",
                               "Laporan diverifikasi oleh sentra Kemensos dalam 10 hari.") == []
    assert [s.name for s in slots("Laporan diverifikasi oleh dinas sosial provinsi paling lama 10 hari.")] == [
        "dinas sosial provinsi"]


def test_on_the_same_verb_only_who_the_reference_says_does_it_counts():
    # the draft's body is named in the passage, but as doing something else
    reference = "Hanya Basarnas yang berwenang menghentikan pencarian, sedangkan izin melaut dikeluarkan oleh pemerintah daerah."
    assert [c.kind for c in institution_clashes(reference, "Izin melaut nelayan dikeluarkan langsung oleh Basarnas.")] \
        == ["institution"]
    # the draft's body is the one the slot names, by its acronym in brackets
    assert institution_clashes("Kuota diawasi oleh Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas).",
                               "Kuota Solar yang diawasi BPH Migas dipastikan cukup.") == []
    # the government as such is no body that could be another
    assert slots("Pajak pembelian rumah ditanggung pemerintah hingga Desember.") == ()


def test_another_passage_naming_the_drafts_body_reconciles_the_clash():
    """The distribution is Bulog's (a close passage says so); the supervision of it is Satgas Pangan's
    (a body the draft does not name): no conflict."""
    bulog = Candidate("Penyaluran beras dilaksanakan oleh Perum Bulog bersama PT Pos Indonesia.", 0.97,
                      PassageRef(position_id="p-beras"))
    satgas = Candidate("Pengawasan penyaluran beras dilakukan oleh Satgas Pangan bersama kepolisian.", 0.88,
                      PassageRef(position_id="p-bbm"))
    sentence = "Penyaluran beras dilakukan oleh Perum Bulog dan PT Pos Indonesia."
    [j] = Judge().judge([sentence], [[bulog, satgas]])
    assert j.relation != "conflicts"
    [j] = Judge().judge([sentence], [[satgas]])
    assert j.relation == "conflicts" and "institution" in j.kinds  # alone, the passage clashes


def test_a_local_office_is_the_office_and_the_past_is_who_did_it_then():
    assert same_institution("dinas sosial setempat", "dinas sosial kabupaten")
    assert institution_clashes("Laporan pajak tahunan disampaikan melalui Coretax DJP.",
                               "Tahun lalu, laporan pajak tahunan masih dapat dilakukan melalui DJP Online.") == []


def test_an_institution_swap_in_a_passage_ranked_below_the_clash_floor():
    """The position's other sentence tops the cosine ranking; the one naming who runs the operation sits
    under the clash floor yet shares its subject (three words): the swapped body is still a conflict. A
    passage sharing one word with a short sentence is not."""
    from service.domain import Candidate, PassageRef
    from service.judge.judge import Judge
    ref = PassageRef(position_id="p-banjir")
    lead = Candidate("Gubernur Sumatera Barat menetapkan status tanggap darurat banjir selama 14 hari.", 0.95, ref)
    runs = Candidate("Operasi pompa air darurat di tiga kabupaten terdampak banjir bandang dilaksanakan oleh Balai "
                     "Wilayah Sungai Sumatera V bersama relawan dan taruna.", 0.87, ref)
    draft = ("Untuk mempercepat surutnya genangan di permukiman warga, operasi pompa air darurat di Kota Padang "
             "dijalankan oleh Dinas Pemadam Kebakaran setempat sejak Senin malam.")
    [j] = Judge().judge([draft], [[lead, runs]])
    assert j.relation == "conflicts" and "institution" in j.kinds
    other = Candidate("Pengawasan di lapangan dilakukan oleh Balai Karantina Sumatera Barat.", 0.87, PassageRef(position_id="p-k"))
    [j] = Judge().judge(["Pengawasan di Padang dijalankan oleh Dinas Pemadam Kebakaran."], [[lead, other]])
    assert "institution" not in j.kinds


def test_a_command_under_one_official_is_not_under_another():
    """"berada di bawah Wali Kota Ternate" names who commands; a draft putting the command under the governor
    clashes, one naming the mayor again does not. Officials such as a regional secretary or a commander head
    names too."""
    reference = "Posko penanganan kebakaran permukiman berada di bawah Wali Kota Ternate, dibantu BPBD setempat."
    [clash] = institution_clashes(reference, "Posko penanganan kebakaran permukiman dipimpin oleh Gubernur Maluku Utara.")
    assert "Gubernur Maluku Utara" in clash.reason
    assert institution_clashes(reference, "Posko penanganan kebakaran dipimpin oleh Wali Kota Ternate.") == []
    assert [s.name for s in slots("Satgas dipimpin oleh Sekretaris Daerah Kota Ternate.")] == [
        "Sekretaris Daerah Kota Ternate"]
    assert [s.name for s in slots("Operasi itu berada di bawah Komandan Lantamal IX.")] == ["Komandan Lantamal IX"]
    assert slots("Kapal nelayan berada di bawah 10 GT.") == ()


def test_a_far_passage_naming_the_drafts_body_does_not_reconcile_the_clash():
    """Another position that names the draft's body, retrieved further off, does not make that body the one the
    close passage names: "diawasi oleh dinas perdagangan" stands against BPOM; as close, it explains the clash."""
    close = Candidate("Pengawasan harga minyak goreng curah di pasar diawasi oleh dinas perdagangan kabupaten.", 0.95,
                      PassageRef(position_id="p-minyak"))
    far = Candidate("Pengawasan mutu minyak goreng curah di pasar dilakukan oleh Badan Pengawas Obat dan Makanan.", 0.88,
                    PassageRef(position_id="p-mutu"))
    sentence = "Pengawasan harga minyak goreng curah di pasar diawasi oleh Badan Pengawas Obat dan Makanan."
    [j] = Judge().judge([sentence], [[close, far]])
    assert j.relation == "conflicts" and "institution" in j.kinds
    near = Candidate(far.passage, 0.95, far.ref)
    [j] = Judge().judge([sentence], [[close, near]])
    assert j.relation != "conflicts"


def test_an_english_name_with_its_head_last_is_an_institution():
    """"overseen by the Maritime Security Agency" (the head last, as English writes it) is a slot; a draft that
    names another body for the same work clashes, and one naming the agency by its Indonesian name does not
    when the reference gives its acronym in brackets."""
    reference = "Patrols in the strait are overseen by the Maritime Security Agency (BKL) throughout the year."
    [clash] = institution_clashes(reference, "Patroli di selat itu diawasi oleh Kementerian Perhubungan sepanjang tahun.")
    assert clash.reference == "overseen by the Maritime Security Agency"
    assert institution_clashes(reference, "Patroli di selat itu diawasi oleh Badan Keamanan Laut sepanjang tahun.") == []


@pytest.mark.parametrize("head", ["gubernur", "bupati", "wali kota", "walikota", "camat", "lurah", "kepala desa",
                                  "menteri"])
def test_every_official_written_in_lower_case_is_an_agent(head):
    [slot] = slots(f"Teguran tertulis dikeluarkan oleh {head} setempat.")
    assert slot.agent and slot.name == f"{head} setempat" and slot.verb == "dikeluarkan"


def test_who_acts_together_with_whom_and_who_is_directly_responsible_are_slots():
    """"dilakukan bersama Satgas Pangan Polri" says who does the work as "dilakukan oleh" does; "menjadi tanggung
    jawab langsung BNPB" is the cue with "langsung" in between."""
    reference = "Pemeriksaan timbangan di pasar induk dilakukan bersama Satgas Pangan Polri."
    [clash] = institution_clashes(reference, "Pemeriksaan timbangan di pasar induk dilakukan oleh Dinas Perdagangan.")
    assert clash.reference == "dilakukan bersama Satgas Pangan Polri"
    assert [s.name for s in slots("Perbaikan tanggul menjadi tanggung jawab langsung BBWS Citarum.")] == ["BBWS Citarum"]


def test_a_negation_inside_a_relative_clause_does_not_deny_the_slot():
    """"bagi pedagang yang tidak tertib dijatuhkan oleh bupati": the negation is about the traders, the sanction
    is still imposed by the regent; "tidak dijatuhkan oleh" denies the slot."""
    reference = "Denda bagi pedagang dijatuhkan oleh Dinas Perdagangan Kabupaten."
    [clash] = institution_clashes(reference, "Denda bagi pedagang yang tidak tertib dijatuhkan oleh bupati masing-masing.")
    assert clash.draft == "dijatuhkan oleh bupati masing-masing"
    assert slots("Denda tidak dijatuhkan oleh bupati.") == ()


def test_the_active_voice_names_who_does_the_same_act():
    # "X membangun …" says who builds; the draft's passive "dibangun oleh Y" of the same works is another body.
    reference = "Kementerian Pekerjaan Umum membangun jembatan gantung di 40 desa terpencil dengan dana hibah daerah."
    [clash] = institution_clashes(reference, "Jembatan gantung di 40 desa terpencil dibangun oleh Dinas Sosial provinsi.")
    assert clash.reference == "Kementerian Pekerjaan Umum membangun"
    assert institution_clashes(reference, "Jembatan gantung itu dibangun oleh Kementerian Pekerjaan Umum.") == []
    # The same verb on another object says nothing about who builds the bridges.
    assert institution_clashes(reference, "Rumah susun pekerja dibangun oleh Badan Usaha Milik Negara.") == []
    # A verb of saying names a speaker; a negated act names no one.
    assert slots("Kementerian Sosial menyampaikan bahwa bantuan tahap kedua cair pekan depan.") == ()
    assert slots("Badan Gizi Nasional tidak membangun dapur baru tahun ini.") == ()


def test_a_government_named_in_general_is_no_other_body():
    reference = "Badan Karantina Indonesia menetapkan tarif pemeriksaan benih impor sebesar Rp75.000 per dokumen."
    assert institution_clashes(reference, "Tarif pemeriksaan benih impor ditetapkan pemerintah pusat.") == []
    [clash] = institution_clashes(reference, "Tarif pemeriksaan benih impor ditetapkan oleh Kementerian Pertanian.")
    assert clash.draft == "ditetapkan oleh Kementerian Pertanian"


def test_an_agent_without_oleh_may_carry_a_number_and_an_english_head():
    # "diterima Command Center 112": the head "Center" stands before the call number.
    [slot] = slots("Aduan banjir diterima Command Center 112 selama 24 jam.")
    assert slot.name == "Command Center 112" and slot.verb == "diterima"
    [clash] = institution_clashes("Aduan banjir diterima Command Center 112 selama 24 jam.",
                                  "Aduan banjir kini diterima langsung oleh Polsek setempat selama 24 jam.")
    assert clash.reference == "diterima Command Center 112"


def test_the_subject_shared_with_the_positions_other_sentence_opens_the_institution_gate():
    # The issuing body stands in a sentence of the position that shares only "sertifikat" with the draft besides
    # the slot; the position's other sentence and its title say what the draft is about.
    ref = PassageRef(position_id="p-slf", title="Sertifikat laik fungsi gedung")
    first = Candidate("Masa berlakunya 5 tahun untuk setiap gedung.", 0.94, ref)
    second = Candidate("Sertifikat diterbitkan oleh Dinas Penataan Ruang setelah pemeriksaan lapangan.", 0.87, ref)
    draft = "Sertifikat itu diterbitkan oleh Badan Pendapatan Daerah untuk gedung umum selama 5 tahun."
    [j] = Judge().judge([draft], [[first, second]])
    assert j.relation == "conflicts" and "institution" in j.kinds
    [j] = Judge().judge([draft.replace("Badan Pendapatan Daerah", "Dinas Penataan Ruang")], [[first, second]])
    assert "institution" not in j.kinds


@pytest.mark.parametrize("passage, sentence, stated", [
    # the body the sentence names stands in the passage, written the same or another way
    ("Kartu Indonesia Pintar diterbitkan oleh Kementerian Pendidikan Dasar dan Menengah.",
     "KIP diterbitkan Kementerian Pendidikan Dasar dan Menengah.", True),
    ("Izin edar diterbitkan oleh Badan Pengawas Obat dan Makanan (BPOM).",
     "The permit is issued by the Food and Drug Supervisory Agency (BPOM).", True),
    # a person's office or government at large names no body
    ("Izin edar diterbitkan oleh BPOM.", "Menurut Kepala Dinas Kesehatan Kota Depok, izin edar diterbitkan oleh BPOM.", True),
    ("Bantuan disalurkan oleh Kementerian Sosial.", "Bantuan disalurkan pemerintah pusat.", True),
    # who welcomes or says what the sentence reports is not what it is about
    ("Anggaran makan bergizi gratis 2027 sebesar Rp300 triliun dikelola Badan Gizi Nasional.",
     "Kementerian Sosial menyambut anggaran makan bergizi gratis 2027 sebesar Rp300 triliun.", True),
    ("Anggaran makan bergizi gratis 2027 sebesar Rp300 triliun.",
     "Anggaran makan bergizi gratis 2027 sebesar Rp300 triliun, kata Kementerian Keuangan.", True),
    # a body the passage never names is not backed by it
    ("Surat keterangan pindah diterbitkan oleh Dinas Kependudukan dan Pencatatan Sipil.",
     "Surat keterangan pindah diterbitkan oleh Kantor Kecamatan Cibinong.", False),
    ("Tarif penyeberangan ditetapkan oleh Kementerian Perhubungan.",
     "PT ASDP Indonesia Ferry menetapkan tarif penyeberangan.", False),
])
def test_a_body_named_by_the_sentence_must_stand_in_its_support(passage: str, sentence: str, stated: bool) -> None:
    assert institutions_stated(passage, sentence) is stated



def test_a_body_named_in_the_next_clause_is_no_other_name_of_the_slots_body():
    """An acronym in brackets right after a name is that body's other name; a body named after a comma does
    something else ("…, sedangkan PT PLN hanya melaksanakan penyambungan")."""
    reference = ("Usulan calon penerima diajukan oleh pemerintah desa dan diverifikasi oleh Kementerian ESDM, "
                 "sedangkan PT PLN (Persero) hanya melaksanakan penyambungan.")
    [clash] = institution_clashes(reference, "Usulan itu kemudian diverifikasi oleh PT PLN (Persero).")
    assert "PT PLN" in clash.draft and "Kementerian ESDM" in clash.reference
    assert institution_clashes(reference, "Usulan itu kemudian diverifikasi oleh Kementerian ESDM.") == []
    bracketed = "Penyaluran diawasi oleh Badan Pengatur Hilir Minyak dan Gas Bumi (BPH Migas) di seluruh daerah."
    assert institution_clashes(bracketed, "Penyaluran diawasi oleh BPH Migas.") == []


def test_slots_on_the_same_cue_of_responsibility_compare_their_bodies_only():
    """"menjadi tanggung jawab BNPB" against "menjadi tanggung jawab BPBD provinsi dengan dukungan dana dari BNPB":
    the reference names BNPB, but not as who is responsible."""
    reference = "Pengisian ulang cadangan menjadi tanggung jawab BPBD provinsi dengan dukungan dana siap pakai dari BNPB."
    [clash] = institution_clashes(reference, "Pengisian ulang cadangan menjadi tanggung jawab langsung BNPB.")
    assert "BNPB" in clash.draft and "BPBD" in clash.reference
    assert institution_clashes(reference, "Pengisian ulang cadangan menjadi tanggung jawab BPBD provinsi.") == []
    # Another cue of responsibility is another act: compared as before, the name anywhere in the passage.
    assert institution_clashes(reference, "Dana siap pakai disalurkan oleh BNPB.") == []


def test_a_light_verb_takes_its_act_from_the_noun_it_is_said_of():
    """"Pengelolaan kawasan dilakukan oleh X" says who manages it, as "dikelola oleh X" does: a slot on "dipegang"
    or "dilakukan" is compared with the other text's slot on that act."""
    reference = "Pengelolaan kawasan dilakukan oleh Balai Pelestarian Kebudayaan Wilayah V."
    [clash] = institution_clashes(reference, "Pengelolaan kawasan kini sepenuhnya dipegang Pemerintah Provinsi Jambi.")
    assert "Pemerintah Provinsi Jambi" in clash.draft
    assert institution_clashes("Penyaluran solar diawasi oleh Badan Pengatur Hilir Minyak dan Gas Bumi.",
                               "Pengawasan penyaluran di lapangan dipegang PT Pertamina Patra Niaga.")
    # Another act done by another body is no clash.
    assert institution_clashes(reference, "Pemugaran candi dipegang Pemerintah Provinsi Jambi.") == []


def test_members_an_acronym_spelled_out_and_a_name_after_a_slash_are_the_same_body():
    assert same_institution("Prajurit TNI AD", "TNI Angkatan Darat")
    assert not same_institution("TNI AD", "TNI Angkatan Laut")
    assert same_institution("Kementerian ESDM", "Kementerian Energi dan Sumber Daya Mineral")
    reference = ("Pendampingan keluarga berisiko stunting dilakukan oleh Tim Pendamping Keluarga yang dikoordinasikan "
                 "Kementerian Kependudukan dan Pembangunan Keluarga/BKKBN.")
    draft = ("Tim Pendamping Keluarga yang dikoordinasikan Kementerian Kependudukan dan Pembangunan Keluarga/BKKBN "
             "mendampingi keluarga berisiko.")
    assert institution_clashes(reference, draft) == []


def test_a_body_the_reference_lists_with_the_values_the_draft_gives_it_is_no_other_body():
    """Written for this project: the reference lists three border posts, each with its hours; the draft gives one of
    them its own hours. A post the reference never names, or a body it names in another role, still clashes."""
    reference = ("PLBN Entikong melayani pelintas pukul 06.00 hingga 20.00 WIB, PLBN Motaain pukul 07.00 hingga "
                 "18.00 WITA, dan PLBN Skouw pukul 08.00 hingga 16.00 WIT.")
    assert institution_clashes(reference, "PLBN Skouw melayani pelintas pukul 08.00–16.00 WIT.") == []
    assert [c.kind for c in institution_clashes(reference, "PLBN Aruk melayani pelintas pukul 06.00 hingga 20.00 WIB.")] \
        == ["institution"]
    budget = ("Kementerian Pekerjaan Umum melaksanakan renovasi 22 stadion dengan anggaran Kementerian Pemuda dan "
              "Olahraga sebesar Rp1,5 triliun.")
    assert [c.kind for c in institution_clashes(
        budget, "Renovasi 22 stadion dilaksanakan langsung oleh Kementerian Pemuda dan Olahraga.")] == ["institution"]


def test_a_bare_head_names_no_other_body_of_its_kind():
    """"dilakukan oleh dinas yang membidangi peternakan" names a dinas, not which: the draft's "dinas peternakan
    kabupaten" is no other body; a ministry is."""
    reference = ("Vaksin diberikan kepada babi berumur paling sedikit delapan minggu, dan pelaksanaannya dilakukan oleh "
                 "dinas yang membidangi peternakan di kabupaten dan kota.")
    assert institution_clashes(reference, "Penyuntikan vaksin dilakukan dinas peternakan kabupaten dan kota.") == []
    assert [c.kind for c in institution_clashes(
        reference, "Penyuntikan vaksin dilakukan oleh Kementerian Pertanian.")] == ["institution"]


@pytest.mark.parametrize("alias, full", sorted(json.loads(
    (Path(__file__).parents[3] / "service/judge/vocab/institutions.json").read_text(encoding="utf-8"))["aliases"].items()))
def test_every_office_alias_is_its_full_name_and_no_other(alias, full):
    assert same_institution(f"{alias} Provinsi Jawa Barat", f"{full} Provinsi Jawa Barat")
    assert not same_institution(f"{alias} Provinsi Jawa Barat", "Badan Pusat Statistik Provinsi Jawa Barat")


def test_an_office_alias_is_no_other_institution():
    """"Disnakertrans" is the office the position writes out ("Dinas Tenaga Kerja dan Transmigrasi"): no clash."""
    reference = "Pengawasan upah dilakukan oleh Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat."
    assert institution_clashes(reference, "Pengawasan upah dijalankan Disnakertrans Jawa Barat.") == []
    assert institution_clashes(reference, "Pengawasan upah dijalankan Dinas Sosial Jawa Barat.") != []


def test_an_institution_clash_with_a_twin_is_reconciled_by_the_passage_naming_the_draft_s_body_by_its_alias():
    """Two regions' twin positions: "Disnakertrans … Wilayah II" is the body the Wilayah II position writes out."""
    two = Candidate("Pengawasan upah dilakukan oleh UPTD Wilayah II Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa "
                    "Barat.", 0.92, PassageRef(position_id="p-karawang"))
    one = Candidate("Pengawasan upah dilakukan oleh UPTD Wilayah I Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa "
                    "Barat.", 0.90, PassageRef(position_id="p-bekasi"))
    draft = "Pengawasan upah dijalankan UPTD Wilayah II Disnakertrans Jawa Barat."
    [j] = Judge().judge([draft], [[two, one]])
    assert j.relation != "conflicts"


def test_an_acronym_in_brackets_after_a_name_with_commas_is_that_name():
    """"Direktorat Jenderal Energi Baru, Terbarukan, dan Konservasi Energi (EBTKE)": the draft's "Ditjen EBTKE"."""
    reference = "Pengawasan dilakukan oleh Direktorat Jenderal Energi Baru, Terbarukan, dan Konservasi Energi (EBTKE)."
    assert institution_clashes(reference, "Pengawasan dilakukan oleh Direktorat Jenderal EBTKE bersama Kementerian "
                                          "Perdagangan.") == []
    assert institution_clashes(reference, "Pengawasan dilakukan oleh Badan Standardisasi Nasional (BSN).") != []


def test_damkar_is_the_fire_service_written_short():
    reference = "Dinas Pemadam Kebakaran dan Penyelamatan Kota Depok melatih 630 relawan pemadam kebakaran pada 2026."
    draft = "Sebanyak 630 relawan pemadam kebakaran dari 63 kelurahan di Kota Depok dilatih {} selama empat hari."
    assert institution_clashes(reference, draft.format("Dinas Damkar dan Penyelamatan")) == []
    assert institution_clashes(reference, draft.format("Dinas Sosial")) != []


def test_where_an_act_sends_it_names_an_institution():
    """"diajukan ke Pengadilan Negeri Surabaya": the court an objection goes to; "ke Pengadilan Tinggi" is another.
    A place is no institution ("dibawa ke Surabaya"). Written for this project."""
    reference = "Keberatan atas putusan arbitrase hanya dapat diajukan ke Pengadilan Negeri Surabaya paling lambat 14 hari."
    draft = "Pihak yang keberatan atas putusan arbitrase dapat mengajukannya ke {} dalam 14 hari."
    assert [c.kind for c in institution_clashes(reference, draft.format("Pengadilan Tinggi Surabaya"))] == ["institution"]
    assert institution_clashes(reference, draft.format("Pengadilan Negeri Surabaya")) == []
    assert institution_clashes(reference, draft.format("Surabaya")) == []
