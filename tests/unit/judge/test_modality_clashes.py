"""Modality clashes (service/judge/signals/modality_clashes.py): what one text requires, applies, allows or
keeps unchanged and the other does not, with an example sentence for every cue of
service/judge/vocab/modality.json. Written for this project."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from service.judge.signals import draft_words_covered, find_clashes
from service.judge.signals.analysis import _analyse
from service.judge.signals.modality_clashes import _mentions

VOCAB = json.loads((Path(__file__).resolve().parents[3] / "service/judge/vocab/modality.json").read_text())

# (cue as written in the vocabulary, class, side it asserts, an example sentence using it)
EXAMPLES = [
    ("wajib", "required", 1, "Setiap penumpang wajib menunjukkan tiket elektronik."),
    ("diwajibkan", "required", 1, "Pengembang diwajibkan menyediakan ruang terbuka hijau."),
    ("mewajibkan", "required", 1, "Pemerintah mewajibkan eksportir menyimpan devisa di dalam negeri."),
    ("harus", "required", 1, "Calon peserta harus melampirkan surat keterangan sehat."),
    ("diharuskan", "required", 1, "Nelayan diharuskan memasang alat pemantau kapal."),
    ("mengharuskan", "required", 1, "Aturan baru mengharuskan sekolah memiliki kantin sehat."),
    ("perlu", "required", 1, "Wajib pajak perlu memperbarui sertifikat elektronik."),
    ("diperlukan", "required", 1, "Surat rekomendasi dinas diperlukan untuk pengajuan."),
    ("dimintai", "required", 1, "Pasien dimintai uang muka sebelum tindakan."),
    ("mensyaratkan", "required", 1, "Bank mensyaratkan laporan keuangan dua tahun terakhir."),
    ("disyaratkan", "required", 1, "Sertifikat kompetensi disyaratkan bagi semua pelamar."),
    ("must", "required", 1, "Applicants must submit their documents online."),
    ("required", "required", 1, "Operators are required to report outages within an hour."),
    ("requires", "required", 1, "The regulation requires importers to register each shipment."),
    ("require", "required", 1, "The new rules require a health certificate."),
    ("mandatory", "required", 1, "Vaccination is mandatory for all pilgrims."),
    ("compulsory", "required", 1, "Attendance is compulsory for newly hired officials."),
    ("obliged", "required", 1, "Landlords are obliged to register their tenants."),
    ("obligatory", "required", 1, "The orientation course is obligatory for volunteers."),
    ("fakultatif", "required", 0, "Kegiatan ekstrakurikuler bersifat fakultatif bagi siswa kelas akhir."),
    ("opsional", "required", 0, "Pemeriksaan lanjutan bersifat opsional."),
    ("sukarela", "required", 0, "Keikutsertaan dalam program ini bersifat sukarela."),
    ("dibebaskan dari", "required", 0, "Petani kecil dibebaskan dari kewajiban pelaporan bulanan."),
    ("bersifat pilihan|opsional|sukarela|fakultatif", "required", 0,
     "Keikutsertaan dalam tes kemampuan akademik bersifat pilihan."),
    ("optional", "required", 0, "The second dose is optional for adults."),
    ("voluntary", "required", 0, "Participation in the survey is voluntary."),
    ("dikenai", "applies", 1, "Kendaraan angkutan barang dikenai tarif progresif."),
    ("dikenakan", "applies", 1, "Produk impor tersebut dikenakan bea masuk tambahan."),
    ("berlaku bagi|untuk|pada|terhadap", "applies", 1, "Diskon tarif berlaku bagi penumpang lanjut usia."),
    ("subject to", "applies", 1, "Imported sugar is subject to a special levy."),
    ("applies to", "applies", 1, "The curfew applies to all districts of the city."),
    ("apply to", "applies", 1, "The new fees apply to foreign visitors."),
    ("terkena", "applies", 1, "Truk pengangkut semen juga terkena pembatasan jam operasional."),
    ("berhak atas|mendapat|memperoleh|menerima", "applies", 1, "Nelayan kecil berhak atas bantuan mesin kapal."),
    ("eligible for", "applies", 1, "Students in private schools are eligible for the grant."),
    ("entitled to", "applies", 1, "Contract workers are entitled to the holiday allowance."),
    ("dipungut", "applies", 1, "Retribusi parkir dipungut oleh petugas berseragam."),
    ("charged", "applies", 1, "Foreign visitors are charged a levy on arrival."),
    ("levied", "applies", 1, "A surcharge is levied on late payments."),
    ("dibebaskan dari", "applies", 0, "Buku pelajaran dibebaskan dari pajak pertambahan nilai."),
    ("dikecualikan dari", "applies", 0, "Ambulans dikecualikan dari pembatasan jam operasional."),
    ("dikecualikan", "applies", 0, "Sekolah di daerah terpencil dikecualikan."),
    ("exempt", "applies", 0, "Micro enterprises are exempt from the levy."),
    ("exempted", "applies", 0, "Students were exempted from the entrance fee."),
    ("boleh", "permitted", 1, "Warga boleh mengambil bantuan di kantor desa."),
    ("diperbolehkan", "permitted", 1, "Pedagang diperbolehkan berjualan di area parkir."),
    ("dibolehkan", "permitted", 1, "Kapal kecil dibolehkan berlayar pada siang hari."),
    ("diizinkan", "permitted", 1, "Ojek daring diizinkan masuk kawasan stasiun."),
    ("mengizinkan", "permitted", 1, "Pemerintah daerah mengizinkan pasar malam beroperasi."),
    ("diperkenankan", "permitted", 1, "Pengunjung diperkenankan membawa makanan."),
    ("berhak", "permitted", 1, "Bank penyalur berhak meminta laporan keuangan debitur."),
    ("allowed", "permitted", 1, "Trucks are allowed on the toll road at night."),
    ("permitted", "permitted", 1, "Fishing is permitted outside the conservation zone."),
    ("dianjurkan", "permitted", 1, "Petani dianjurkan memasang perangkap burung hantu."),
    ("disarankan", "permitted", 1, "Warga disarankan mengurus dokumen secara daring."),
    ("diimbau", "permitted", 1, "Pengendara diimbau memakai jalur alternatif."),
    ("encouraged", "permitted", 1, "Residents are encouraged to use public transport."),
    ("may", "permitted", 1, "Retirees may collect their pension at any post office."),
    ("dilarang", "permitted", 0, "Kapal asing dilarang menangkap ikan di zona ini."),
    ("melarang", "permitted", 0, "Dinas melarang pembakaran sampah di lahan terbuka."),
    ("larangan", "permitted", 0, "Larangan ekspor bijih bauksit tetap dipertahankan."),
    ("prohibited", "permitted", 0, "Open burning is prohibited in peatland areas."),
    ("banned", "permitted", 0, "Single-use plastic bags are banned in traditional markets."),
    ("forbidden", "permitted", 0, "Drones are forbidden near the palace."),
    ("tetap +figure", "unchanged", 1, "Tarif tol ruas itu tetap Rp12.000 per kendaraan."),
    ("dipertahankan", "unchanged", 1, "Suku bunga acuan dipertahankan pada 5,5 persen."),
    ("mempertahankan", "unchanged", 1, "Pemerintah mempertahankan harga eceran gula."),
    ("unchanged", "unchanged", 1, "The reference rate was left unchanged."),
    ("maintained", "unchanged", 1, "The fuel price is maintained until March."),
    ("maintain", "unchanged", 1, "The board decided to maintain the policy rate."),
    ("maintains", "unchanged", 1, "The ministry maintains the fertiliser allocation."),
    ("remains at", "unchanged", 1, "The admission fee remains at 50,000 rupiah."),
    ("remain at", "unchanged", 1, "Tariffs will remain at current levels."),
    ("stays at", "unchanged", 1, "The quota stays at 20 million kilolitres."),
    ("stay at", "unchanged", 1, "Prices will stay at this level."),
    ("naik", "unchanged", 0, "Harga tiket kereta naik mulai bulan depan."),
    ("dinaikkan", "unchanged", 0, "Iuran peserta dinaikkan tahun ini."),
    ("menaikkan", "unchanged", 0, "Pemerintah menaikkan cukai rokok."),
    ("kenaikan", "unchanged", 0, "Kenaikan tarif air bersih diumumkan kemarin."),
    ("turun", "unchanged", 0, "Harga cabai turun di pasar induk."),
    ("diturunkan", "unchanged", 0, "Batas usia pelamar diturunkan."),
    ("menurunkan", "unchanged", 0, "Bank sentral menurunkan suku bunga."),
    ("penurunan", "unchanged", 0, "Penurunan harga pupuk berlaku di semua kios."),
    ("berubah", "unchanged", 0, "Jadwal keberangkatan kapal berubah."),
    ("diubah", "unchanged", 0, "Rute bus sekolah diubah."),
    ("mengubah", "unchanged", 0, "Dinas mengubah jam layanan puskesmas."),
    ("perubahan", "unchanged", 0, "Perubahan kuota pupuk diumumkan hari ini."),
    ("disesuaikan", "unchanged", 0, "Tarif parkir disesuaikan awal tahun."),
    ("penyesuaian", "unchanged", 0, "Penyesuaian harga gas melon dimulai pekan depan."),
    ("raise", "unchanged", 0, "The ministry will raise the toll fare."),
    ("raised", "unchanged", 0, "The government raised the excise on sugary drinks."),
    ("raises", "unchanged", 0, "The board raises the deposit rate."),
    ("lower", "unchanged", 0, "The regulator will lower the fee."),
    ("lowered", "unchanged", 0, "The bank lowered its lending rate."),
    ("lowers", "unchanged", 0, "The ministry lowers the import tariff."),
    ("increase", "unchanged", 0, "The agency will increase the allowance."),
    ("increased", "unchanged", 0, "The city increased parking fees."),
    ("increases", "unchanged", 0, "The company increases its prices."),
    ("cut", "unchanged", 0, "The province cut the vehicle tax."),
    ("changed", "unchanged", 0, "The timetable has changed."),
    ("change", "unchanged", 0, "The ministry will change the quota."),
    ("adjusted", "unchanged", 0, "The tariff was adjusted in July."),
    ("hike", "unchanged", 0, "The fare hike takes effect next week."),
    ("hiked", "unchanged", 0, "The operator hiked ticket prices."),
]


def test_every_cue_of_the_vocabulary_has_an_example():
    cues = {(cue, cls) for cls, entry in VOCAB.items() if not cls.startswith("_")
            for key in ("positive", "negative") for cue in entry[key]}
    assert cues == {(cue, cls) for cue, cls, _, _ in EXAMPLES}


@pytest.mark.parametrize("cue, cls, side, sentence", EXAMPLES)
def test_each_cue_is_read_on_its_side(cue, cls, side, sentence):
    mentions = [m for m in _mentions(_analyse(sentence)) if m.cls == cls]
    assert mentions and {m.side for m in mentions} == {side}


@pytest.mark.parametrize("sentence, cls, side", [
    ("Pendaftaran ulang tidak wajib dilakukan.", "required", 0),
    ("Calon penerima tidak perlu membawa fotokopi KTP.", "required", 0),
    ("Bantuan cair tanpa perlu mengajukan permohonan.", "required", 0),
    ("Pembelian tiket tidak boleh diwakilkan.", "permitted", 0),
    ("Tarif listrik rumah tangga tidak berubah.", "unchanged", 1),
    ("Harga gas tidak mengalami perubahan.", "unchanged", 1),
    ("Applicants are not required to pay a deposit.", "required", 0),
])
def test_a_negated_cue_counts_for_the_other_side(sentence, cls, side):
    assert {m.side for m in _mentions(_analyse(sentence)) if m.cls == cls} == {side}


def test_a_clause_on_both_sides_of_a_class_tells_nothing():
    assert not [m for m in _mentions(_analyse("Bunga tetap 6 persen dan iuran naik.")) if m.cls == "unchanged"]


def test_a_negated_direction_says_nothing_of_change():
    # "tidak naik" may have fallen: it is not "tetap", and it does not clash with "turun"
    assert not [m for m in _mentions(_analyse("Harga gas tidak naik bulan ini.")) if m.cls == "unchanged"]


def _rules(reference, draft):
    return [c.rule for c in find_clashes(reference, draft) if c.rule.startswith("modality")]


@pytest.mark.parametrize("reference, draft, rule", [
    # obligation against no obligation, both ways, other voice and word forms
    ("Uji kompetensi guru honorer tidak wajib diikuti tahun ini.",
     "Seluruh guru honorer wajib mengikuti uji kompetensi tahun ini.", "modality:required"),
    ("Perpanjangan izin usaha mikro dilakukan daring tanpa perlu datang ke kantor dinas.",
     "Pelaku usaha mikro harus datang ke kantor dinas untuk perpanjangan izin.", "modality:required"),
    ("Kredit pembiayaan rumah subsidi tidak mensyaratkan uang muka tambahan.",
     "Kredit rumah subsidi kini wajib disertai uang muka tambahan.", "modality:required"),
    ("Setiap pabrik gula di Jawa Timur wajib menjalani uji emisi tahunan.",
     "Pabrik gula di Jawa Timur dibebaskan dari kewajiban uji emisi tahunan.", "modality:required"),
    ("Bagi pegawai kontrak, pelatihan bela negara bersifat sukarela.",
     "Pegawai kontrak diwajibkan mengikuti pelatihan bela negara.", "modality:required"),
    ("Pasien gawat darurat dilayani tanpa memandang status kepesertaan JKN dan tidak dimintai uang muka.",
     "Pasien gawat darurat tetap dilayani, tetapi wajib membayar uang muka sebelum tindakan.", "modality:required"),
    # recommending what the other forbids
    ("Petani dilarang memasang jebakan tikus beraliran listrik karena membahayakan keselamatan jiwa.",
     "Petani juga dianjurkan memasang jebakan tikus beraliran listrik di pematang sawah.", "modality:permitted"),
    # a consequence clause says it of the sentence's subject ("…, sehingga tidak perlu diperpanjang")
    ("Pas kecil berlaku selama ukuran kapal tidak berubah, sehingga tidak perlu diperpanjang setiap tahun.",
     "Pas kecil wajib diperpanjang setiap tahun.", "modality:required"),
    # applies against an exception
    ("Pembatasan jam operasional truk tidak berlaku pada hari Minggu.",
     "Pembatasan jam operasional truk tetap berlaku pada hari Minggu.", "modality:applies"),
    ("Kendaraan dinas berpelat merah dikecualikan dari tarif parkir progresif.",
     "Kendaraan dinas berpelat merah juga dikenai tarif parkir progresif.", "modality:applies"),
    # allowed against forbidden, and required against forbidden
    ("Kapal asing dilarang berlabuh di dermaga nelayan.",
     "Kapal asing wajib berlabuh di dermaga nelayan selama pemeriksaan.", "modality:permitted"),
    ("Biaya pendaftaran sekolah negeri tidak boleh dicicil.",
     "Biaya pendaftaran sekolah negeri boleh dicicil dua kali.", "modality:permitted"),
    # a value kept against a value changed
    ("Tarif ojek daring zona II tetap Rp2.600 per kilometer.",
     "Tarif ojek daring zona II dinaikkan dari Rp2.600 per kilometer.", "modality:unchanged"),
    ("Pemerintah tidak mengubah harga eceran tertinggi gula pasir tahun ini.",
     "Harga eceran tertinggi gula pasir akan disesuaikan bulan depan.", "modality:unchanged"),
    # one item of a list exempted before the cue
    ("Ambulans, mobil pemadam kebakaran, dan kendaraan pengangkut sembako dari dan ke pasar dikecualikan dari "
     "penutupan jalan.", "Kendaraan pengangkut sembako juga terkena penutupan jalan.", "modality:applies"),
    # across languages, through the bilingual lexicon
    ("Domestic visitors are not charged the levy.", "Wisatawan domestik juga dikenai pungutan yang sama.",
     "modality:applies"),
    ("Kendaraan listrik dikecualikan dari pembatasan lalu lintas.",
     "Electric vehicles are also subject to the traffic restriction.", "modality:applies"),
])
def test_opposite_modalities_about_the_same_thing_clash(reference, draft, rule):
    assert rule in _rules(reference, draft)


def test_a_pair_the_antonym_lexicon_reads_gets_one_reason():
    """"dilarang" / "diperbolehkan" is also an antonym pair: the modality rule adds no second reason."""
    clashes = find_clashes("Penangkapan lobster bertelur dilarang sepanjang tahun.",
                           "Nelayan diperbolehkan menangkap lobster bertelur pada musim hujan.")
    assert [c.kind for c in clashes] == ["antonym"]


@pytest.mark.parametrize("reference, draft", [
    # the exception names another class of the thing (another figure)
    ("Diskon tidak berlaku bagi pelanggan 3.500 VA.", "Diskon berlaku bagi pelanggan 900 VA."),
    # the exception is about something else the sentence also mentions
    ("Penundaan kewajiban tidak berlaku bagi usaha menengah dan besar.",
     "Usaha menengah dan besar tidak mendapat penundaan dan sudah wajib bersertifikat halal."),
    # another product changes while this one stays
    ("Harga minyak goreng rakyat tetap Rp15.700 per liter.",
     "Harga minyak goreng premium naik, sedangkan minyak goreng rakyat tetap Rp15.700 per liter."),
    # the same side twice
    ("Pemerintah tidak mengubah tarif kereta perkotaan.",
     "Tarif kereta perkotaan tidak mengalami perubahan dan tetap Rp3.000."),
    # what is exempt is named by a list the reference's sentence shares one word of
    ("Tarif cukai 15 persen hanya dikenakan atas barang dan jasa yang tergolong mewah.",
     "Kebutuhan pokok, jasa kesehatan, dan jasa pendidikan tetap tidak dipungut cukai."),
    # a list exempted, none of whose items the draft names
    ("Ambulans, mobil pemadam kebakaran, dan kendaraan pengangkut sembako dari dan ke pasar dikecualikan dari "
     "penutupan jalan.", "Truk pengangkut pasir juga terkena penutupan jalan."),
    # not required and allowed agree
    ("Pelaporan tidak wajib bagi usaha mikro.", "Usaha mikro boleh melapor secara daring."),
    # a condition, not a statement
    ("Pemohon wajib hadir langsung di kantor imigrasi.",
     "Jika berhalangan, pemohon tidak wajib hadir langsung di kantor imigrasi."),
    # a consequence clause says it of its own sentence's subject, not of another thing
    ("Kartu anggota berlaku seumur hidup, sehingga tidak perlu diperpanjang.",
     "Pas kecil wajib diperpanjang setiap tahun."),
    # "terlebih dahulu" is "first", and "pernah" is another time
    ("Penerima bantuan tidak perlu mendaftar ulang.", "Dulu penerima bantuan pernah wajib mendaftar ulang."),
])
def test_look_alikes_do_not_clash(reference, draft):
    assert _rules(reference, draft) == []


def test_the_judge_asks_modality_of_a_passage_below_its_general_bars():
    """A sentence that shares too little with a passage for the other rules (cosine under the clash floor,
    a third of its words) still gets the modality clash: the clash itself needs its object in the sentence."""
    from service.domain import Candidate, PassageRef
    from service.judge.judge import Judge

    ref = PassageRef(position_id="p-ujian", title="Uji kompetensi guru")
    lead = Candidate("Hasil uji kompetensi menjadi bahan pemetaan pelatihan guru di tiap kabupaten.", 0.93, ref)
    rule = Candidate("Uji kompetensi tidak wajib diikuti dan tidak memengaruhi tunjangan guru.", 0.875, ref)
    sentence = ("Seluruh guru honorer di provinsi ini wajib mengikuti uji kompetensi sebagai bagian dari evaluasi "
                "kinerja tahunan sekolah.")
    # under the clash floor, a third of the sentence's words, not most of the passage's
    assert draft_words_covered(rule.passage, sentence) < 0.4 and draft_words_covered(sentence, rule.passage) < 0.6
    assert find_clashes(rule.passage, sentence)  # the rule sees it ...
    [j] = Judge().judge([sentence], [[lead, rule]])
    assert j.relation == "conflicts" and "negation" in j.kinds  # ... and the judge asks it
    [j] = Judge().judge([sentence.replace("wajib mengikuti", "dapat mengikuti")], [[lead, rule]])
    assert j.relation != "conflicts"
    strict = Judge(policy=replace(Judge().policy, modality_min_coverage=1.01))
    assert strict.judge([sentence], [[lead, rule]])[0].relation != "conflicts"  # the general bars alone miss it


def test_a_passage_in_the_other_language_gets_the_rules_a_little_under_the_floor():
    """Cross-lingual cosines run a few hundredths under same-language ones: an English sentence against its
    Indonesian position at 0.87 (under the 0.89 clash floor) still gets the rule clashes."""
    from service.domain import Candidate, PassageRef
    from service.judge.judge import Judge

    ref = PassageRef(position_id="p-pinjaman", title="Pinjaman pendidikan")
    passage = Candidate("Dana pinjaman mahasiswa dikelola LPDP dengan plafon paling tinggi Rp40 juta per mahasiswa.", 0.875,
                        ref)
    # (A third of its words covered: more, and the rules read it below the floor in either language.)
    sentence = "Under the scheme, learners may get loans of up to IDR 50 million each."
    [j] = Judge().judge([sentence], [[passage]])
    assert j.relation == "conflicts" and "number" in j.kinds
    same_floor = Judge(policy=replace(Judge().policy, crosslingual_drop=0.0))
    assert same_floor.judge([sentence], [[passage]])[0].relation != "conflicts"


def test_a_request_or_a_rule_the_draft_states_too_is_no_clash():
    # what farmers ask for is no rule
    assert _rules("Pembukaan lahan dengan cara membakar dilarang di seluruh kabupaten.",
                  "Kelompok tani meminta kelonggaran agar boleh membakar lahan kurang dari dua hektare.") == []
    # the draft states the same prohibition beside the obligation
    assert _rules("Tunjangan wajib dibayar penuh dan tidak boleh dicicil.",
                  "Kementerian mengingatkan tunjangan wajib dibayar penuh dan tidak boleh dicicil.") == []


def test_two_cues_joined_by_dan_share_the_subject_before_the_first():
    """"Uang saku harus diterima utuh dan tidak boleh dipotong": the subject of "tidak boleh" is "uang saku", not
    the first cue's predicate "diterima utuh"; a draft allowing cuts to it is against it."""
    ref = "Uang saku peserta magang harus diterima utuh dan tidak boleh dipotong."
    [c] = find_clashes(ref, "Perusahaan yang merugi boleh memotong uang saku peserta magang.")
    assert c.kind == "negation" and c.rule == "modality:permitted"
    assert find_clashes(ref, "Perusahaan yang merugi boleh menunda rapat peserta magang.") == []


