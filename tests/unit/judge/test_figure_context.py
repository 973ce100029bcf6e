"""What a figure is about, read from around it (service/judge/signals): the old value of a change names no
place, an acronym may spell a stop word, a position's other sentences name a passage's subject, a span's end
read in its own zone, a start date with or without "sejak". Sentences written for this project."""

from __future__ import annotations

from service.judge.signals import find_clashes
from service.judge.signals.analysis import _analyse, _span_tokens
from service.judge.signals.names import _places_near
from service.judge.signals.text import _initials


def _figures(reference: str, draft: str, setting: str = "") -> list[tuple[str, str]]:
    return [(c.draft, c.reference) for c in find_clashes(reference, draft, setting)]


def test_the_old_value_after_dari_is_no_place():
    """"naik dari Rp9.500 menjadi Rp10.000": "Rp9.500" follows "dari" as a place would, but is a figure, so the
    new fare belongs to no other place than the draft's trip "dari Jambi ke Muara Bulian"."""
    reference = "Tarif bus perintis naik dari Rp9.500 menjadi Rp10.000 per penumpang."
    ref = _analyse(reference)
    at = reference.index("Rp10.000")
    assert _places_near(ref, *_span_tokens(ref, at, at + len("Rp10.000"))) == frozenset()
    draft = "Tarif bus perintis dari Jambi ke Muara Bulian dikenai Rp12.000 per penumpang."
    assert _figures(reference, draft, "Bus perintis Jambi Muara Bulian " + reference) == [("Rp12.000", "Rp10.000")]


def test_an_acronym_may_spell_a_stop_word():
    """"PNBP" is "Penerimaan Negara Bukan Pajak": the draft names nothing the reference does not."""
    assert "pnbp" in _initials("Penerimaan negara bukan pajak dari jasa kepelabuhanan")
    reference = "Penerimaan negara bukan pajak jasa tambat dipungut 3 persen dari nilai kontrak."
    draft = "Untuk jasa tambat, PNBP dipungut sebesar 7 persen dari nilai kontrak."
    assert _figures(reference, draft) == [("7 persen", "3 persen")]


SETTING = ("Dinas Perhubungan Tarif bus Trans Koetaradja Dinas Perhubungan Aceh menetapkan tarif bus Trans "
           "Koetaradja rute Banda Aceh–Lhoknga mulai 1 Maret 2026.")


def test_the_only_figure_of_a_passage_whose_subject_its_position_names():
    """The draft names the route its position's first sentence names; the passage, which covers a third of the
    draft, holds the one fare of either text."""
    reference = "Tarif umum untuk sekali jalan naik dari Rp2.000 menjadi Rp3.000."
    draft = "Untuk penumpang umum, sekali jalan dari Banda Aceh ke Lhoknga dikenai Rp4.000."
    assert _figures(reference, draft) == []  # alone, the passage shares too little with the sentence
    assert _figures(reference, draft, SETTING + " " + reference) == [("Rp4.000", "Rp3.000")]


def test_a_sentence_of_the_position_about_something_else_is_not_compared():
    """The position names the draft's subject, but the passage with the only percentage shares next to nothing
    with the draft's sentence: another matter of the same position."""
    reference = "Subsidi ongkos angkut dibayar 40 persen di muka."
    draft = "Untuk rute Banda Aceh ke Lhoknga, okupansi bus Trans Koetaradja mencapai 85 persen."
    assert _figures(reference, draft, SETTING + " " + reference) == []


def test_a_time_in_another_zone_after_a_span_is_outside_it():
    """"07.00 sampai 14.00 WITA" ends at 13.00 WIB: "14.00 WIB" is an hour after, not inside the span, and the
    end it changes is the one quoted."""
    reference = "Loket pendaftaran dibuka pukul 07.00 dan ditutup pukul 14.00 WITA."
    assert _figures(reference, "Loket pendaftaran ditutup pukul 14.00 WIB.") == [("pukul 14.00 WIB", "pukul 14.00 WITA")]
    assert _figures(reference, "Loket pendaftaran ditutup pukul 13.00 WIB.") == []  # the same moment


