"""The int8 models compute exact integer products on every CPU (stop 38 found verdicts moving between CPUs)."""

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from embeddings.onnx_int8 import exact_on_every_cpu


def _matmul_integer(path: Path, weights: np.ndarray) -> None:
    """A one-node graph as quantize_dynamic writes it: uint8 activations × int8 weights, per-column zero points."""
    k, n = weights.shape
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["A", "B", "a_zero", "b_zero"], ["Y"])], "g",
        [helper.make_tensor_value_info("A", TensorProto.UINT8, [None, k])],
        [helper.make_tensor_value_info("Y", TensorProto.INT32, [None, n])],
        initializer=[numpy_helper.from_array(weights, "B"), numpy_helper.from_array(np.array(0, np.uint8), "a_zero"),
                     numpy_helper.from_array(np.zeros(n, np.int8), "b_zero")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def _run(path: Path, activations: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"A": activations})[0]


def test_weights_become_uint8_and_products_stay_exact(tmp_path):
    rng = np.random.default_rng(7)
    # Full-range values: the case in which a saturating 16-bit kernel (AVX2 without VNNI) goes wrong.
    weights = rng.integers(-128, 128, size=(384, 96)).astype(np.int8)
    activations = rng.integers(0, 256, size=(16, 384)).astype(np.uint8)
    path = tmp_path / "m.onnx"
    _matmul_integer(path, weights)

    assert exact_on_every_cpu(path) == 2  # the weights and their zero points
    stored = {t.name: t.data_type for t in onnx.load(str(path)).graph.initializer}
    assert stored["B"] == stored["b_zero"] == TensorProto.UINT8
    exact = activations.astype(np.int64) @ weights.astype(np.int64)
    assert np.array_equal(_run(path, activations), exact)


def test_rewriting_twice_changes_nothing_more(tmp_path):
    path = tmp_path / "m.onnx"
    _matmul_integer(path, np.array([[1, -2], [3, -128]], dtype=np.int8))
    exact_on_every_cpu(path)
    assert exact_on_every_cpu(path) == 0
    assert np.array_equal(_run(path, np.array([[2, 255]], dtype=np.uint8)), np.array([[767, -32644]]))
