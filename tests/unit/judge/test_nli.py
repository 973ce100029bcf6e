"""The trained pair classifier: committed weights intact, loading strict, judge combination right.

Fast tests check the committed files (present, SHA-256 as recorded, tensor shapes, size) and
the judge's combination logic with a stub classifier. Tests marked slow load the real base
model (a few seconds) and check the re-implemented layers and the classifier's behaviour.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from service.domain import Candidate, PassageRef
from service.judge.judge import Judge
from service.judge.nli import (
    META_FILE,
    WEIGHTS_DIR,
    WEIGHTS_FILE,
    NliClassifier,
    NliWeightsError,
    sha256_file,
)
from tests.data import shared_data

ROOT = Path(__file__).resolve().parents[3]


# --------------------------------------------------------------------------------------
# committed weights (fast)
# --------------------------------------------------------------------------------------


def test_committed_weights_present_and_match_their_record():
    weights, meta_path = WEIGHTS_DIR / WEIGHTS_FILE, WEIGHTS_DIR / META_FILE
    assert weights.is_file(), f"{weights} missing: run `selaras train nli`"
    assert meta_path.is_file(), f"{meta_path} missing: run `selaras train nli`"
    meta = json.loads(meta_path.read_text())
    assert sha256_file(weights) == meta["weights_sha256"], "committed weights differ from nli-meta.json"
    assert weights.stat().st_size <= 25_000_000
    from safetensors import safe_open

    with safe_open(str(weights), "pt") as f:
        names = set(f.keys())
        layers = {int(n.split(".")[2]) for n in names if n.startswith("encoder.layer.")}
        assert layers == set(meta["trained_layers"]) and len(layers) == meta["top_layers"]
        assert f.get_slice("head.proj.weight").get_shape() == [3, 384]
        storage = meta.get("weights_storage", "fp16")
        if storage == "fp16":
            assert all(f.get_slice(n).get_dtype() == "F16" for n in names)
        else:  # int8 layer matrices, each with its per-row scale; the rest fp16
            int8 = {n for n in names if f.get_slice(n).get_dtype() == "I8"}
            assert int8 and all(n + ".scale" in names for n in int8)
            assert all(f.get_slice(n).get_dtype() == "F16" for n in names - int8 if not n.endswith(".scale"))
    for key in ("base_fingerprint", "seed", "hyper_parameters", "data", "timing_s", "judge"):
        assert key in meta, key
    assert {"train_sha256", "val_sha256"} <= set(meta["data"])


def _copy_weights(tmp_path: Path) -> Path:
    target = tmp_path / "weights"
    shutil.copytree(WEIGHTS_DIR, target)
    return target


def test_flipped_byte_is_a_clear_error(tmp_path):
    copy = _copy_weights(tmp_path)
    path = copy / WEIGHTS_FILE
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    # The SHA-256 check runs before the base model is touched, so any path will do here.
    with pytest.raises(NliWeightsError, match="corrupt"):
        NliClassifier.load(tmp_path / "no-base-model", copy)


def test_missing_weights_or_meta_is_a_clear_error(tmp_path):
    copy = _copy_weights(tmp_path)
    (copy / WEIGHTS_FILE).unlink()
    with pytest.raises(NliWeightsError, match="missing"):
        NliClassifier.load(tmp_path, copy)
    (copy / META_FILE).unlink()
    with pytest.raises(NliWeightsError, match="missing"):
        NliClassifier.load(tmp_path, copy)


def test_int8_storage_round_trips_within_a_rows_quantisation_step():
    import torch

    from service.judge.nli import pack_trained, unpack_trained

    torch.manual_seed(0)
    state = {"encoder.layer.11.output.dense.weight": torch.randn(384, 1536) * 0.05,
             "encoder.layer.11.output.dense.bias": torch.randn(384) * 0.01,
             "head.proj.weight": torch.randn(3, 384)}
    packed = pack_trained(state, "int8")
    assert packed["encoder.layer.11.output.dense.weight"].dtype == torch.int8
    assert packed["head.proj.weight"].dtype == torch.float16  # the head stays fp16
    back = unpack_trained(packed)
    assert set(back) == set(state)
    w = state["encoder.layer.11.output.dense.weight"]
    step = w.abs().amax(dim=1, keepdim=True) / 127
    assert bool(((back["encoder.layer.11.output.dense.weight"] - w).abs() <= step / 2 + 1e-7).all())
    assert not torch.equal(back["encoder.layer.11.output.dense.weight"], w)  # it did quantise
    del packed["encoder.layer.11.output.dense.weight.scale"]
    with pytest.raises(NliWeightsError, match="scale"):
        unpack_trained(packed)
    with pytest.raises(ValueError, match="storage"):
        pack_trained(state, "int4")


# --------------------------------------------------------------------------------------
# judge combination with a stub classifier (fast)
# --------------------------------------------------------------------------------------


class Stub:
    """Returns fixed probabilities per draft sentence; records its calls."""

    def __init__(self, table: dict[str, tuple[float, float, float]]) -> None:
        self.table = table
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs, scope=""):
        self.calls.append(list(pairs))
        return [self.table.get(d, (0.1, 0.8, 0.1)) for _, d in pairs]


REF = "Pemerintah tidak menaikkan harga BBM bersubsidi hingga akhir tahun."


def _judge(stub: Stub, **kw) -> Judge:
    return Judge(classifier=stub, **{"contradiction_threshold": 0.6, "entailment_threshold": 0.6,
                                     "nli_clash_threshold": 0.89, "high_similarity_entailment": 0.2, "nli_candidates": 2,
                                     "nli_min_shared_words": 0,
                                     # the bars below are tested on their own (the stub pairs are sentence-long)
                                     "comparable_length_ratio": 1.01,
                                     # the classifier alone may call a conflict here (its bars are tested);
                                     # by default it only flags the sentence for review (next test)
                                     "classifier_alone_conflict": 0.0} | kw)


def test_classifier_contradiction_is_a_conflict_with_its_reason():
    draft = "Pertalite dan solar dijual lebih mahal mulai pekan depan."  # no rule catches this one
    stub = Stub({draft: (0.05, 0.1, 0.85)})
    [j] = _judge(stub).judge([draft], [[Candidate(REF, 0.92)]])
    assert j.relation == "conflicts"
    assert "trained classifier" in j.reasons[0] and "p=0.85" in j.reasons[0]


def test_by_default_the_classifier_alone_flags_for_review_and_never_backs():
    """No rule sees a differing fact: below ``classifier_alone_conflict`` the classifier's contradiction makes
    the sentence unsupported, naming the passage it suspects first, even where another passage restates it;
    the report is then never aligned. From the bar up it is a conflict."""
    from service.judge.policy import JudgePolicy
    from service.scoring import findings_of, score_findings
    from service.text.segment import Span

    draft = "Pertalite dan solar dijual lebih mahal mulai pekan depan."
    cands = [[Candidate(REF, 0.92), Candidate(draft, 0.98)]]  # the second restates it word for word (unscored)
    bar = JudgePolicy().classifier_alone_conflict
    default = {"classifier_alone_conflict": bar, "nli_candidates": 1}
    [j] = _judge(Stub({draft: (0.05, 0.9, 0.05)}), **default).judge([draft], cands)
    assert j.relation == "supports"  # without the classifier's contradiction, the restatement backs it
    [j] = _judge(Stub({draft: (0.05, 0.1, bar - 0.05)}), **default).judge([draft], cands)
    assert j.relation == "unsupported"
    assert "reads this as contradicting" in j.reasons[0] and f"p={round(bar - 0.05, 2)}" in j.reasons[0]
    assert j.evidence[0].passage == REF
    [finding] = findings_of([Span(draft, 0, len(draft))], [j])
    assert score_findings([finding])[1] != "aligned"
    [j] = _judge(Stub({draft: (0.05, 0.1, bar + 0.05)}), **default).judge([draft], cands)
    assert j.relation == "conflicts" and "trained classifier" in j.reasons[0]


def test_negation_clash_stands_even_when_the_classifier_says_neutral():
    draft = "Pemerintah menaikkan harga BBM bersubsidi hingga akhir tahun."
    cands = [[Candidate(REF, 0.95)]]
    for probs in ((0.9, 0.05, 0.05), (0.05, 0.9, 0.05)):  # the classifier is weakest on exactly these
        stub = Stub({draft: probs})
        [j] = _judge(stub, rule_veto_neutral=0.8).judge([draft], cands)
        assert j.relation == "conflicts" and "Negation" in j.reasons[0]
        assert stub.calls == [[(REF, draft)]]


def test_a_rule_reason_leads_the_classifier_reason():
    """A sentence that clashes by a rule with one passage and by the classifier alone with a closer one: the
    reason a person can check (here the negation) comes first, the classifier's after it."""
    draft = "Pemerintah menaikkan harga BBM bersubsidi hingga akhir tahun."
    closer = "Harga BBM bersubsidi ditinjau setiap bulan oleh pemerintah."
    cands = [[Candidate(closer, 0.96), Candidate(REF, 0.95)]]
    [j] = _judge(Stub({draft: (0.05, 0.05, 0.9)})).judge([draft], cands)
    assert j.relation == "conflicts" and len(j.reasons) == 2
    assert "Negation" in j.reasons[0] and "trained classifier" in j.reasons[1]
    assert [c.passage for c in j.evidence[:2]] == [REF, closer]