def test_a_start_date_with_sejak_compares_with_one_with_mulai():
    reference = "Penjualan elpiji 3 kilogram di pengecer dihentikan sejak 1 Februari 2026."
    draft = "Pemerintah menghentikan penjualan elpiji 3 kilogram di pengecer mulai 1 Mei 2026."
    assert _figures(reference, draft) == [("1 Mei 2026", "1 Februari 2026")]
    assert _figures(reference, "Penjualan elpiji 3 kilogram di pengecer dihentikan mulai 1 Februari 2026.") == []


def test_a_period_tied_to_an_event_is_not_how_long_something_lasts():
    """Nothing beside the two periods is shared: "tiga minggu setelah suntikan pertama" is the interval between
    doses, "selama sepuluh hari" how long the campaign runs."""
    reference = ("Vaksinasi campak dilaksanakan di lima kabupaten di Nusa Tenggara Timur pada Oktober 2026. "
                 "Suntikan kedua diberikan tiga minggu setelah suntikan pertama.")
    draft = "Vaksinasi campak di lima kabupaten di Nusa Tenggara Timur berlangsung selama sepuluh hari pada Oktober 2026."
    assert _figures(reference, draft) == []
    again = "Vaksinasi campak di lima kabupaten di Nusa Tenggara Timur: suntikan kedua dua minggu setelah suntikan pertama."
    assert _figures(reference, again) == [("dua minggu", "tiga minggu")]


def test_a_province_named_with_its_marker_is_one_place_of_the_setting():
    """"di Provinsi Papua Pegunungan" names one place ("Provinsi" says what the next word is), so the position's
    words still name the draft's subject: the one participant count of either text is compared."""
    reference = ("BPSDMP menyelenggarakan Diklat Pemberdayaan Masyarakat tahun 2027 bagi 21.000 peserta dengan "
                 "anggaran Rp112 miliar.")
    setting = (reference + " Pendaftaran dibuka secara daring mulai 4 Januari 2027. Program tahun 2027 diperluas ke "
               "150 kabupaten, termasuk seluruh kabupaten di Provinsi Papua Pegunungan.")
    draft = ("Dengan anggaran Rp112 miliar, program itu akan menampung 18.000 peserta yang dapat mendaftar secara "
             "daring mulai 4 Januari 2027.")
    assert _figures(reference, draft, setting) == [("18.000 peserta", "21.000 peserta")]
    # Two places named: the figure may be the list's total, and the setting names nothing.
    two = setting.replace("di Provinsi Papua Pegunungan", "di Provinsi Papua Pegunungan dan Provinsi Maluku")
    assert _figures(reference, draft, two) == []


def test_places_named_apart_are_no_list():
    """"Dinas Perhubungan Provinsi Kalimantan Utara" and "dari Pelabuhan Tengkayu I" name two places in two
    sentences, not a list whose total the passage's figure would be: the position's words still name the draft's
    subject ("Tarif speedboat"), and the child fare is compared."""
    reference = "Tarif penumpang dewasa ditetapkan Rp285.000 sekali jalan, sedangkan anak membayar Rp215.000."
    setting = ("Dinas Perhubungan Provinsi Kalimantan Utara menetapkan tarif baru speedboat rute Tarakan–Nunukan. "
               + reference + " Keberangkatan dari Pelabuhan Tengkayu I Tarakan dijadwalkan setiap hari pukul 08.00.")
    draft = "Tarif speedboat Tarakan–Nunukan ditetapkan Rp285.000 untuk penumpang dewasa dan Rp185.000 untuk anak."
    assert _figures(reference, draft, setting) == [("Rp185.000", "Rp215.000")]
