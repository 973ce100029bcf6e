"""A draft figure that states no value of its measure: the old value of a change, or a gap between two values."""

from __future__ import annotations

import pytest

from service.judge.signals import find_clashes

REF = "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 ditetapkan 48 pos."


@pytest.mark.parametrize("draft", [
    "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 menjadi 48 pos, naik dari 40 pos.",
    "The number of fire stations in Bogor in 2026 is 48 stations, up from 40 stations.",
])
def test_the_old_value_of_a_reported_change_is_not_compared(draft: str) -> None:
    assert [c for c in find_clashes(REF, draft) if c.kind == "number"] == []


def test_a_changed_new_value_still_clashes_beside_its_old_one() -> None:
    [clash] = find_clashes(REF, "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 menjadi 52 pos, naik dari 40 pos.")
    assert clash.draft == "52 pos" and clash.reference == "48 pos"


def test_from_without_a_change_verb_or_a_second_figure_is_a_value() -> None:
    [clash] = find_clashes(REF, "Jumlah pos pemadam kebakaran di Kota Bogor pada 2026 naik dari 40 pos.")
    assert clash.draft == "40 pos"


@pytest.mark.parametrize("draft", [
    "Di Kabupaten Asmat, nilai bantuan tahun ini Rp40 juta per rumah, lebih tinggi Rp15 juta dibanding Jawa.",
    "In Asmat the grant is Rp40 juta per house, Rp15 juta higher than in Java.",
])
def test_a_gap_between_two_values_is_not_a_value(draft: str) -> None:
    ref = "Nilai bantuan renovasi rumah di Jawa sebesar Rp25 juta per rumah."
    assert [c for c in find_clashes(ref, draft) if c.kind == "number"] == []


@pytest.mark.parametrize("draft", [
    "Pelatihan 2027 berlangsung enam minggu, dua minggu lebih lama dibanding 2026.",
    "Masa pelatihan tahun depan dua minggu lebih lama daripada tahun ini.",
])
def test_a_gap_before_its_comparative_is_not_a_value(draft: str) -> None:
    """"dua minggu lebih lama dibanding 2026": the gap stands before "lebih <comparative>" as often as after it."""
    ref = "Pelatihan tahun 2026 berlangsung 4 minggu secara daring."
    assert [c for c in find_clashes(ref, draft) if c.draft == "dua minggu"] == []
    # Without the comparison it is the length itself.
    [clash] = find_clashes(ref, "Pelatihan tahun 2026 berlangsung dua minggu secara daring.")
    assert clash.draft == "dua minggu"


def test_a_period_before_the_sentences_own_event_is_not_how_long_another_lasts():
    """"diumumkan tiga hari sebelumnya" is notice ahead of the outage, not the outage's length ("selama lima jam")."""
    ref = "Jadwal pemadaman diumumkan paling singkat tiga hari sebelumnya."
    assert find_clashes(ref, "Pemadaman berlangsung selama lima jam.") == []
    assert find_clashes("Notice is given 48 hours beforehand.", "The outage lasts for 6 hours.") == []
    # Two periods before the same event still compare.
    [clash] = find_clashes("Jadwal diumumkan tiga hari sebelum pemadaman.", "Jadwal diumumkan dua hari sebelum pemadaman.")
    assert clash.draft == "dua hari"


def test_a_figure_after_every_is_what_a_rate_counts_by_not_a_count():
    """"setiap tiga angkot lama menjadi satu bus": three is the rate's base, not how many minibuses there are."""
    ref = "Dinas Perhubungan mengonversi setiap tiga angkot lama menjadi satu bus kecil untuk 12 rute."
    assert find_clashes(ref, "Saat ini sekitar 2.700 angkot lama masih terdaftar untuk 12 rute.") == []
    [clash] = find_clashes(ref, "Dinas Perhubungan mengonversi setiap empat angkot lama menjadi satu bus kecil.")
    assert clash.draft == "empat angkot"
    [clash] = find_clashes("Bus berangkat setiap 30 menit dari terminal.", "Bus berangkat setiap 45 menit dari terminal.")
    assert clash.draft == "45 menit"


