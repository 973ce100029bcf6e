"""A quantised (int8) ONNX Runtime path for the embedding model, chosen by ``SELARAS_BACKEND=onnx-int8``.

Why not sentence-transformers' own ``backend="onnx"``: it needs optimum, which
pins an older transformers and drags sentence-transformers back a major
version. Exporting the transformer once with ``torch.onnx`` and quantising it
with ``onnxruntime.quantization`` needs only onnx + onnxruntime; pooling and
normalisation are a few numpy lines. :class:`OnnxSentenceModel` offers the
small part of the SentenceTransformer API that :class:`embeddings.encoder.Encoder` uses.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from embeddings.model_cache import ensure_default_model
from embeddings.tokenizer import shared_tokenizer

# The weight scheme is in every exported file's name, so a cache written under another scheme is not reused.
SCHEME = "u8w"
ONNX_FILE = f"model-int8-{SCHEME}.onnx"


def export_int8_once(target: Path, build: Callable[[], Any], output: str, output_axes: dict[int, str],
                     **quantize: Any) -> Path:
    """Export the module ``build()`` returns ((input_ids, attention_mask) → ``output``) to ONNX
    and quantise it to int8 weights at ``target``; the pair classifier exports through here too.

    Idempotent and atomic: returns ``target`` at once if it exists; otherwise a lock file
    serialises concurrent first starts and the file appears complete or not at all.
    ``quantize`` goes to ``quantize_dynamic`` (per-channel int8 weights, dynamic activations);
    :func:`exact_on_every_cpu` then stores the weights as uint8.
    """
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".export.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            return target
        # Lazy: torch and onnxruntime's quantiser take seconds to import, and only a first start exports.
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic

        module = build()
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            fp32 = Path(tmp) / "model-fp32.onnx"
            ids = torch.ones((2, 16), dtype=torch.long)
            with torch.no_grad():
                torch.onnx.export(
                    module, (ids, torch.ones_like(ids)), str(fp32), dynamo=False,
                    input_names=["input_ids", "attention_mask"], output_names=[output],
                    dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                  output: output_axes},
                    opset_version=17,
                )
            staged = Path(tmp) / target.name
            quantize_dynamic(str(fp32), str(staged), weight_type=QuantType.QInt8, per_channel=True, **quantize)
            exact_on_every_cpu(staged)
            os.replace(staged, target)
    return target


def exact_on_every_cpu(path: Path) -> int:
    """Rewrite the int8 weights of every ``MatMulInteger`` in the model at ``path`` as uint8 with
    zero point 128, in place; returns how many tensors changed.

    Why: ONNX Runtime multiplies uint8 activations by int8 weights with an instruction that adds
    two products into a saturating 16-bit sum on CPUs without AVX-512 VNNI (AVX2, plain AVX-512),
    so the same model gave other vectors and verdicts on other CPUs (stop 38: 2 more conflicting
    drafts ``aligned`` on an AVX2 machine). uint8 × uint8 runs a kernel that widens first and is
    exact everywhere. The weights' values do not change (w + 128 with zero point 128), so the
    results are those of exact int8 arithmetic, as on a VNNI CPU.
    """
    import onnx  # lazy: only an export needs it
    from onnx import numpy_helper

    model = onnx.load(str(path))
    tensors = {t.name: t for t in model.graph.initializer}
    changed: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        for name in (node.input[1], node.input[3]):  # B and its zero point
            tensor = tensors.get(name)
            if tensor is None or name in changed or tensor.data_type != onnx.TensorProto.INT8:
                continue
            shifted = numpy_helper.to_array(tensor).astype(np.int16) + 128
            tensor.CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
            changed.add(name)
    onnx.save(model, str(path))
    return len(changed)


def ort_session(path: Path, threads: int = 1) -> Any:
    """A CPU ONNX Runtime session with ``threads`` intra-op threads and no inter-op parallelism."""
    import onnxruntime as ort  # lazy: a heavy import that only loading a model needs

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def hidden_state_module(model_dir: Path) -> Any:
    """The transformer of ``model_dir`` as a module (input_ids, attention_mask) -> last hidden state."""
    # Lazy: torch and transformers take seconds to import, and only an export needs them.
    import torch
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(model_dir), local_files_only=True, attn_implementation="eager").eval()

    class _Hidden(torch.nn.Module):
        # Keyword call + plain tensor output: a graph the TorchScript exporter traces cleanly.
        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.base(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return _Hidden()


def export_int8(model_dir: Path, out_dir: Path) -> Path:
    """Export ``model_dir`` (a sentence-transformers dir with a BERT-like transformer) to int8 ONNX.

    Idempotent and atomic: returns ``out_dir / ONNX_FILE``, building it only if missing.
    """
    return export_int8_once(out_dir / ONNX_FILE, lambda: hidden_state_module(model_dir), "last_hidden_state",
                            {0: "batch", 1: "tokens"})


class OnnxSentenceModel:
    """Mean-pooled, normalised sentence embeddings from an int8 ONNX transformer."""

    def __init__(self, model_dir: Path, onnx_path: Path, threads: int = 1) -> None:
        self.session = ort_session(onnx_path, threads)
        # Shared with the pair classifier (same tokenizer.json): one ~290 MB copy per process.
        self.tokenizer = shared_tokenizer(model_dir)
        self.max_len = json.loads((model_dir / "sentence_bert_config.json").read_text()).get("max_seq_length", 512)
        config = model_dir / "config_sentence_transformers.json"
        self.prompts: dict[str, str] = json.loads(config.read_text()).get("prompts", {}) if config.is_file() else {}
        self._dim = int(json.loads((model_dir / "config.json").read_text())["hidden_size"])

    def get_embedding_dimension(self) -> int:
        """Output dimension."""
        return self._dim

    def encode(self, texts: list[str], batch_size: int = 64, prompt_name: str | None = None,
               normalize_embeddings: bool = True, **_: object) -> np.ndarray:
        """Embed ``texts`` (same contract as SentenceTransformer.encode for what Selaras uses)."""
        prefix = self.prompts.get(prompt_name, "") if prompt_name else ""
        # One text per run, on purpose: dynamic int8 quantisation scales activations per input
        # tensor, so batching made a sentence's vector depend on its neighbours (cosine down to
        # 0.9956 between batch 1 and 8) and a verdict could change with server load or after a
        # restore. Unbatched runs are deterministic, need no padding, and cost 193 vs 268
        # sentences/s per thread (IndoNLI val); the encoder's workers use the other core.
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        for i, seq in enumerate(self.tokenizer.single_ids([prefix + t for t in texts], self.max_len)):
            ids = np.array([seq], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
            vector = hidden[0].mean(axis=0)
            if normalize_embeddings:
                vector = vector / max(float(np.linalg.norm(vector)), 1e-12)
            out[i] = vector
        return out


def load_onnx_int8(model_dir: Path, cache_dir: Path, threads: int = 1) -> OnnxSentenceModel:
    """Export (once, cached beside the model) and load the int8 model for ``model_dir``."""
    onnx_dir = cache_dir / "onnx-int8" / model_dir.name
    return OnnxSentenceModel(model_dir, export_int8(model_dir, onnx_dir), threads)



if __name__ == "__main__":  # `python -m embeddings.onnx_int8`: export the default model once (make setup)
    started = time.perf_counter()
    cache = Path(os.environ.get("SELARAS_CACHE_DIR", ".cache"))
    model_dir = ensure_default_model(cache)
    path = export_int8(model_dir, cache / "onnx-int8" / model_dir.name)
    print(f"int8 ONNX model ready at {path} ({time.perf_counter() - started:.1f} s)")
