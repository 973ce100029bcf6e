"""Figures and years told as past or as a record so far, exclusions ("tidak berlaku bagi"), and figures
written in words: no conflict where the draft says something else than the position."""

from __future__ import annotations

from service.domain import Candidate
from service.judge.judge import Judge
from service.judge.signals import find_clashes


def test_a_figure_told_as_past_is_history_not_a_change():
    ref = "Pemerintah menambah enam negara ke daftar bebas visa sehingga jumlahnya menjadi 19 negara."
    assert find_clashes(ref, "Sebelumnya, daftar bebas visa hanya berisi 13 negara.") == []
    assert find_clashes(ref, "Tahun lalu daftar bebas visa berisi 13 negara.") == []
    assert find_clashes(ref, "Sebelum 2018, daftar bebas visa hanya berisi 13 negara.") == []
    [clash] = find_clashes(ref, "Pemerintah menambah enam negara sehingga daftar bebas visa kini berisi 21 negara.")
    assert clash.draft == "21 negara"


def test_the_value_before_a_change_is_history():
    """"Sebelum penyesuaian, …": the toll before the adjustment the passage states is no value now."""
    ref = "Tarif golongan I untuk perjalanan penuh Cileunyi–Dawuan menjadi Rp82.500."
    assert find_clashes(ref, "Sebelum penyesuaian, tarif golongan I untuk perjalanan penuh Rp77.500.") == []
    assert find_clashes(ref, "Before the adjustment, the class I toll for the full trip was Rp77,500.") == []
    [clash] = find_clashes(ref, "Setelah penyesuaian, tarif golongan I untuk perjalanan penuh Rp77.500.")
    assert clash.draft == "Rp77.500"


def test_an_earlier_year_reported_as_a_record_is_no_date_change():
    ref = "Pada tahun 2026, BRGM menargetkan rehabilitasi mangrove seluas 20.000 hektare."
    assert [c for c in find_clashes(ref, "Pada 2025, realisasi rehabilitasi mangrove tercatat 68.000 hektare.")
            if c.kind == "date"] == []
    # Stated as the plan itself, the other year is a change.
    changed = "BRGM menargetkan rehabilitasi mangrove seluas 20.000 hektare pada tahun 2027."
    assert [c.kind for c in find_clashes(ref, changed)] == ["date"]


def test_an_exception_is_no_negation_of_the_rule():
    ref = "Pembebasan bea masuk berlaku bagi barang pribadi penumpang hingga US$500 per orang."
    assert find_clashes(ref, "Pembebasan bea masuk tidak berlaku bagi barang yang dibawa untuk diperdagangkan.") == []
    [clash] = find_clashes(ref, "Pembebasan bea masuk bagi barang pribadi penumpang tidak berlaku lagi.")
    assert clash.kind == "negation"


class _Sure:
    """A classifier that calls every pair a contradiction at p = 0.7."""

    def predict(self, pairs, scope=""):
        return [(0.1, 0.2, 0.7) for _ in pairs]


def test_figures_in_words_that_the_passage_states_raise_the_classifiers_bar():
    ref = "Tarif tetap Rp5.000 per penumpang untuk semua relasi dan tidak mengalami perubahan."
    judge = Judge(classifier=_Sure(), contradiction_threshold=0.5, nli_min_shared_words=0, comparable_length_ratio=1.01)
    [j] = judge.judge(["Tarifnya tidak naik, tetap lima ribu rupiah untuk semua relasi."], [[Candidate(ref, 0.94)]])
    assert j.relation != "conflicts"  # every figure stated (in words): 0.7 is below the 0.8 bar
    [j] = judge.judge(["Tarifnya naik menjadi tujuh ribu rupiah untuk semua relasi."], [[Candidate(ref, 0.94)]])
    assert j.relation == "conflicts"


def test_as_in_the_year_before_says_the_rule_holds_now():
    """"Sebagaimana tahun sebelumnya" (as the year before) keeps the figure current; "Tahun sebelumnya" alone
    tells the past."""
    from service.judge.signals import find_clashes
    ref = "Paling sedikit 25 persen dana kelurahan 2027 dipakai untuk perbaikan drainase lingkungan."
    [clash] = find_clashes(ref, "Sebagaimana tahun sebelumnya, kelurahan wajib memakai sedikitnya 15 persen dana "
                                "kelurahan 2027 untuk perbaikan drainase.")
    assert clash.draft == "15 persen"
    assert find_clashes(ref, "Tahun sebelumnya, kelurahan wajib memakai sedikitnya 15 persen dana kelurahan untuk "
                             "perbaikan drainase.") == []


def test_lalu_lintas_is_traffic_not_the_past():
    """"Korps Lalu Lintas Polri" names the traffic police: its earlier start date is a change, not history."""
    ref = "Korps Lalu Lintas Polri mewajibkan penumpang memakai sabuk pengaman mulai 1 Agustus 2026."
    [clash] = find_clashes(ref, "Korps Lalu Lintas Polri mewajibkan penumpang memakai sabuk pengaman mulai 1 Juli 2026.")
    assert clash.kind == "date" and clash.draft == "1 Juli 2026"
    assert find_clashes(ref, "Bulan lalu, Korps Lalu Lintas Polri menyebut kewajiban itu berlaku mulai 1 Juli "
                             "2026.") == []


def test_the_last_such_event_is_told_as_past():
    """"yang pada Syawalan lalu menemukan balon liar pada ketinggian hingga 10.000 meter" reports what was found, not
    the height now allowed. Written for this project."""
    reference = "Balon udara yang ditambatkan masih diperbolehkan dengan ketinggian paling tinggi 150 meter."
    assert find_clashes(reference, "AirNav Indonesia, yang pada Syawalan lalu menemukan balon liar pada ketinggian "
                                   "hingga 10.000 meter, menyepakati larangan ini.") == []
    assert find_clashes(reference, "Balon udara yang ditambatkan boleh terbang dengan ketinggian hingga 300 meter.")