def test_a_passage_below_the_clash_floor_gets_the_modality_rule_when_its_roots_are_the_sentences():
    """"boleh memotong" and "tidak boleh dipotong" share the root, not the word: the gate that lets a passage
    ranked below the clash floor be read for modality counts roots, as the rule itself does."""
    from service.domain import Candidate, PassageRef
    from service.judge.judge import Judge

    ref = PassageRef(position_id="p-honor", title="Honor narasumber")
    top = Candidate("Narasumber kegiatan pelatihan menerima sertifikat dari penyelenggara.", 0.90, ref)
    rule = Candidate("Honor harus dibayar utuh dan tidak boleh dipotong.", 0.88, ref)
    sentence = "Lembaga yang kesulitan dana boleh memotong honor narasumber sampai separuh."
    assert draft_words_covered(sentence, rule.passage) < 0.3 and draft_words_covered(rule.passage, sentence) < 0.3
    [j] = Judge().judge([sentence], [[top, rule]])
    assert j.relation == "conflicts" and "negation" in j.kinds


def test_english_no_on_the_object_denies_the_cue():
    # Written for this project: "require no X" requires none, "no X allowed" allows none.
    reference = "Kredit sampai Rp50 juta tidak mensyaratkan agunan tambahan."
    assert find_clashes(reference, "Loans of up to Rp50 million require no additional collateral.") == []
    [clash] = find_clashes(reference, "Loans of up to Rp50 million require additional collateral.")
    assert clash.kind == "negation"
    ban = "Tunjangan wajib dibayar penuh dan tidak boleh dicicil."
    assert find_clashes(ban, "The allowance must be paid in full, with no instalments allowed.") == []


