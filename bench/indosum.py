"""IndoSum articles as benchmark data: positions to load and drafts to check.

IndoSum (Kurniawan & Louvan, IALP 2018; CC BY-SA 4.0) is read from
``../shared/data/indosum`` (the dev folds, de-duplicated by id) and never copied
into the repository. Articles are tokenised; :func:`detokenise_paragraph` joins tokens back
into text that reads like the original (no space before closing punctuation,
quotes attached to what they quote, "27/3" kept together).

Everything here is deterministic (fixed seed), so two runs check the same drafts
against the same corpus.
"""

from __future__ import annotations

import glob
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indosum"

_NO_SPACE_BEFORE = {",", ".", ")", "]", "}", ";", ":", "?", "!", "%", "”", "’", "...", "…", "'s", "’s", "-nya"}
_NO_SPACE_AFTER = {"(", "[", "{", "“", "‘"}
_TOGGLE_QUOTES = {'"', "'"}
_GLUE = {"/", "-"}  # joined to both neighbours: "27/3", "dan/atau", "e-KTP"


def detokenise_paragraph(sentences: list[list[str]], dateline: bool = False) -> list[str]:
    """Tokenised sentences of one paragraph → texts with natural spacing.

    Quote state carries across sentences (a quotation often spans several). A "-"
    is glued to its neighbours ("e-KTP", "2-0", "ke-25") except in an article's
    dateline ("Jakarta, CNN Indonesia -- Presiden ..."), where ``dateline`` is set
    for the paragraph's first sentence.
    """
    open_quote = {q: False for q in _TOGGLE_QUOTES}
    out_sentences = []
    for n, tokens in enumerate(sentences):
        toks = [t.replace("\xa0", " ").strip() for t in tokens]
        toks = [t for t in toks if t]
        out: list[str] = []
        attach_next = False  # the previous token wants the next one glued to it
        i = 0
        while i < len(toks):
            tok = toks[i]
            glue_left = False
            if tok == "-" and dateline and n == 0 and i < 12:
                if i + 1 < len(toks) and toks[i + 1] == "-":
                    tok, i = "--", i + 1
                nxt_attach = False
            elif tok in _TOGGLE_QUOTES:
                if open_quote[tok]:  # closing quote: glue to the left
                    glue_left, nxt_attach = True, False
                    open_quote[tok] = False
                else:  # opening quote: glue to the right
                    open_quote[tok] = True
                    nxt_attach = True
            elif tok in _NO_SPACE_BEFORE:
                glue_left, nxt_attach = True, False
            elif tok in _NO_SPACE_AFTER:
                nxt_attach = True
            elif tok in _GLUE:
                glue_left, nxt_attach = True, True
            else:
                nxt_attach = False
            if out and not glue_left and not attach_next:
                out.append(" ")
            out.append(tok)
            attach_next = nxt_attach
            i += 1
        text = "".join(out).strip()
        if text:
            out_sentences.append(text)
    return out_sentences