def test_a_count_of_recipients_counts_what_the_sentence_names_as_receiving():
    """"insentif penyuluh agama … kepada 45.000 penerima" counts the extension workers the position counts."""
    ref = "Kementerian Agama memberikan insentif kepada 43.500 penyuluh agama non-PNS pada tahun 2026."
    [clash] = find_clashes(ref, "Kementerian Agama menyalurkan insentif penyuluh agama non-PNS tahun 2026 kepada "
                                "45.000 penerima.")
    assert (clash.draft, clash.reference) == ("45.000 penerima", "43.500 penyuluh")
    assert find_clashes(ref, "Kementerian Agama menyalurkan insentif penyuluh agama non-PNS tahun 2026 kepada "
                             "43.500 penerima.") == []
    assert find_clashes(ref, "Kementerian Agama juga menggelar pelatihan tahun 2026 dengan 45.000 peserta.") == []
    # Only what is given to them: "target 100 juta peserta" after "seluruh provinsi" counts no provinces.
    assert find_clashes("Cek Kesehatan Gratis diselenggarakan di 38 provinsi.", "Cek Kesehatan Gratis tersedia di "
                        "puskesmas seluruh provinsi dengan target 100 juta peserta pada 2026.") == []


def test_a_floor_named_as_such_is_its_value():
    """"tarif batas bawah Rp3.500" names the floor's value: a draft giving the floor fare as IDR 4,200 changes it
    (while "paling rendah Rp3.500" only bounds what a fare may be)."""
    ref = "Tarif batas bawah taksi daring Rp3.500 per kilometer."
    [clash] = find_clashes(ref, "The floor fare for online taxis is IDR 4,200 per kilometre.")
    assert (clash.draft, clash.reference) == ("IDR 4,200", "Rp3.500")
    assert find_clashes(ref, "The floor fare for online taxis is IDR 3,500 per kilometre.") == []


def test_an_age_without_a_unit_is_in_years():
    """"residents aged 60 and over" against "penduduk berusia 50 tahun ke atas": an age, though no unit follows."""
    ref = "Program menyasar penduduk berusia 50 tahun ke atas di 25 provinsi."
    [clash] = find_clashes(ref, "The programme is open to residents aged 60 and over in 25 provinces.")
    assert (clash.draft, clash.reference) == ("60", "50 tahun")
    assert find_clashes(ref, "The programme is open to residents aged 50 and over in 25 provinces.") == []
    # A list's unit comes at its end: "pada usia 2, 3, dan 12 bulan" is months.
    from service.judge.signals import extract_quantities
    ages = extract_quantities("Bayi mendapat tiga suntikan PCV, yaitu pada usia 2, 3, dan 12 bulan.")
    assert [q.unit for q in ages if q.text == "2"] == [None]
    assert [q.unit for q in extract_quantities("Peserta berusia 17 atau lebih.")] == ["year"]


def test_a_total_for_several_months_is_that_many_months_of_a_monthly_rate():
    """"Rp2.250.000 untuk tiga bulan" is three months of "Rp750.000 per bulan"; another total is a clash, quoted
    against the rate. Written for this project."""
    reference = "Setiap ketua RT menerima insentif Rp750.000 per bulan yang dibayarkan setiap tiga bulan."
    assert find_clashes(reference, "Setiap ketua RT menerima Rp2.250.000 untuk tiga bulan melalui Bank Jateng.") == []
    [clash] = find_clashes(reference, "Setiap ketua RT menerima Rp2.700.000 untuk tiga bulan melalui Bank Jateng.")
    assert (clash.draft, clash.reference) == ("Rp2.700.000", "Rp750.000")
    # Said earlier in the sentence, with "total" before the amount.
    reference = "Mahasiswa peserta menerima bantuan biaya hidup Rp1.200.000 per bulan."
    assert find_clashes(reference, "Selama empat bulan itu, setiap mahasiswa peserta menerima bantuan biaya hidup "
                                   "total Rp4,8 juta.") == []
    # A monthly amount paid every three months is still a monthly amount: no total.
    [clash] = find_clashes(reference, "Mahasiswa peserta menerima bantuan biaya hidup Rp3.600.000 per bulan.")
    assert clash.reference == "Rp1.200.000"