def test_english_must_not_forbids():
    # Written for this project: "must not" is "dilarang", not the obligation "must".
    reference = "Warga dilarang menyembelih ternak yang sakit dan wajib melapor ke puskeswan."
    assert find_clashes(reference, "Residents must not slaughter sick animals and must report to the clinic.") == []
    [clash] = find_clashes(reference, "Residents may slaughter sick animals.")
    assert clash.kind == "negation"


def test_a_rule_for_every_one_meets_a_rule_for_a_group_with_a_figure():
    """Written for this project. "setiap pinjaman KUR, berapa pun nilainya" takes in the loans up to Rp100 juta
    that the reference frees of collateral; a draft naming another group by its own figure does not."""
    reference = "Pinjaman KUR sampai Rp100 juta tidak mensyaratkan agunan tambahan."
    [clash] = find_clashes(reference, "Ia menyebut bahwa setiap pinjaman KUR, berapa pun nilainya, wajib disertai "
                                      "agunan tambahan.")
    assert clash.rule == "modality:required"
    [clash] = find_clashes(reference, "Seluruh pinjaman KUR wajib disertai agunan tambahan.")
    assert clash.rule == "modality:required"
    for other_group in ("Setiap pinjaman KUR di atas Rp500 juta wajib disertai agunan tambahan.",
                        "Pinjaman KUR di atas Rp500 juta wajib disertai agunan tambahan."):
        assert [c.rule for c in find_clashes(reference, other_group) if c.rule.startswith("modality")] == []


