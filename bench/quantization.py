"""Which int8 scheme for the embedder: dynamic (today's) or static (calibrated), batched or not.

Issue 18 asked for batching that cannot change a sentence's vector. Dynamic int8 quantisation
scales activations per input tensor, so a batch's vectors depend on its other sentences; static
quantisation fixes the scales from calibration text, so batching is exact. This script measures
what each costs, on one thread (as each encoder worker runs):

- cosine of each variant's vectors to the fp32 model's (IndoNLI val premises and hypotheses,
  and sentences of the press development set; mean, minimum, 1st percentile);
- sentences per second embedded one at a time and in padded batches of 8;
- the largest difference between a sentence's vector alone and inside a batch of 8.

Variants: ``dynamic`` (the service's model file), ``static`` (every MatMul, activations calibrated
by min/max on 400 IndoSum sentences), ``static-no-attention`` (the two attention MatMuls per layer
left in float), ``static-float-ffn-out`` (also each feed-forward output projection left in float:
its inputs, after GELU, have the outliers per-tensor scales cannot hold).

Usage: ``.venv/bin/python -m bench.quantization`` (~3 min: exports fp32 and three static models to
a temporary directory).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.indosum import DEFAULT_DATA, build_corpus
from embeddings.model_cache import ensure_default_model
from embeddings.onnx_int8 import export_int8, hidden_state_module, ort_session
from embeddings.tokenizer import shared_tokenizer
from service.text.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
INDONLI_VAL = ROOT.parent / "shared" / "data" / "indonli" / "val.jsonl"
STATIC = {  # name -> MatMul nodes left in float (regex on the node name)
    "static": "",
    "static-no-attention": r"self/MatMul",
    "static-float-ffn-out": r"self/MatMul|layer\.\d+/output/dense/MatMul",
}


def export_fp32(model_dir: Path, target: Path) -> None:
    """The transformer as a float ONNX graph (ids, mask -> last hidden state)."""
    import torch

    ids = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(hidden_state_module(model_dir), (ids, torch.ones_like(ids)), str(target), dynamo=False,
                          input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                          opset_version=17)


def quantize_static_variant(fp32: Path, target: Path, exclude: str, calibration: list[list[int]]) -> None:
    """Static QDQ int8 (per-channel weights, min/max activation scales) of every MatMul not matching ``exclude``."""
    import onnx
    from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.rows = iter([{"input_ids": np.array([q], dtype=np.int64),
                               "attention_mask": np.ones((1, len(q)), dtype=np.int64)} for q in calibration])

        def get_next(self) -> dict | None:
            return next(self.rows, None)

    graph = onnx.load(str(fp32), load_external_data=False).graph
    skip = [n.name for n in graph.node if n.op_type == "MatMul" and exclude and re.search(exclude, n.name)]
    quantize_static(str(fp32), str(target), Reader(), quant_format=QuantFormat.QDQ, per_channel=True,
                    weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8,
                    calibrate_method=CalibrationMethod.MinMax, op_types_to_quantize=["MatMul"], nodes_to_exclude=skip)


def embed(session, seqs: list[list[int]], batch: int) -> np.ndarray:
    """Mean-pooled, normalised vectors, one run per ``batch`` sentences (padded, masked)."""
    out = []
    for lo in range(0, len(seqs), batch):
        chunk = seqs[lo : lo + batch]
        ids = np.zeros((len(chunk), max(map(len, chunk))), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, q in enumerate(chunk):
            ids[i, : len(q)], mask[i, : len(q)] = q, 1
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        out += [hidden[i, : len(q)].mean(0) for i, q in enumerate(chunk)]
    vectors = np.stack(out)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def main() -> int:
    """Build the variants, measure, print a markdown table."""
    cache = Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache"))
    model_dir = ensure_default_model(cache)
    tokenizer = shared_tokenizer(model_dir)
    rows = [json.loads(line) for line in INDONLI_VAL.read_text().splitlines()[:150]]
    texts = [r["premise"] for r in rows] + [r["hypothesis"] for r in rows]
    press = [json.loads(line)["text"] for line in (ROOT / "bench" / "press" / "drafts.jsonl").read_text().splitlines()]
    texts += [s.text for t in press[:40] for s in split_sentences(t)]
    seqs = tokenizer.single_ids(["query: " + t for t in texts], 512)
    corpus = build_corpus(DEFAULT_DATA)
    calibration_texts = [s.text for a in corpus.load[-400:] for s in split_sentences(a.text)[:3]]
    random.Random(1).shuffle(calibration_texts)
    calibration = tokenizer.single_ids(["query: " + t for t in calibration_texts[:400]], 512)

    with tempfile.TemporaryDirectory(prefix="selaras-quant-") as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export_fp32(model_dir, fp32)
        variants = {"fp32": fp32, "dynamic": export_int8(model_dir, cache / "onnx-int8" / model_dir.name)}
        for name, exclude in STATIC.items():
            variants[name] = Path(tmp) / f"{name}.onnx"
            quantize_static_variant(fp32, variants[name], exclude, calibration)
        reference = embed(ort_session(fp32), seqs, 1)
        lines = [f"{len(seqs)} sentences, one thread ({os.cpu_count()} CPUs)", "",
                 "| variant | cosine to fp32 mean | min | 1st pct | sentences/s alone | in batches of 8 "
                 "| max difference alone vs batched |", "|---|---:|---:|---:|---:|---:|---:|"]
        for name, path in variants.items():
            session = ort_session(path)
            t = time.perf_counter()
            alone = embed(session, seqs, 1)
            alone_rate = len(seqs) / (time.perf_counter() - t)
            t = time.perf_counter()
            batched = embed(session, seqs, 8)
            batch_rate = len(seqs) / (time.perf_counter() - t)
            cos = (alone * reference).sum(1)
            lines.append(f"| {name} | {cos.mean():.4f} | {cos.min():.4f} | {np.percentile(cos, 1):.4f} "
                         f"| {alone_rate:.0f} | {batch_rate:.0f} | {np.abs(alone - batched).max():.1e} |")
            print(f"{name} done", file=sys.stderr, flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
