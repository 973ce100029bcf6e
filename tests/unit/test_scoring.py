"""Score and verdict: 'aligned' is assurance and needs evidence for what the draft says about positions."""

from __future__ import annotations

from service.domain import Evidence, Finding
from service.scoring import score_findings


PASSAGE = "Bantuan beras disalurkan kepada keluarga penerima manfaat setiap bulan."


def _finding(relation: str, similarity: float | None = None, kind: str = "position",
             sentence: str = "Bantuan beras untuk keluarga penerima manfaat dihentikan mulai bulan depan.") -> Finding:
    evidence = [] if similarity is None else [Evidence(position_id="p", title="P", agency="A", kind=kind,
                                                       passage=PASSAGE, similarity=similarity)]
    return Finding(sentence=sentence, start=0, end=100, relation=relation, reasons=[], evidence=evidence)


def test_an_unbacked_sentence_about_a_positions_subject_withholds_aligned():
    backed = [_finding("supports", 0.97)] * 3
    elsewhere = "Menteri mengajak pemerintah daerah memperkuat pendataan warga."
    assert score_findings(backed + [_finding("unsupported", 0.80, sentence=elsewhere)])[1] == "aligned"
    # Most of its words in a position's passage: about that position's subject, whatever the cosine.
    assert score_findings(backed + [_finding("unsupported", 0.80)])[1] == "review"
    score, verdict, summary = score_findings(backed + [_finding("unsupported", 0.91)])
    assert verdict == "review" and score >= 80 and "every sentence about a position's subject" in summary
    # Another agency's statement on the subject is no official position: it does not withhold 'aligned'.
    assert score_findings(backed + [_finding("unsupported", 0.91, kind="statement")])[1] == "aligned"
    # Close in the vector space but about something else (few shared words): no missed conflict there.
    other = _finding("unsupported", 0.91, sentence="Menteri mengajak pemerintah daerah memperkuat pendataan warga.")
    assert score_findings(backed + [other])[1] == "aligned"


def test_an_unbacked_figure_on_a_positions_topic_withholds_aligned():
    """A sentence stating a figure, date or time with an official position's passage on its topic (cosine at
    least TOPIC_SIMILARITY), which nothing backs, is a checkable fact left unchecked: no assurance."""
    backed = [_finding("supports", 0.97)] * 3
    figure = "Pendaftaran dibuka paling lambat 3x24 jam setelah pengumuman."
    assert score_findings(backed + [_finding("unsupported", 0.88, sentence=figure)])[1] == "review"
    assert score_findings(backed + [_finding("unsupported", 0.85, sentence=figure)])[1] == "aligned"
    assert score_findings(backed + [_finding("unsupported", 0.88, kind="statement", sentence=figure)])[1] == "aligned"
    plain = "Pendaftaran dibuka setelah pengumuman resmi."
    assert score_findings(backed + [_finding("unsupported", 0.88, sentence=plain)])[1] == "aligned"


def _classifier_support(p: float) -> Finding:
    from service.messages import SUPPORT_CLASSIFIER, Message
    finding = _finding("supports", 0.93)
    return finding.model_copy(update={"messages": [Message(id=SUPPORT_CLASSIFIER,
                                                           params={"title": "P", "p": p, "similarity": 0.93})]})


def test_assurance_rests_only_on_firm_support():
    """A classifier support below ALIGNED_FIRM_ENTAILMENT still reads "supports" but backs no "aligned"."""
    score, verdict, summary = score_findings([_classifier_support(0.55)] * 3)
    assert verdict == "review" and score == 100 and summary.message.id == "summary.weakly_backed"
    assert summary.message.params["weak"] == 3
    assert score_findings([_classifier_support(0.85)] * 3)[1] == "aligned"
    assert score_findings([_classifier_support(0.55), _finding("supports", 0.97), _finding("supports", 0.97)])[1] == \
        "aligned"


def test_an_unbacked_sentence_pointing_back_to_a_backed_one_withholds_aligned():
    """"Perawatan kendaraan tersebut …" speaks of what the backed sentence before it named: the position that backs
    that sentence does not back this one, whatever passages were retrieved for it."""
    backed = [_finding("supports", 0.97)] * 3
    pointing = "Perawatan kendaraan tersebut sepenuhnya diserahkan kepada desa penerima."
    assert score_findings(backed + [_finding("unsupported", 0.80, sentence=pointing)])[1] == "review"
    plain = "Perawatan kendaraan desa dilakukan setiap bulan oleh warga."
    assert score_findings(backed + [_finding("unsupported", 0.80, sentence=plain)])[1] == "aligned"
    # after an unsupported sentence, it points back to nothing a position backs
    assert score_findings([_finding("supports", 0.97)] * 3 + [_finding("unsupported", 0.80, sentence=plain),
                                                             _finding("unsupported", 0.80, sentence=pointing)])[1] \
        == "aligned"