def test_date_clash_is_vetoed_when_the_classifier_is_sure_they_are_unrelated():
    # Another inauguration (a market, not the dam): a third of the words shared, the model says neutral.
    ref = "Presiden meresmikan bendungan tersebut pada 14 Februari 2026 bersama gubernur dan para bupati."
    # (No "di <place>" near the date: a date "di Klaten" would be another place's date, see _places_stated.)
    draft = "Presiden meresmikan pasar rakyat baru pada 20 Maret 2026."
    cands = [[Candidate(ref, 0.96)]]
    [j] = _judge(Stub({draft: (0.05, 0.9, 0.05)}), rule_veto_neutral=0.8).judge([draft], cands)
    assert j.relation != "conflicts"
    [j] = _judge(Stub({draft: (0.05, 0.5, 0.45)}), rule_veto_neutral=0.8).judge([draft], cands)
    assert j.relation == "conflicts" and "Date differs" in j.reasons[0]
    [j] = _judge(Stub({draft: (0.05, 0.9, 0.05)})).judge([draft], cands)  # no veto configured
    assert j.relation == "conflicts"


def test_a_sentence_in_the_other_language_keeps_its_clash_from_the_veto_at_less_shared_wording():
    """An English sentence shares fewer words with an Indonesian passage by nature: at a share that lets the
    classifier veto a same-language clash (a third of the words), the translated one keeps its clash."""
    ref = "Pinjaman dikelola oleh Lembaga Pengelola Dana Pendidikan dengan plafon paling tinggi Rp40 juta per mahasiswa."
    english = "Under the scheme, students may borrow up to IDR 50 million each, with the fund managing the loans."
    indonesian = "Dalam skema itu, mahasiswa dapat meminjam hingga Rp50 juta, dengan lembaga swasta sebagai penyalur kredit."
    neutral = (0.05, 0.9, 0.05)
    judge = _judge(Stub({english: neutral, indonesian: neutral}), rule_veto_neutral=0.8, veto_max_coverage=0.4,
                   crosslingual_drop=0.03, crosslingual_coverage_drop=0.1)
    [j] = judge.judge([english], [[Candidate(ref, 0.95)]])
    assert j.relation == "conflicts" and "IDR 50 million" in j.reasons[0]
    [j] = judge.judge([indonesian], [[Candidate(ref, 0.95)]])
    assert j.relation != "conflicts"


