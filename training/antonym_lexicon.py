"""Generate ``service/judge/vocab/antonyms_thesaurus.json`` from the Indonesian thesaurus of LibreOffice
(Debian's ``mythes-id``: ``/usr/share/mythes/th_id_ID_v2.dat``, Ali Ahmadi 2017, LGPL-2.1).

The thesaurus lists, per head word and sense, its synonyms and its antonyms (``[ant]`` lines). Kept:
antonyms of verb and adjective senses (a noun such as "abang" / "adik" is a relation, not an opposite a
press statement would assert), single words of at least four letters that are not stop words, pairs
the hand-written lexicon (``antonyms.json``) does not already hold. Each word becomes its root and the
affix templates of its form and its passive ("menuntaskan" -> tuntas: meN-kan di-kan), so "ditunda"
meets "dituntaskan" as "menunda" meets "menuntaskan". The output is data, not a run-time dependency:

    apt-get download mythes-id && dpkg-deb -x mythes-id_*.deb /tmp/mythes
    python -m training.antonym_lexicon /tmp/mythes/usr/share/mythes/th_id_ID_v2.dat
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from service.judge.signals.antonyms import _VOCAB, _id_forms, _side_forms
from service.text.words import STOP

OUT = Path(__file__).resolve().parents[1] / "service" / "judge" / "vocab" / "antonyms_thesaurus.json"
KEPT_SENSES = ("[v]", "[a]")
# The form a word was written in, and the forms that keep its sense (active and passive voice).
_SENSE_FORMS = {
    "0": "0", "meN": "meN di", "di": "meN di", "meN-kan": "meN-kan di-kan", "di-kan": "meN-kan di-kan",
    "meN-i": "meN-i di-i", "di-i": "meN-i di-i", "memper": "memper", "memper-kan": "memper-kan",
    "ber": "ber", "ter": "ter",
}  # fmt: skip
# The order templates are tried in for a root; a word no template explains is kept bare.
_TEMPLATES = ("memper-kan", "memper", "meN-kan", "meN-i", "di-kan", "di-i", "meN", "di", "ber", "ter")


def read_thesaurus(path: Path) -> tuple[list[tuple[str, str]], set[str]]:
    """(head word, antonym) pairs of the kept senses, in file order, and every single word the thesaurus
    lists (the vocabulary that tells a real root from an artefact of affix stripping; ISO-8859-1 text)."""
    lines = path.read_text(encoding="iso-8859-1").splitlines()[1:]
    pairs: list[tuple[str, str]] = []
    heads: set[str] = set()
    head, sense = "", ""
    for line in lines:
        fields = line.split("|")
        heads.update(w.strip().lower() for w in fields if w and not w.startswith("[") and " " not in w.strip())
        if not line.startswith("["):
            head = fields[0].strip().lower()
        elif fields[0] == "[ant]":
            if sense in KEPT_SENSES:
                pairs += [(head, w.strip().lower()) for w in fields[1:] if w.strip()]
        else:
            sense = fields[0]
    return pairs, heads


_PREFIXES = ("memper", "diper", "meng", "meny", "mem", "men", "me", "di", "ber", "ter", "")
_RESTORED = {"meng": ("", "k"), "meny": ("s",), "mem": ("", "p"), "men": ("", "t")}  # nasal assimilation undone


def _candidate_roots(word: str) -> list[str]:
    """Every string that some prefix, nasal restoration and suffix could have made ``word`` from, the
    longest first and, of equal length, the one without a restored letter ("mengawalkan": awal, not kawal)."""
    out: list[tuple[int, int, str]] = []
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix):]
        stems = {rest, rest[:-3] if rest.endswith("kan") else rest, rest[:-1] if rest.endswith("i") else rest}
        for stem in stems:
            out += [(len(stem), k, first + stem) for k, first in enumerate(_RESTORED.get(prefix, ("",)))]
    return [r for _, _, r in sorted(out, key=lambda t: (-t[0], t[1])) if len(r) >= 3 and r != word]


def root_and_forms(word: str, vocabulary: set[str]) -> tuple[str, str]:
    """The root of ``word`` (a head word of the thesaurus that an affix template turns into ``word``) and
    the templates that keep its sense; the bare word when no affix explains it."""
    for root in (r for r in _candidate_roots(word) if r in vocabulary):
        for template in _TEMPLATES:
            if word in _id_forms(root, template):
                return root, _SENSE_FORMS[template]
    return word, "0"


# Words whose antonymous sense is rare in news text: "baru" is mostly the adverb "just, only now"
# ("baru dapat diakses"), "lama" mostly "for a long time" (IndoNLI train: lama/baru fired on 10
# pairs, 5 of them no contradiction).
# Converses are no opposites ("dijual" and "dibeli" tell one sale from two sides; "memberi" and
# "menerima" one gift), and bounds are the quantity rule's ("maksimal empat tempat tidur" against
# "jarak minimal 1,5 meter" are two limits of two things).
# So are keeping and taking out: "premi … disimpan dalam tabungan dan baru dapat dicairkan saat bebas" is "ditabung
# dan baru bisa diambil ketika mereka bebas".
EXCLUDED = frozenset({"baru", "lama", "membeli", "menjual", "beli", "jual", "dibeli", "dijual", "memberi",
                      "menerima", "meminjam", "meminjamkan", "maksimal", "minimal", "maksimum", "minimum",
                      "ambil", "mengambil", "diambil", "simpan", "menyimpan", "disimpan"})


def usable(word: str) -> bool:
    """A single lower-case word of four letters or more that carries meaning."""
    return len(word) >= 4 and word.isalpha() and word not in STOP and word not in EXCLUDED


def build(pairs: list[tuple[str, str]], vocabulary: set[str]) -> list[dict]:
    """Lexicon entries in the schema of ``antonyms.json`` (each pair once, hand-written pairs left out)."""
    known = {form for entry in _VOCAB["pairs"] for side in (entry["a"], entry["b"]) for form in _side_forms(side)}
    seen: set[frozenset[str]] = set()
    entries = []
    for a, b in pairs:
        key = frozenset((a, b))
        if a == b or key in seen or not (usable(a) and usable(b)) or a in known or b in known:
            continue
        sides = root_and_forms(a, vocabulary), root_and_forms(b, vocabulary)
        if sides[0][0] == sides[1][0]:
            continue
        seen.add(key)
        (ra, fa), (rb, fb) = sides
        entries.append({"name": f"{a}/{b}", "a": {"id": {ra: fa}}, "b": {"id": {rb: fb}}})
    return entries


def main(argv: list[str] | None = None) -> int:
    """Write the generated lexicon beside the hand-written one."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("thesaurus", type=Path, help="th_id_ID_v2.dat of Debian's mythes-id")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    entries = build(*read_thesaurus(args.thesaurus))
    doc = {
        "_about": "Antonym pairs generated by training/antonym_lexicon.py from the verb and adjective senses "
                  "of the LibreOffice Indonesian thesaurus; same schema as antonyms.json (roots with the affix "
                  "templates of their form and its passive). Regenerate, do not edit by hand.",
        "source": "Debian package mythes-id 1:7.5.0-1, /usr/share/mythes/th_id_ID_v2.dat "
                  "(LibreOffice dictionaries, dictionaries/id/th_id_ID_v2.dat), Copyright (C) 2017 Ali Ahmadi",
        "licence": "LGPL-2.1 (the thesaurus); this derived word list is distributed under the same licence",
        "pairs": entries,
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} pairs -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