@dataclass
class Article:
    """One de-duplicated IndoSum article, detokenised."""

    id: str
    source: str
    category: str
    title: str
    paragraphs: list[list[str]]  # sentences (text) per paragraph

    @property
    def text(self) -> str:
        """Paragraphs separated by blank lines, sentences by spaces."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_articles(data_dir: Path = DEFAULT_DATA) -> tuple[list[Article], str]:
    """All dev-fold articles, de-duplicated by id and sorted by id; and a checksum of the files."""
    files = sorted(glob.glob(str(Path(data_dir) / "dev.0[1-5].jsonl")))
    if not files:
        raise SystemExit(f"no IndoSum dev files in {data_dir} (expected dev.01.jsonl … dev.05.jsonl)")
    digest = hashlib.sha256()
    seen: dict[str, Article] = {}
    for path in files:
        raw = Path(path).read_bytes()
        digest.update(raw)
        for line in raw.decode("utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj["id"] in seen:
                continue
            paragraphs = [detokenise_paragraph(para, dateline=(k == 0)) for k, para in enumerate(obj["paragraphs"])]
            paragraphs = [p for p in paragraphs if p]
            if not paragraphs:
                continue
            first = paragraphs[0][0]
            title = first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "…"
            seen[obj["id"]] = Article(obj["id"], obj.get("source") or "unknown", obj.get("category") or "",
                                      title, paragraphs)
    return [seen[k] for k in sorted(seen)], digest.hexdigest()[:16]


@dataclass
class Draft:
    """A draft press statement to check."""

    id: str
    text: str
    sentences: int  # source sentences used
    words: int
    planted: list[str] = field(default_factory=list)  # loaded sentences with a changed number


@dataclass
class Corpus:
    """The benchmark split: articles to load (in load order) and held-out articles for drafts."""

    load: list[Article]
    held_out: list[Article]
    agencies: list[str]
    checksum: str
    _draft_cursor: tuple[int, int, int] = (0, 0, 0)  # article, paragraph, sentence
    _drafts_made: int = 0
    _planted: list[str] = field(default_factory=list)
    _plant_cursor: int = 0

    def position(self, article: Article, agency: str | None = None, copy_round: int | None = None) -> dict:
        """The POST /v1/positions item for an article, or its ``copy_round``-th republished copy under ``agency``."""
        agency = agency or article.source
        pid = article.id if copy_round is None else f"{_slug(agency)}/{copy_round}/{article.id}"
        return {"id": pid, "title": article.title, "text": article.text, "agency": agency,
                "kind": "statement", "topics": [article.category] if article.category else []}

    def copy_agency(self, article: Article, round_: int) -> str:
        """Another agency than the article's own, different for every republishing round."""
        others = [a for a in self.agencies if a != article.source]
        return others[(round_ + hash_int(article.id)) % len(others)]

    def next_draft(self, words: int = 500, max_sentences: int = 30, plant: int = 0) -> Draft:
        """The next distinct draft: consecutive held-out sentences (paragraphs kept) up to ~``words`` words.

        With ``plant`` > 0, that many sentences are replaced by sentences of already-loaded
        articles whose first number is changed, so the judge finds real number clashes.
        """
        a, p, s = self._draft_cursor
        paragraphs: list[list[str]] = []
        taken = 0
        n_words = 0
        planted_words = 20 * plant  # about what a planted sentence adds
        while n_words + planted_words < words and taken + plant < max_sentences:
            if a >= len(self.held_out):
                raise RuntimeError("ran out of held-out articles for drafts; hold out more")
            art = self.held_out[a]
            if p >= len(art.paragraphs):
                a, p, s = a + 1, 0, 0
                paragraphs.append([])  # a new article starts a new paragraph
                continue
            sentence = art.paragraphs[p][s]
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(sentence)
            taken += 1
            n_words += len(sentence.split())
            if s + 1 < len(art.paragraphs[p]):
                s += 1
            else:
                p, s = p + 1, 0
                paragraphs.append([])
        paragraphs = [q for q in paragraphs if q]
        self._draft_cursor = (a, p, s)
        planted = []
        if plant:
            if not self._planted:
                raise RuntimeError("no loaded sentences with numbers to plant: call prepare_plants() first")
            # Spread the planted sentences over the draft, each as its own paragraph.
            step = max(1, len(paragraphs) // plant)
            for k in range(plant):
                original = self._planted[self._plant_cursor % len(self._planted)]
                # Each reuse of a source sentence changes its number differently: every draft stays distinct.
                changed = change_number(original, 1 + self._plant_cursor // len(self._planted))
                self._plant_cursor += 1
                planted.append(changed)
                paragraphs.insert(min(len(paragraphs), 1 + k * (step + 1)), [changed])
        text = "\n\n".join(" ".join(q) for q in paragraphs)
        self._drafts_made += 1
        return Draft(f"draft-{self._drafts_made:04d}", text, taken + plant, len(text.split()), planted)

    def prepare_plants(self, articles: list[Article]) -> int:
        """Collect sentences with a changeable number from ``articles`` (loaded before any check)."""
        found: list[str] = []
        for art in articles:
            for sent in art.sentences[1:]:  # not the first: it is also the title
                if len(sent) >= 60 and change_number(sent, 1):
                    found.append(sent)
                    break
        self._planted = found
        return len(found)


_MONTH = re.compile(r"\s*(jan|feb|mar|apr|mei|may|jun|jul|agu|aug|sep|okt|oct|nov|des|dec)", re.I)
_NUMBER = re.compile(r"(?<![\d/.,:-])(\d{1,3}(?:[.,]\d+)?)(?![\d/:-])(?!\.\d)")


def change_number(sentence: str, variant: int = 1) -> str | None:
    """The sentence with its first plain number (not a date, time or range) changed, or None.

    ``variant`` (1, 2, ...) picks a different new value for the same sentence.
    """
    for m in _NUMBER.finditer(sentence):
        token = m.group(1)
        if _MONTH.match(sentence, m.end(1)):  # a day of the month: changing it may not make a date
            continue
        if "," in token or "." in token:
            whole, frac = re.split(r"[.,]", token, maxsplit=1)
            new = f"{int(whole) + 1 + variant}{token[len(whole)]}{frac}"
        else:
            value = int(token)
            new = str(value + 2 + variant if value < 10 else value * (1 + variant))
        return sentence[: m.start(1)] + new + sentence[m.end(1):]
    return None


def hash_int(text: str) -> int:
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16)


def build_corpus(data_dir: Path = DEFAULT_DATA, held_out: int = 350, seed: int = 0) -> Corpus:
    """Shuffle articles (fixed seed), hold ``held_out`` out for drafts, the rest is loaded in this order."""
    articles, checksum = load_articles(data_dir)
    order = list(articles)
    random.Random(seed).shuffle(order)
    agencies = sorted({a.source for a in articles})
    return Corpus(load=order[held_out:], held_out=order[:held_out], agencies=agencies, checksum=checksum)