def test_the_names_in_a_positions_title_keep_a_clash_from_the_veto():
    """The passage shares a third of the sentence's words; the rest name the toll road its position's title
    names. The sentence is about what the passage is about, whatever the classifier says."""
    ref = "Tarif golongan I untuk perjalanan penuh naik dari Rp61.500 menjadi Rp64.000."
    draft = "Untuk golongan I, perjalanan penuh dari Kayu Agung ke Palembang dikenai Rp66.000."
    neutral = Stub({draft: (0.05, 0.9, 0.05)})
    titled = PassageRef(position_id="tol-kapal", title="Penyesuaian tarif Tol Kayu Agung–Palembang")
    [j] = _judge(neutral, rule_veto_neutral=0.8, veto_max_coverage=0.5).judge([draft], [[Candidate(ref, 0.95, titled)]])
    assert j.relation == "conflicts" and "Rp66.000" in j.reasons[0]
    untitled = PassageRef(position_id="tol-kapal", title="Penyesuaian tarif tol")
    [j] = _judge(neutral, rule_veto_neutral=0.8, veto_max_coverage=0.5).judge([draft], [[Candidate(ref, 0.95, untitled)]])
    assert j.relation != "conflicts"


def test_a_restated_sentence_with_another_date_is_never_vetoed():
    # The same statement with the date changed: the model's "neutral" is its blind spot for changed
    # figures, so the veto does not apply once most of the sentence's words are the reference's.
    ref = "Presiden meresmikan bendungan tersebut pada 14 Februari 2026."
    draft = "Presiden meresmikan bendungan tersebut pada 20 Maret 2026."
    [j] = _judge(Stub({draft: (0.05, 0.9, 0.05)}), rule_veto_neutral=0.8).judge([draft], [[Candidate(ref, 0.96)]])
    assert j.relation == "conflicts" and "Date differs" in j.reasons[0]


def test_a_sentence_holding_most_of_the_passages_words_keeps_its_clash_from_the_veto():
    """The sentence wraps the passage's statement in who asks whom (a third of its words are the passage's), but
    most of the passage's words are in it: the same rule with another figure, whatever the classifier says."""
    ref = "Makanan wajib sampai kepada jemaah paling lambat 2 jam setelah selesai dimasak."
    draft = ("Kementerian Agama juga meminta penyedia katering memastikan makanan tiba di hotel jemaah paling lambat "
             "4 jam setelah dimasak.")
    neutral = Stub({draft: (0.05, 0.92, 0.03)})
    [j] = _judge(neutral, rule_veto_neutral=0.6, veto_max_coverage=0.4).judge([draft], [[Candidate(ref, 0.91)]])
    assert j.relation == "conflicts" and "4 jam" in j.reasons[0]
    other = "Kementerian Agama juga meminta penyedia katering menyiapkan 4 jam pelatihan bagi juru masak di hotel."
    [j] = _judge(Stub({other: (0.05, 0.92, 0.03)}), rule_veto_neutral=0.6, veto_max_coverage=0.4).judge(
        [other], [[Candidate(ref, 0.91)]])
    assert j.relation != "conflicts"


def test_rule_clash_needs_the_sentence_to_say_the_same_thing_otherwise():
    # Real IndoSum sentences: two tournaments counted, different subjects (20 % of words shared).
    ref = ("Di antara banyaknya turnamen yang akan diikuti para pebulutangkis Indonesia di 2018, empat turnamen "
           "di atas akan jadi target besar yang ingin dimenangkan PBSI.")
    # (The places and names the speaker said are left out: "tiga turnamen di Thailand" would be no count
    # of the reference's, nor would one "menuju Asian Games, kata Frederick Rosandi" beside its "Indonesia".)
    draft = "Yang pasti, kami fokus untuk mengikuti tiga turnamen sebagai persiapan menuju pesta olahraga itu."
    [j] = Judge(rule_min_coverage=0.0).judge([draft], [[Candidate(ref, 0.90)]])
    assert j.relation == "conflicts"  # the number rule alone fires ...
    [j] = Judge().judge([draft], [[Candidate(ref, 0.90)]])
    assert j.relation != "conflicts"  # ... but the sentences do not say the same thing otherwise
    budget = "Pemerintah mengalokasikan anggaran Makan Bergizi Gratis sebesar Rp335 triliun dalam APBN 2026."
    changed = "Pemerintah mengalokasikan anggaran Makan Bergizi Gratis sebesar Rp350 triliun dalam APBN 2026."
    [j] = Judge().judge([changed], [[Candidate(budget, 0.97)]])
    assert j.relation == "conflicts" and "Rp350 triliun" in j.reasons[0]