def test_a_permission_with_its_condition_after_it_still_grants_what_is_forbidden():
    """Written for this project. "diperbolehkan meminta uang jaminan … jika …" allows, in some cases, what the
    reference forbids in all; a condition before the permission, or an obligation under a condition, states
    no rule."""
    reference = "Rumah sakit tidak boleh meminta uang jaminan kepada pasien JKN di instalasi gawat darurat."
    [clash] = find_clashes(reference, "Namun, rumah sakit diperbolehkan meminta uang jaminan sebelum tindakan "
                                      "jika status kepesertaan pasien belum terverifikasi.")
    assert clash.rule == "modality:permitted"
    assert find_clashes(reference, "Jika pasien belum terverifikasi, rumah sakit diperbolehkan meminta uang "
                                   "jaminan.") == []
    exempt = "Pelaku usaha mikro tidak wajib melaporkan omzet bulanan."
    assert find_clashes(exempt, "Pelaku usaha mikro wajib melaporkan omzet bulanan jika omzetnya naik.") == []


def test_none_that_is_charged_is_a_negated_cue():
    """Written for this project. "tidak ada biaya apa pun yang dipungut" charges nothing, as "tidak dipungut
    biaya" does: the two agree, and a draft charging a fee clashes."""
    reference = ("Kuota pemesanan dibuka setiap pukul 09.00 WIB, dan tidak ada biaya apa pun yang dipungut "
                 "untuk penukaran.")
    assert find_clashes(reference, "Layanan berlangsung sejak 23 Februari sampai 17 Maret 2026 dan tidak "
                                   "dipungut biaya.") == []
    [mention] = [m for m in _mentions(_analyse(reference)) if m.cls == "applies"]
    assert mention.side == 0


