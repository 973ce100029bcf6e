"""Who acts, written in lower case, through officers, by a short name or as a recipient (service/judge/institutions.py).
Written for this project."""

from service.judge.institutions import institution_clashes, institutions_stated, slots


def test_an_agent_after_oleh_may_be_a_lower_case_role_of_a_body():
    reference = "Sengketa upah diperiksa oleh pengawas ketenagakerjaan provinsi paling lambat 14 hari."
    [clash] = institution_clashes(reference, "Sengketa upah akan diperiksa oleh BPJS Ketenagakerjaan dalam 14 hari.")
    assert clash.reference == "diperiksa oleh pengawas ketenagakerjaan provinsi"
    # The same officers named with their office are no other body.
    assert institution_clashes(reference, "Sengketa upah diperiksa oleh pengawas ketenagakerjaan dari dinas provinsi "
                                          "dalam 14 hari.") == []


def test_officers_of_a_named_body_are_that_body():
    reference = "Pintu air dijaga oleh petugas dari pemerintah kota setempat selama musim hujan."
    [clash] = institution_clashes(reference, "Pintu air dijaga petugas PT Jasa Tirta selama musim hujan.")
    assert clash.draft == "dijaga petugas PT Jasa Tirta"
    # Officers of no named body, or of the same government, say nothing else.
    assert institution_clashes(reference, "Pintu air dijaga petugas selama musim hujan.") == []
    assert institution_clashes(reference, "Pintu air dijaga petugas pemerintah kota selama musim hujan.") == []


def test_a_role_alone_names_no_body_and_a_particle_ends_the_agent():
    reference = "Truk pengangkut yang dikawal petugas Polri boleh melintas pada malam hari."
    [slot] = slots("Truk yang dikawal polisi pun wajib berhenti di gerbang tol.")
    assert slot.name == "polisi"
    assert institution_clashes(reference, "Truk yang dikawal polisi pun wajib berhenti di gerbang tol.") == []


def test_a_count_before_the_agent_and_two_light_verbs_say_who_carries_it_out():
    reference = "Kegiatan dilaksanakan oleh 25 puskesmas pada Mei hingga Juli 2026."
    [clash] = institution_clashes(reference, "Skrining anemia pada Mei hingga Juli 2026 dijalankan oleh tim Dinas "
                                             "Kesehatan Provinsi Banten.")
    assert clash.reference == "dilaksanakan oleh 25 puskesmas"
    assert institution_clashes(reference, "Skrining dilaksanakan oleh tim puskesmas kecamatan.") == []


def test_a_head_with_lower_case_words_before_its_active_verb_is_a_slot():
    reference = "Lembaga sertifikasi profesi terakreditasi wajib menerbitkan sertifikat paling lama 5 hari kerja."
    [slot] = slots(reference)
    assert slot.name == "Lembaga sertifikasi profesi terakreditasi" and slot.verb == "menerbitkan"
    [clash] = institution_clashes(reference, "Sertifikat diterbitkan oleh Dinas Tenaga Kerja paling lama lima hari kerja.")
    assert clash.draft == "diterbitkan oleh Dinas Tenaga Kerja"


def test_who_a_thing_is_handed_to_is_compared_in_either_voice():
    reference = "Dokumen muatan diserahkan kepada petugas bea cukai paling lambat 2 jam sebelum kapal berangkat."
    [clash] = institution_clashes(reference, "Agen kapal menyerahkan dokumen muatan kepada petugas PT Pelabuhan Nusantara "
                                             "dua jam sebelum berangkat.")
    assert clash.reference == "diserahkan kepada petugas bea cukai"
    # Who hands it over is another role than who receives it.
    assert institution_clashes(reference, "Dokumen muatan diserahkan oleh Dinas Perhubungan dua jam sebelum "
                                          "berangkat.") == []


def test_an_office_written_by_its_short_name_acts_in_the_active_voice():
    reference = "Dinas Pemadam Kebakaran Kota Bogor mewajibkan hotel berkapasitas 50 kamar memasang alarm asap."
    draft = "Satpol PP Kota Bogor mewajibkan hotel berkapasitas 50 kamar memasang alarm asap."
    [clash] = institution_clashes(reference, draft)
    assert clash.draft == "Satpol PP Kota Bogor mewajibkan"
    assert not institutions_stated(reference, draft)


def test_a_ministry_acting_through_its_directorate_is_who_acts():
    reference = ("Kementerian Kelautan dan Perikanan melalui Direktorat Jenderal Perikanan Budi Daya membagikan benih "
                 "nila kepada kelompok pembudidaya.")
    assert institution_clashes(reference, "Kementerian Kelautan dan Perikanan membagikan benih nila kepada kelompok "
                                          "pembudidaya.") == []


def test_a_kind_of_body_in_lower_case_is_any_body_of_that_kind():
    reference = "Perbaikan jembatan dilaksanakan oleh balai besar di setiap provinsi."
    assert institution_clashes(reference, "Perbaikan jembatan dipegang balai wilayah Kementerian Pekerjaan Umum.") == []
    assert institution_clashes(reference, "Perbaikan jembatan dipegang Dinas Pekerjaan Umum Provinsi.") != []


def test_a_frequency_between_the_verb_and_oleh_keeps_the_agent():
    """Written for this project: "dilakukan setiap 2 minggu oleh UPT Laboratorium …" names who tests."""
    reference = "Pengujian dilakukan setiap 2 minggu oleh UPT Laboratorium Kesehatan Hewan Malang."
    [clash] = institution_clashes(reference, "Pengujian dilakukan oleh Balai Besar Veteriner Wates.")
    assert clash.kind == "institution"
    assert institution_clashes(reference, "Pengujian dilakukan setiap dua minggu oleh UPT Laboratorium Kesehatan "
                                          "Hewan Malang.") == []


def test_the_head_of_an_office_or_a_court_acts_for_it():
    reference = "Peserta yang lulus diangkat sumpahnya oleh kepala kantor wilayah Kementerian Hukum."
    [clash] = institution_clashes(reference, "Peserta yang lulus diangkat sumpahnya oleh ketua pengadilan tinggi "
                                             "setempat.")
    assert "ketua pengadilan tinggi" in clash.reason


def test_a_cooperative_in_lower_case_is_an_agent():
    reference = "Lelang diselenggarakan oleh Perum Perindo Cabang Belawan, dan pembayaran dilakukan tunai."
    [clash] = institution_clashes(reference, "Lelang kini diselenggarakan oleh koperasi nelayan Belawan.")
    assert clash.draft.startswith("diselenggarakan oleh koperasi nelayan")
    assert institution_clashes(reference, "Lelang diselenggarakan oleh Perum Perindo di Belawan.") == []


def test_the_operation_named_as_a_noun_is_the_act_of_operating():
    """"Operasional bus dilaksanakan oleh Perum DAMRI" says who operates the buses: "dioperasikan oleh" another
    body is against it; who pays the subsidy is another act."""
    reference = "Operasional bus dilaksanakan oleh Perum DAMRI, dan subsidi dibayarkan setiap triwulan."
    [clash] = institution_clashes(reference, "Bus perintis dioperasikan oleh dinas perhubungan provinsi.")
    assert clash.reference == "dilaksanakan oleh Perum DAMRI"
    assert institution_clashes(reference, "Bus perintis dioperasikan oleh Perum DAMRI.") == []
    assert institution_clashes(reference, "Bus perintis diresmikan oleh dinas perhubungan provinsi.") == []