def test_neighbouring_topic_is_not_a_classifier_conflict():
    stub = Stub({"x": (0.0, 0.0, 1.0)})
    [j] = _judge(stub).judge(["x"], [[Candidate(REF, 0.88)]])  # related, below the clash floor
    assert j.relation != "conflicts"
    [j] = _judge(stub).judge(["x"], [[Candidate(REF, 0.95), Candidate(REF + " Lagi.", 0.90)]])
    assert [c.similarity for c in j.evidence] == [0.95]  # the second is outside clash_margin of the best


def test_entailment_supports_and_neutral_vetoes_high_similarity():
    stub = Stub({"e": (0.9, 0.05, 0.05), "n": (0.1, 0.85, 0.05)})
    je, jn = _judge(stub).judge(["e", "n"], [[Candidate(REF, 0.88, PassageRef(title="BBM"))],
                                             [Candidate(REF, 0.93, PassageRef(title="BBM"))]])
    assert je.relation == "supports" and "p=0.90" in je.reasons[0]
    assert jn.relation == "unsupported"
    # Never cosine alone: unrelated government sentences reach 0.91-0.93 with each other.
    [rules_only] = Judge().judge(["n"], [[Candidate(REF, 0.93, PassageRef(title="BBM"))]])
    assert rules_only.relation == "unsupported"
    # A near-verbatim restatement supports only when no figure of the draft is new.
    ref = "Harga Pertalite tetap Rp10.000 per liter hingga akhir 2026."
    [same] = Judge().judge([ref.replace("tetap", "masih")], [[Candidate(ref, 0.98, PassageRef(title="BBM"))]])
    assert same.relation == "supports" and "word for word" in same.reasons[0]
    [changed] = Judge().judge([ref.replace("10.000", "12.000")], [[Candidate(ref, 0.98, PassageRef(title="BBM"))]])
    assert changed.relation != "supports"


def test_classifier_runs_once_per_draft_on_related_capped_pairs():
    stub = Stub({})
    cands = [Candidate(f"p{i}", s) for i, s in enumerate((0.95, 0.94, 0.93, 0.80))]
    _judge(stub).judge(["a", "b", "c"], [cands, cands[3:], []])
    assert len(stub.calls) == 1
    assert stub.calls[0] == [("p0", "a"), ("p1", "a")]


def test_pairs_sharing_no_word_are_neutral_without_the_model():
    unrelated = "Pertandingan final digelar di stadion utama."
    stub = Stub({unrelated: (0.9, 0.05, 0.05)})  # the model would (wrongly) call it an entailment
    judge = _judge(stub, nli_min_shared_words=1)
    ref_other = "Jadwal penerbangan haji dari Embarkasi Surabaya dimulai pekan depan."
    english = "Subsidised fuel prices will not rise before the end of the year."
    paraphrase = "Harga BBM bersubsidi tidak dinaikkan sampai akhir tahun."
    out = judge.judge([english, paraphrase, unrelated],
                      [[Candidate(REF, 0.92)], [Candidate(REF, 0.95)], [Candidate(ref_other, 0.93)]])
    # The English draft shares no Indonesian word but is scored (cross-language); the Indonesian
    # paraphrase shares words and is scored; the unrelated sentence is not sent to the model.
    assert stub.calls == [[(REF, english), (REF, paraphrase)]]
    # Scored neutral, it is not supported, not even by cosine alone (0.93 >= support threshold) ...
    assert out[2].relation == "unsupported"
    # ... while with every pair scored the model's entailment would have made it "supports".
    [j] = _judge(Stub({unrelated: (0.9, 0.05, 0.05)}), nli_min_shared_words=0).judge(
        [unrelated], [[Candidate(ref_other, 0.93)]])
    assert j.relation == "supports"