def test_a_right_to_do_what_the_reference_forbids_clashes():
    """Written for this project. "berhak meminta" allows the asking that "tidak boleh meminta" forbids."""
    reference = "Untuk plafon sampai Rp100 juta, bank penyalur tidak boleh meminta agunan tambahan."
    [clash] = find_clashes(reference, "Meski demikian, bank penyalur tetap berhak meminta agunan tambahan.")
    assert clash.rule == "modality:permitted"
    assert find_clashes(reference, "Bank penyalur berhak meminta laporan keuangan debitur.") == []


def test_a_rule_for_another_labelled_class_is_no_change_of_this_one():
    """"akreditasi A tetap 40 persen" against "akreditasi B dinaikkan": each class's own rule; the same class
    kept against raised still clashes."""
    from service.judge.signals import modality_clashes
    reference = "Kuota sekolah terakreditasi B dinaikkan menjadi 30 persen."
    assert modality_clashes(reference, "Kuota sekolah berakreditasi A tetap 40 persen.") == []
    assert [c.rule for c in modality_clashes(reference, "Kuota sekolah berakreditasi B tetap 25 persen.")] == \
        ["modality:unchanged"]


def test_an_object_named_in_other_words_of_its_group_is_the_same_object():
    """"tidak boleh dicicil" forbids what "boleh membayar THR secara bertahap" allows ("_same_object" in
    vocab/modality.json); a permission about something else is no clash."""
    from service.judge.signals import modality_clashes
    reference = "THR harus dibayar penuh dan tidak boleh dicicil."
    assert [c.rule for c in modality_clashes(reference, "Pengusaha boleh membayar THR secara bertahap.")] == \
        ["modality:permitted"]
    assert modality_clashes(reference, "Pengusaha boleh membayar THR melalui transfer bank.") == []


