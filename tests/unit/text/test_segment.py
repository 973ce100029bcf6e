from service.text.segment import split_passages, split_sentences


def test_offsets_index_the_original_text():
    text = "  Jakarta - Pemerintah menaikkan anggaran.  Harga naik 2,5 persen!\nJudul baru\n\nKalimat ketiga?"
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Jakarta - Pemerintah menaikkan anggaran.", "Harga naik 2,5 persen!", "Judul baru", "Kalimat ketiga?",
    ]
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_numbers_abbreviations_and_initials_do_not_split():
    text = ("Dr. Sri Mulyani dan Prof. Budi hadir di Jl. Merdeka No. 5. Anggaran Rp 1.000.000 atau 2.5 persen naik. "
            "Kata M. Hatta, dll. tetap satu kalimat.")
    assert [s.text for s in split_sentences(text)] == [
        "Dr. Sri Mulyani dan Prof. Budi hadir di Jl. Merdeka No. 5.",
        "Anggaran Rp 1.000.000 atau 2.5 persen naik.",
        "Kata M. Hatta, dll. tetap satu kalimat.",
    ]


def test_a_letter_ending_a_list_of_labels_ends_its_sentence():
    """"B dan C." closes a list of grades, not an initial; "Hatta dan M. Yamin" keeps its initial."""
    text = "Kuota naik bagi sekolah berakreditasi B dan C. Sekolah berakreditasi B mengirim 30 persen."
    assert [s.text for s in split_sentences(text)] == [
        "Kuota naik bagi sekolah berakreditasi B dan C.", "Sekolah berakreditasi B mengirim 30 persen."]
    assert len(split_sentences("Buku karya Mohammad Hatta dan M. Yamin dibahas lagi.")) == 1


def test_closing_quotes_stay_with_their_sentence():
    text = 'Menteri berkata, "Kami siap." Lalu ia pergi.'
    assert [s.text for s in split_sentences(text)] == ['Menteri berkata, "Kami siap."', "Lalu ia pergi."]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_short_fragments_merge_into_next_passage():
    text = "Jakarta.\nPemerintah menetapkan defisit APBN 2026 sebesar 2,68 persen terhadap PDB nasional."
    [passage] = split_passages(text)
    assert passage.start == 0 and passage.end == len(text)


def test_adversarial_punctuation_splits_in_linear_time():
    # Issue 11: the old pattern backtracked through every run of marks (40,000 dots: 20 s) and the
    # abbreviation check re-scanned the sentence so far ("dr. " to 80,000 characters: 37 s).
    import time

    for text in ("." * 500_000, "!?…" * 170_000, "dr. " * 100_000, "1.1." * 125_000, '."' * 250_000):
        started = time.perf_counter()
        spans = split_sentences(text)
        split_passages(text)
        assert time.perf_counter() - started < 1.0, text[:8]  # ~0.01-0.1 s measured
        assert all(text[s.start:s.end] == s.text for s in spans)


def test_split_stops_one_sentence_past_the_limit():
    assert len(split_sentences("Satu. " * 10_000, limit=5)) == 6


def test_long_sentences_become_bounded_passages_at_word_boundaries():
    text = "Anggaran " + "dan ".join(f"program {i} " for i in range(400)) + "selesai."
    passages = split_passages(text)
    assert len(passages) > 1 and max(len(p.text) for p in passages) <= 600
    for p in passages:
        assert text[p.start:p.end] == p.text and not p.text.startswith(" ")