def test_hours_a_day_are_a_rate_not_how_long_a_period_lasts():
    """"lima jam sehari" is how much of each day; "selama 14 hari" how long a loan lasts."""
    reference = "Warga dapat meminjam alat pertanian selama 14 hari tanpa biaya."
    assert find_clashes(reference, "Gudang alat pertanian melayani warga lima jam sehari, mulai pukul 08.00 WIB.") == []
    assert find_clashes("The help desk answers questions at least 48 hours before the deadline.",
                        "The help desk is staffed 10 hours a day.") == []
    # Two rates of one kind are compared.
    assert find_clashes("Gudang alat pertanian buka 6 jam sehari.", "Gudang alat pertanian buka lima jam sehari.") != []


def test_the_value_a_reference_change_left_behind_is_no_value_now():
    """"target 2027 ditetapkan 90 persen, naik dari 85 persen pada 2026": a 2027 draft's "85 persen" is the old
    target, so it changes the new one; a draft speaking of 2026 restates the old value."""
    reference = "Target vaksinasi rabies 2027 ditetapkan 90 persen, naik dari 85 persen pada 2026."
    [clash] = find_clashes(reference, "Target vaksinasi rabies 2027 dipatok 85 persen.")
    assert (clash.draft, clash.reference) == ("85 persen", "90 persen")
    assert find_clashes(reference, "Pada 2026, target vaksinasi rabies 85 persen.") == []
    assert find_clashes(reference, "Target vaksinasi rabies naik dari 85 persen menjadi 90 persen.") == []


def test_a_stock_a_subject_holds_is_compared_only_with_a_stock():
    """Written for this project: the size of the utility's customer base is no count of the customers an outage
    affects; a stock against a stock is compared."""
    from service.judge.signals import find_clashes
    outage = "Pemadaman berdampak pada 25.000 pelanggan di Kota Jambi."
    assert find_clashes(outage, "PLN UP3 Jambi melayani lebih dari 420.000 pelanggan.") == []
    assert find_clashes(outage, "Pemadaman berdampak pada 42.000 pelanggan di Kota Jambi.")
    assert find_clashes("Balai karantina memiliki 18 unit karantina.", "Balai karantina memiliki 12 unit karantina.")
    assert find_clashes("Setiap lokasi melayani paling sedikit 50 kepala keluarga.",
                        "Setiap lokasi ditargetkan melayani sedikitnya 30 kepala keluarga.")
    # What a plant puts out sizes the subject too; what merely exists is counted as the position counts it.
    assert find_clashes("Travellers from 42 countries listed as yellow fever endemic must show a certificate.",
                        "Saat ini terdapat 24 negara yang masuk daftar endemis demam kuning.")
    handout = "PLTU Suralaya menyalurkan 60.000 ton FABA tanpa biaya untuk jalan desa pada 2026."
    assert find_clashes(handout, "PLTU Suralaya menghasilkan sekitar 1,2 juta ton FABA setiap tahun.") == []


def test_a_share_given_back_is_the_rest_of_the_share_kept():
    """Written for this project: a refund of three quarters is what a 25 percent cancellation fee leaves."""
    from service.judge.signals import find_clashes
    fee = "Pembatalan dapat dilakukan paling lambat 3 jam sebelum keberangkatan dengan bea pembatalan 25 persen dari harga tiket."
    assert find_clashes(fee, "Penumpang yang batal berangkat menerima kembali tiga perempat harga tiket.") == []
    assert find_clashes(fee, "Penumpang yang batal berangkat menerima kembali separuh harga tiket.")