def test_may_not_forbids_as_prohibited_does():
    """English negates after the modal: "may not be released" is the prohibition, not a permission."""
    ref = "Discharging untreated ballast water within port waters is prohibited."
    assert find_clashes(ref, "Untreated ballast water may not be released inside port waters.") == []
    [clash] = find_clashes(ref, "Untreated ballast water may be discharged within port waters.")
    assert clash.rule == "modality:permitted"


def test_forbidding_what_goes_past_a_bound_allows_up_to_it():
    """"tidak boleh disimpan lebih dari 180 hari" is the rule "boleh disimpan paling lama 180 hari"; another bound,
    or no bound, still clashes."""
    ref = "Oli bekas boleh disimpan di bengkel paling lama 180 hari dalam wadah tertutup yang diberi label."
    assert find_clashes(ref, "Oli bekas tidak boleh disimpan di bengkel lebih dari 180 hari dan harus ditaruh dalam "
                             "wadah tertutup berlabel.") == []
    assert [c.rule for c in find_clashes(ref, "Oli bekas tidak boleh disimpan di bengkel.")] == ["modality:permitted"]
    assert "modality:permitted" in [c.rule for c in find_clashes(ref, "Oli bekas tidak boleh disimpan di bengkel lebih "
                                                                      "dari 90 hari.")]


def test_a_count_the_other_text_does_not_give_is_a_detail_of_the_same_act():
    """"dilarang membuang jangkar di 24 titik penyelaman" forbids what "wajib membuang jangkar di titik penyelaman"
    requires; against "di 12 titik" it is another set of sites. Written for this project."""
    reference = "Kapal wisata selam dilarang membuang jangkar di 24 titik penyelaman."
    assert [c.rule for c in find_clashes(reference, "Kapal wisata selam wajib membuang jangkar di titik "
                                                    "penyelaman.")] == ["modality:permitted"]
    assert not any(c.rule.startswith("modality") for c in find_clashes(
        reference, "Kapal wisata selam wajib membuang jangkar di 12 titik lain."))
