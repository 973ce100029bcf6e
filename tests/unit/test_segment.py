from service.segment import split_passages, split_sentences


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
