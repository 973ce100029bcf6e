"""English-Indonesian template pairs (training/crosslingual.py): rendering, labels by kind, the object split."""

from __future__ import annotations

from dataclasses import replace

from training import crosslingual as xl


def test_a_fact_renders_as_the_same_pieces_in_both_languages():
    fact = xl.Fact(subject=0, cls="amount", action=0, side=0, obj=0, extra=0, time=0, negated=False)
    assert fact.render(0) == "Pemerintah akan menaikkan harga BBM bersubsidi sebesar 10 persen mulai Januari 2026."
    assert fact.render(1) == "The government will raise subsidised fuel prices by 10 percent from January 2026."
    negated = replace(fact, negated=True, side=1, time=None)
    assert negated.render(1) == "The government will not lower subsidised fuel prices by 10 percent."


def test_pairs_cross_languages_and_are_labelled_by_kind():
    pairs = xl.generate(400, seed=13)
    assert pairs == xl.generate(400, seed=13)
    assert len(pairs) == len({(p.premise, p.hypothesis) for p in pairs}) >= 390
    labels = {"x:translation": "e", "x:antonym": "c", "x:negation": "c", "x:figure": "c", "x:time": "c",
              "x:period": "c", "x:other-object": "n", "x:adds-time": "n"}
    for p in pairs:
        assert p.label == labels[p.kind]
        # one side in each language: exactly one of them opens with an English subject
        english = [t.startswith(("The ", "Bank Indonesia will")) for t in (p.premise, p.hypothesis)]
        assert sum(english) == 1, p
        if p.kind == "x:translation":
            assert ("will not" in p.premise + p.hypothesis) == ("tidak akan" in p.premise + p.hypothesis)


def test_diagnostic_pairs_are_about_objects_never_trained_on():
    def objects(pairs):
        found = set()
        for p in pairs:
            for cls, items in xl._VOCAB["objects"].items():
                for i, (id_, en) in enumerate(items):
                    if id_ in p.premise + p.hypothesis or en in p.premise + p.hypothesis:
                        found.add((cls, i))
        return found

    train, diag = objects(xl.generate(600, 13)), objects(xl.generate(200, 13, diagnostic=True))
    assert train and diag and not train & diag
