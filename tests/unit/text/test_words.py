"""The content-word tokenizer and its bilingual lexicon (service/text/vocab/bilingual.json and its extension
bilingual_extra.json)."""

from __future__ import annotations

import json
from pathlib import Path

from service.judge.signals import draft_words_covered, shared_content_words
from service.text.words import STOP, content_words, roots, translations

VOCAB = Path(__file__).resolve().parents[3] / "service/text/vocab"
LEXICON = json.loads((VOCAB / "bilingual.json").read_text())
EXTRA = json.loads((VOCAB / "bilingual_extra.json").read_text())


def test_english_words_and_their_inflections_carry_their_indonesian_roots():
    assert translations("prices") == ("harga",) and "harga" in roots("prices")
    assert "naik" in roots("raised") and "henti" in roots("stopped")
    assert translations("pemerintah") == ()  # Indonesian words are left alone


def test_the_lexicon_is_lowercase_and_every_entry_has_a_rendering():
    for english, renderings in [*LEXICON["en_id"].items(), *EXTRA["en_id"].items()]:
        assert english == english.lower() and renderings and all(r == r.lower() for r in renderings), english


def test_the_extension_adds_words_and_never_overrides_the_core_lexicon():
    assert EXTRA["en_id"] and not set(EXTRA["en_id"]) & set(LEXICON["en_id"])
    # General vocabulary of statements, irregular forms included: "graduates must serve" meets "lulusan wajib
    # mengabdi", "won" meets "menang".
    assert "abdi" in roots("serve") and "lulus" in roots("graduates") and "menang" in roots("won")
    assert draft_words_covered("Lulusan wajib mengabdi di maskapai nasional.",
                               "Graduates must serve with a national airline.") >= 0.75


def test_an_english_sentence_shares_words_with_the_indonesian_position_it_restates():
    reference = "Pemerintah tidak akan menaikkan harga BBM bersubsidi hingga akhir tahun 2026."
    draft = "The government will not raise the price of subsidised fuel until the end of 2026."
    assert draft_words_covered(reference, draft) >= 0.6 and draft_words_covered(draft, reference) >= 0.6
    assert shared_content_words(draft, reference) >= 3


def test_english_words_that_render_as_indonesian_stop_words_are_no_content():
    # "month" -> "bulan" is a stop word: it could never be found, so it does not lower the coverage.
    assert "bulan" in STOP and "month" not in content_words("per person per month")


def test_the_speaker_after_a_closing_quote_is_not_what_was_said():
    """'"…," ujar Direktur Jenderal terkait': the speaker's title is no word of the statement the passage
    could share."""
    passage = "Setiap embung wajib rampung paling lambat 90 hari kalender sejak dana diterima."
    quoted = '"Kami minta embung selesai paling lambat 120 hari sejak dana masuk ke rekening desa," ujar {}.'
    plain = quoted.format("Direktur Jenderal terkait")
    assert draft_words_covered(passage, plain) == draft_words_covered(passage, quoted.format("Menteri"))
    assert draft_words_covered(passage, plain) == 3 / 8
    # Without a quote the same words are the sentence's own.
    assert draft_words_covered(passage, plain.replace('"', "")) < 3 / 8


def test_ordered_content_words_are_content_words_in_text_order_once_each():
    from service.text.words import content_words, ordered_content_words
    text = "Pabrik seberapa pun kapasitasnya wajib memasang alat ukur emisi di pabrik."
    ordered = ordered_content_words(text)
    assert ordered[:3] == ["pabrik", "seberapa", "kapasitasnya"]
    assert set(ordered) == content_words(text) and len(ordered) == len(set(ordered))


def test_content_roots_hold_every_root_of_every_content_word():
    from service.text.words import content_roots, roots
    assert roots("penyaluran") <= content_roots("Penyaluran beras di desa.")
    assert "beras" in content_roots("Penyaluran beras di desa.") and "di" not in content_roots("Penyaluran beras di desa.")