# --------------------------------------------------------------------------------------
# the real model (slow)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_model() -> Path:
    from embeddings.model_cache import ensure_default_model

    return ensure_default_model(Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache")))


@pytest.fixture(scope="module")
def classifier(base_model) -> NliClassifier:
    return NliClassifier.load(base_model)


@pytest.mark.slow
def test_layers_match_transformers_bert(base_model):
    import torch
    from transformers import BertModel

    from service.judge.nli import PairTokenizer, build_model

    model, _ = build_model(base_model, top_layers=4, dropout=0.0)
    tok = PairTokenizer(base_model)
    ids, mask = tok.pad(tok.encode([("Harga beras naik.", "Harga beras turun."), (REF, "Harga BBM tetap.")]))
    ref = BertModel.from_pretrained(str(base_model), attn_implementation="eager").eval()
    with torch.no_grad():
        want = ref(input_ids=ids, attention_mask=mask).last_hidden_state
        got = model.eval().lower(ids, mask)
        from service.judge.nli import attention_bias

        for layer in model.top:
            got = layer(got, attention_bias(mask))
    # fp16 word table: ~1e-3 difference, far below anything the head could notice
    assert float(((got - want).abs() * mask[..., None]).max()) < 5e-3


@pytest.mark.slow
def test_wrong_shapes_are_a_clear_error(tmp_path, base_model):
    import torch
    from safetensors.torch import load_file, save_file

    copy = _copy_weights(tmp_path)
    tensors = load_file(str(copy / WEIGHTS_FILE))
    tensors["head.proj.weight"] = torch.zeros((4, 384), dtype=torch.float16)
    save_file(tensors, str(copy / WEIGHTS_FILE))
    meta = json.loads((copy / META_FILE).read_text())
    meta["weights_sha256"] = sha256_file(copy / WEIGHTS_FILE)
    (copy / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(NliWeightsError, match="shape"):
        NliClassifier.load(base_model, copy)


def _val_pairs(n: int) -> tuple[list[tuple[str, str]], list[str]]:
    from service.judge.nli import iter_jsonl

    path = shared_data("indonli/val.jsonl", "IndoNLI")
    rows = [r for r in iter_jsonl(path) if r.get("label") in ("e", "n", "c")][:n]
    return [(r["premise"], r["hypothesis"]) for r in rows], [r["label"] for r in rows]


@pytest.fixture(scope="module")
def int8_classifier(base_model, tmp_path_factory) -> NliClassifier:
    return NliClassifier.load(base_model, backend="onnx-int8",
                              cache_dir=Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache")), threads=2)


@pytest.mark.slow
def test_trained_classifier_is_accurate_on_real_indonli_pairs(int8_classifier):
    # First 300 pairs of IndoNLI val (third-party, human-labelled). The committed model scores
    # ~0.73 on all of val; an untrained head or wrong base weights sit near chance (0.33).
    pairs, gold = _val_pairs(300)
    probs = int8_classifier.predict(pairs)
    pred = ["enc"[max(range(3), key=row.__getitem__)] for row in probs]
    accuracy = sum(p == g for p, g in zip(pred, gold)) / len(gold)
    assert accuracy >= 0.66, accuracy
    assert all(abs(sum(row) - 1.0) < 1e-4 for row in probs)


@pytest.mark.slow
def test_int8_backend_agrees_with_fp32_and_ignores_batch_neighbours(classifier, int8_classifier):
    pairs, _ = _val_pairs(60)
    fp32 = classifier.predict(pairs)
    int8 = int8_classifier.predict(pairs)
    agree = sum(max(range(3), key=a.__getitem__) == max(range(3), key=b.__getitem__) for a, b in zip(fp32, int8))
    assert agree / len(pairs) >= 0.85, agree  # 92 % on the 1,017 held-out pairs, equal accuracy
    diffs = [abs(x - y) for a, b in zip(fp32, int8) for x, y in zip(a, b)]
    assert sum(diffs) / len(diffs) < 0.08, sum(diffs) / len(diffs)  # a few borderline pairs swing further
    # A pair's scores do not depend on what else is in the call (one pair per ONNX run);
    # logits() bypasses predict()'s cache, so this runs the model again.
    together = int8_classifier.logits(pairs)
    assert int8_classifier.logits(pairs[7:8]).tolist() == [together[7].tolist()]
    assert int8_classifier.logits(pairs[::-1]).flip(0).tolist() == together.tolist()
    # Cached scores are the fresh ones.
    assert int8_classifier.predict(pairs[:5]) == int8[:5]


def test_figures_are_reconciled_across_positions_and_years():
    draft = "Pendapatan negara tahun 2026 ditargetkan mencapai Rp3.153,6 triliun."
    y2025 = Candidate("Pendapatan negara tahun 2025 ditargetkan mencapai Rp2.865 triliun.", 0.95, PassageRef(title="APBN 2025"))
    y2026 = Candidate("Pada 2026 pendapatan negara ditargetkan mencapai Rp3.153,6 triliun.", 0.94, PassageRef(title="APBN 2026"))
    # Another year's figure is no number contradiction (the year itself may still be questioned) ...
    [j] = Judge().judge([draft], [[y2025]])
    assert not any("Number differs" in r for r in j.reasons)
    # ... nor is a figure another position in effect states for the same thing.
    same_year = Candidate("Pendapatan negara tahun 2026 ditargetkan mencapai Rp2.865 triliun.", 0.95)
    [j] = Judge().judge([draft], [[same_year, y2026]])
    assert j.relation != "conflicts"
    # Alone, the same-year figure is a conflict.
    [j] = Judge().judge([draft], [[same_year]])
    assert j.relation == "conflicts" and "Rp3.153,6" in j.reasons[0]


def test_conflicts_carry_typed_kinds():
    from service.judge.judge import CONFLICT_KINDS

    ref = "Upacara dimulai pukul 09.00 WIB dan anggaran acara Rp5 miliar."
    [j] = Judge().judge(["Upacara dimulai pukul 10.00 WIB dan anggaran acara Rp7 miliar."], [[Candidate(ref, 0.96)]])
    assert j.relation == "conflicts" and set(j.kinds) == {"time", "number"} and set(j.kinds) <= set(CONFLICT_KINDS)
    stub = Stub({"x": (0.0, 0.0, 1.0)})
    [j] = _judge(stub).judge(["x"], [[Candidate(REF, 0.95)]])
    assert j.kinds == ["classifier"]


def test_entailment_does_not_back_a_figure_the_passage_never_states():
    # The model calls "20 kilogram" an entailment of "10 kilogram" (p=0.68 on the press dev set).
    ref = "Setiap keluarga penerima mendapat 10 kilogram beras per bulan."
    draft = "Setiap keluarga penerima mendapat 20 kilogram beras per bulan."
    [j] = _judge(Stub({draft: (0.9, 0.05, 0.05)})).judge([draft], [[Candidate(ref, 0.97)]])
    assert j.relation != "supports"


def test_a_restatement_needs_a_surer_classifier_to_conflict():
    # The same statement in other words ("ditanggung" / "gratis"): the two texts share most of their words
    # both ways and no rule sees a change, so 0.65 is not enough (0.75 is).
    ref = "Biaya pendaftaran ujian nasional ditanggung negara bagi seluruh siswa sekolah negeri."
    draft = "Seluruh siswa sekolah negeri mendapat pendaftaran ujian nasional gratis dari negara."
    cands = [[Candidate(ref, 0.95)]]
    [j] = _judge(Stub({draft: (0.1, 0.25, 0.65)})).judge([draft], cands)
    assert j.relation != "conflicts"
    [j] = _judge(Stub({draft: (0.05, 0.1, 0.85)})).judge([draft], cands)
    assert j.relation == "conflicts" and "classifier" in j.kinds
    # A short sentence against a long passage is no restatement: the calibrated bar applies.
    long_ref = ref + " Sekolah swasta menetapkan biaya sendiri sesuai ketentuan yayasan masing-masing."
    short = "Siswa sekolah negeri membayar biaya ujian."
    [j] = _judge(Stub({short: (0.1, 0.25, 0.65)})).judge([short], [[Candidate(long_ref, 0.93)]])
    assert j.relation == "conflicts"


def test_a_figure_for_other_months_is_reconciled_like_another_year():
    ref = "Bantuan beras 10 kilogram disalurkan kepada 18,3 juta keluarga untuk periode Oktober dan November 2026."
    draft = "Bantuan beras untuk periode Juni dan Juli 2026 disalurkan kepada 18,1 juta keluarga."
    [j] = Judge().judge([draft], [[Candidate(ref, 0.95)]])
    assert "number" not in j.kinds


def test_the_classifier_alone_never_calls_a_translation_a_contradiction():
    # The trace: a faithful English rendering of a position at P(contradiction) 0.85.
    ref = "Pemerintah tidak akan menaikkan harga BBM bersubsidi jenis Pertalite dan Solar hingga akhir tahun 2026."
    draft = "The government will not raise the price of subsidised Pertalite and Solar fuel until the end of 2026."
    [j] = _judge(Stub({draft: (0.05, 0.10, 0.85)})).judge([draft], [[Candidate(ref, 0.93)]])
    assert j.relation != "conflicts"
    # A rule still sees a changed figure across languages.
    price = "Harga Pertalite tetap Rp10.000 per liter hingga akhir tahun 2026."
    changed = "The price of Pertalite stays at Rp12,000 per litre until the end of 2026."
    [j] = _judge(Stub({changed: (0.05, 0.10, 0.85)})).judge([changed], [[Candidate(price, 0.93)]])
    assert j.relation == "conflicts" and "number" in j.kinds


def test_when_every_figure_stands_in_the_passage_the_classifier_needs_to_be_sure():
    ref = "Defisit anggaran tahun 2027 dijaga pada 2,4 persen terhadap PDB."
    draft = "Untuk 2027, defisit ditargetkan turun menjadi 2,4 persen PDB."  # same figures, other words
    [j] = _judge(Stub({draft: (0.1, 0.2, 0.7)})).judge([draft], [[Candidate(ref, 0.95)]])
    assert j.relation != "conflicts"
    [j] = _judge(Stub({draft: (0.02, 0.08, 0.9)})).judge([draft], [[Candidate(ref, 0.95)]])
    assert j.relation == "conflicts"


def test_a_figure_for_another_year_than_the_positions_title_says_is_reconciled():
    # The passage names no year; its position's title does.
    ref = Candidate("Program ini menjangkau 70 juta penerima manfaat.", 0.95, PassageRef(title="Makan Bergizi Gratis 2026"))
    draft = "Pada 2025, program ini menjangkau 17,5 juta penerima manfaat."
    [j] = Judge().judge([draft], [[ref]])
    assert "number" not in j.kinds
    [j] = Judge().judge(["Pada 2026, program ini menjangkau 17,5 juta penerima manfaat."], [[ref]])
    assert "number" in j.kinds


def test_a_figure_the_corpus_explains_is_not_raised_again_by_the_classifier():
    # The press dev set's trace: the draft's 2025 figure against the 2026 position (its title says
    # the year). The number rule drops it as another period; the classifier (p=0.58) must not
    # bring back the same difference as a contradiction.
    ref = Candidate("Rata-rata biaya yang dibayar jemaah haji reguler sebesar Rp54,9 juta.", 0.94,
                    PassageRef(title="Biaya haji 2026"))
    draft = "Pada 2025, rata-rata biaya yang dibayar jemaah sebesar Rp55,4 juta."
    [j] = _judge(Stub({draft: (0.1, 0.3, 0.7)})).judge([draft], [[ref]])
    assert j.relation != "conflicts"
    # For the same year the figure is a conflict, found by the rule.
    same_year = "Pada 2026, rata-rata biaya yang dibayar jemaah sebesar Rp55,4 juta."
    [j] = _judge(Stub({same_year: (0.1, 0.3, 0.7)})).judge([same_year], [[ref]])
    assert j.relation == "conflicts" and "number" in j.kinds


def test_a_figure_written_in_another_form_counts_as_stated():
    # "52 ribu hektare" is the passage's "52.000 hektare": no fact differs, so the classifier's
    # 0.6 is not enough to call the restatement a contradiction ...
    ref = "Bendungan itu menambah tampungan air 480 juta meter kubik dan mengairi 52.000 hektare lahan pertanian."
    draft = "Air dari bendungan tersebut mengairi 52 ribu hektare sawah dan lahan pertanian."
    [j] = _judge(Stub({draft: (0.2, 0.2, 0.6)})).judge([draft], [[Candidate(ref, 0.94)]])
    assert j.relation != "conflicts"
    # ... while a truly different figure is still a conflict.
    other = "Air dari bendungan tersebut mengairi 25 ribu hektare sawah dan lahan pertanian."
    [j] = _judge(Stub({other: (0.2, 0.2, 0.6)})).judge([other], [[Candidate(ref, 0.94)]])
    assert j.relation == "conflicts"


def test_a_figure_another_period_states_does_not_back_the_draft():
    # The draft gives the 2026 deficit (2,53 persen) for 2025, whose position says 2,71 persen: the
    # 2026 passage states "2,53 persen" but for another year, so it does not explain the clash away.
    y2025 = Candidate("Defisit APBN 2025 diproyeksikan sebesar Rp662 triliun atau 2,71 persen terhadap PDB.", 0.96)
    y2026 = Candidate("Defisit anggaran tahun 2026 dijaga pada Rp689,1 triliun atau 2,53 persen terhadap PDB.", 0.95)
    draft = "Pada 2025, defisit APBN diproyeksikan sebesar 2,53 persen terhadap PDB."
    [j] = Judge().judge([draft], [[y2025, y2026]])
    assert j.relation == "conflicts" and "number" in j.kinds and "2,71 persen" in j.reasons[0]
    # Given for 2026, the figure is the 2026 position's: no conflict.
    [j] = Judge().judge(["Pada 2026, defisit APBN dijaga sebesar 2,53 persen terhadap PDB."], [[y2025, y2026]])
    assert j.relation != "conflicts"


def test_a_figure_of_another_named_product_is_no_change():
    # The press dev set's clean draft: Pertamax's new price against the position's Biosolar price.
    ref = "Harga jual Pertalite dipertahankan Rp10.000 per liter dan Biosolar Rp6.800 per liter sampai 31 Desember 2026."
    other = "Sementara itu, harga Pertamax per 1 Desember 2026 disesuaikan menjadi Rp12.450 per liter."
    [j] = Judge().judge([other], [[Candidate(ref, 0.93)]])
    assert "number" not in j.kinds
    same = "Harga jual Pertalite naik menjadi Rp12.000 per liter sampai 31 Desember 2026."
    [j] = Judge().judge([same], [[Candidate(ref, 0.95)]])
    assert "number" in j.kinds


def test_the_classifier_alone_needs_the_press_floor_to_call_a_conflict():
    ref = "Pemeriksaan untuk siswa dilakukan di sekolah oleh tenaga puskesmas setiap awal tahun ajaran."
    draft = "Bagi pelajar, petugas puskesmas datang langsung ke sekolah pada awal tahun ajaran."
    calibrated = {"contradiction_threshold": 0.5}
    [j] = _judge(Stub({draft: (0.2, 0.29, 0.51)}), **calibrated).judge([draft], [[Candidate(ref, 0.93)]])
    assert j.relation != "conflicts"
    [j] = _judge(Stub({draft: (0.1, 0.2, 0.7)}), **calibrated).judge([draft], [[Candidate(ref, 0.93)]])
    assert j.relation == "conflicts" and j.kinds == ["classifier"]


def test_a_statement_against_a_statement_of_its_length_needs_a_surer_classifier():
    # A faithful paraphrase as long as its passage: the classifier's 0.87 is not enough (press3's case) ...
    ref = "Penyerapan gabah dalam negeri dilaksanakan oleh Perum Bulog dengan satu harga pembelian di seluruh provinsi."
    draft = "Perum Bulog menjadi pelaksana penyerapan gabah dan membelinya dengan harga seragam di semua provinsi."
    calibrated = {"contradiction_threshold": 0.5, "comparable_length_ratio": 0.8, "comparable_length_contradiction": 0.9}
    [j] = _judge(Stub({draft: (0.05, 0.08, 0.87)}), **calibrated).judge([draft], [[Candidate(ref, 0.91)]])
    assert j.relation != "conflicts"
    [j] = _judge(Stub({draft: (0.02, 0.03, 0.95)}), **calibrated).judge([draft], [[Candidate(ref, 0.91)]])
    assert j.relation == "conflicts"
    # ... while a short sentence against a long passage (IndoNLI's shape) keeps the calibrated bar.
    short = "Bulog membeli gabah dengan harga berbeda."
    [j] = _judge(Stub({short: (0.05, 0.08, 0.87)}), **calibrated).judge([short], [[Candidate(ref, 0.91)]])
    assert j.relation == "conflicts"


def test_almost_word_for_word_needs_the_words_too():
    """A sentence that adds "mencabut" (lifts) to a position's title sits at cosine 0.98 with it: without the
    words to back it, that is no restatement (rules only, so only the restatement path could back it)."""
    title = Candidate("Larangan pemasukan babi dan produk babi ke Bali", 0.98, PassageRef(title="ASF Bali"))
    draft = "Pemerintah mencabut larangan pemasukan babi hidup dan produk babi olahan ke Bali."
    [j] = Judge().judge([draft], [[title]])
    assert j.relation != "supports"
    [j] = Judge().judge(["Pemasukan babi dan produk babi ke Bali dilarang."], [[title]])
    assert j.relation == "supports"


def test_an_entailment_does_not_back_a_body_the_position_never_names():
    """The classifier entails both; the passage and its position name the Dinas, never the Badan Pusat Statistik:
    the sentence naming the latter is not backed (a swapped body must not read as support)."""
    ref = PassageRef(position_id="p-solar", title="Solar bersubsidi untuk nelayan", agency="Kementerian Kelautan dan Perikanan")
    passage = Candidate("Kuota solar bersubsidi dapat dimanfaatkan dua kali sebulan oleh nelayan yang terdaftar pada "
                        "Dinas Kelautan dan Perikanan kabupaten.", 0.95, ref)
    same = "Kuota solar bersubsidi dipakai dua kali sebulan oleh nelayan yang tercatat di Dinas Kelautan dan Perikanan."
    other = "Kuota solar bersubsidi dipakai dua kali sebulan oleh nelayan yang tercatat di Badan Pusat Statistik."
    judge = _judge(Stub({same: (0.9, 0.05, 0.05), other: (0.9, 0.05, 0.05)}))
    assert [j.relation for j in judge.judge([same, other], [[passage], [passage]])] == ["supports", "unsupported"]


def test_an_entailment_does_not_back_a_date_or_time_the_passage_never_states():
    """"31 Mei 2027" has the digits of "31 Maret 2027"; "16.00 WIB" those of "16.00 WITA": neither is stated."""
    passage = Candidate("Pendaftaran beasiswa ditutup 31 Maret 2027 pukul 16.00 WITA.", 0.95, PassageRef(position_id="p-b"))
    same = "Pendaftaran beasiswa ditutup 31 Maret 2027 pukul 15.00 WIB."
    other_day = "Pendaftaran beasiswa ditutup 31 Mei 2027 pukul 16.00 WITA."
    other_time = "Pendaftaran beasiswa ditutup 31 Maret 2027 pukul 16.00 WIB."
    judge = _judge(Stub({s: (0.9, 0.05, 0.05) for s in (same, other_day, other_time)}), rule_min_coverage=1.01)
    relations = [j.relation for j in judge.judge([same, other_day, other_time], [[passage]] * 3)]
    assert relations[0] == "supports" and "supports" not in relations[1:]


def test_the_classifier_alone_does_not_decide_a_negated_restatement():
    # "tidak perlu membayar … karena ditanggung" restates "ditanggung oleh": the classifier, trained where an
    # inserted "tidak" makes the contradiction, said 0.93. The negation rules decide such pairs.
    ref = "Biaya survei bagi rumah sakit kelas D milik pemerintah daerah ditanggung oleh Kementerian Kesehatan."
    draft = "Rumah sakit kelas D milik pemerintah daerah tidak perlu membayar biaya survei karena ditanggung Kementerian Kesehatan."
    [j] = _judge(Stub({draft: (0.02, 0.05, 0.93)})).judge([draft], [[Candidate(ref, 0.97)]])
    assert j.relation != "conflicts"
    # A negated sentence with a figure the passage lacks is still the classifier's to call.
    changed = "Rumah sakit kelas D tidak perlu membayar biaya survei hingga Rp5 juta karena ditanggung Kementerian Kesehatan."
    [j] = _judge(Stub({changed: (0.02, 0.05, 0.93)})).judge([changed], [[Candidate(ref, 0.95)]])
    assert j.relation == "conflicts"


def test_a_figure_stated_in_another_passage_of_the_position_the_sentence_restates_is_reconciled():
    """Written for this project: the draft gives both prices of one zone; the zone's consumer price is the passage the
    sentence restates best, its farm price stands in another passage of that position. The other zone's consumer
    passage differs in both figures, but no figure of the draft is unstated."""
    draft = ("Harga acuan penjualan di tingkat konsumen ditetapkan Rp57.000 per kilogram, sedangkan di tingkat petani "
             "Rp32.000 per kilogram.")
    east_consumer = Candidate("Harga acuan penjualan di tingkat konsumen untuk wilayah tersebut ditetapkan Rp57.000 per "
                              "kilogram.", 0.97, PassageRef(position_id="timur", start=200))
    west_consumer = Candidate("Harga acuan penjualan di tingkat konsumen untuk wilayah tersebut ditetapkan Rp45.000 per "
                              "kilogram.", 0.96, PassageRef(position_id="barat", start=200))
    east_farm = Candidate("Badan Pangan Nasional menetapkan harga acuan pembelian cabai di tingkat petani untuk wilayah "
                          "Maluku dan Papua sebesar Rp32.000 per kilogram.", 0.93, PassageRef(position_id="timur", start=0))
    [j] = Judge().judge([draft], [[east_consumer, west_consumer, east_farm]])
    assert j.relation != "conflicts"
    # A figure moved within the clashing passage's own position is still the clash.
    west_farm = Candidate("Badan Pangan Nasional menetapkan harga acuan pembelian cabai di tingkat petani untuk wilayah "
                          "Jawa dan Bali sebesar Rp25.000 per kilogram.", 0.93, PassageRef(position_id="barat", start=0))
    moved = "Harga acuan penjualan di tingkat konsumen ditetapkan Rp25.000 per kilogram."
    [j] = Judge().judge([moved], [[west_consumer, west_farm]])
    assert j.relation == "conflicts"
