"""Scope clashes: a rule stated for everyone or everywhere against one stated only for some.

"di seluruh kabupaten dan kota" against "hanya di 10 kabupaten percontohan"; "tanpa
pengecualian" against "hanya untuk barang mewah". The cues are data (``vocab/scope.json``). A
clash needs one side to use only universal cues and the other only restrictive ones (a passage
that says both, "hanya 10 kabupaten tahun ini, seluruh provinsi mulai 2027", is no evidence
either way); the judge's usual gate applies (the sentence must largely say what the passage
says). Linear: one regex pass per side.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from service.judge.signals import Clash, scoped_cache
from service.messages import CONFLICT, reason

_VOCAB = json.loads((Path(__file__).with_name("vocab") / "scope.json").read_text(encoding="utf-8"))


def _alternation(cues: list[str]) -> re.Pattern[str]:
    # A negated cue says the opposite ("tidak semua", "tidak hanya", "not all"): not a scope.
    return re.compile(r"(?<!\btidak )(?<!\btak )(?<!\bbukan )(?<!\bnot )\b(?:"
                      + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b", re.IGNORECASE)


_UNIVERSAL = _alternation(_VOCAB["universal"])
_RESTRICTIVE = _alternation(_VOCAB["restrictive"])
# A counted set of regions ("di 6 provinsi", "di sembilan provinsi", "in 45 ports") names some of them:
# restrictive, unless it counts them all ("di 38 provinsi": every province of Indonesia) or follows a
# universal word ("di seluruh 38 provinsi", caught as universal).
_REGION_TOTALS: dict[str, int] = _VOCAB["region_totals"]
_COUNT_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
                "sepuluh": 10, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}
_COUNTED = re.compile(r"\b(?:di|pada|in|at|across)\s++(\d{1,4}|" + "|".join(_COUNT_WORDS) + r")\s++("
                      + "|".join(sorted(_VOCAB["regions"], key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _counted(text: str) -> str | None:
    """The first counted set of regions that is not all of them ("di 6 provinsi"), as written."""
    for m in _COUNTED.finditer(text):
        count = m.group(1).lower()
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        total = _REGION_TOTALS.get(m.group(2).lower())
        if total is None or n < total:
            return m.group()
    return None


@scoped_cache(maxsize=4096)  # keyed by agency too: hits show in x-judge-time
def scope_of(text: str) -> tuple[str | None, str | None]:
    """(the first universal cue, the first restrictive cue or counted set of regions) written in ``text``,
    or None for each."""
    universal, restrictive = _UNIVERSAL.search(text), _RESTRICTIVE.search(text)
    return (universal.group() if universal else None, restrictive.group() if restrictive else _counted(text))


# A draft telling the past ("Tahun lalu tercatat … secara nasional") states no coverage of the policy.
_PAST_RE = re.compile(r"\b(?:tahun lalu|bulan lalu|sebelumnya|sempat|pernah|last year|previously)\b", re.IGNORECASE)


def scope_clashes(reference: str, draft: str) -> list[Clash]:
    """One clash when one text is only universal and the other only restrictive (not for a draft telling
    the past)."""
    if _PAST_RE.search(draft):
        return []
    r_all, r_some = scope_of(reference)
    d_all, d_some = scope_of(draft)
    if d_all and not d_some and r_some and not r_all:
        said, ref = d_all, r_some
    elif d_some and not d_all and r_all and not r_some:
        said, ref = d_some, r_all
    else:
        return []
    return [Clash("scope", reason(CONFLICT["scope"], draft=said, reference=ref),
                  said, ref, "scope:universal" if said == d_all else "scope:restrictive")]
