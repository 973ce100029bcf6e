"""Vector store layer: the :class:`VectorStore` protocol and its two implementations.

``EdgeStore`` / ``ServerStore`` are imported lazily so that importing this
package does not pull in qdrant-client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.store.base import Hit, Point, StoreUnavailable, VectorStore
from service.store.factory import open_store

if TYPE_CHECKING:
    from service.store.edge import EdgeStore, StoreLocked
    from service.store.server import ServerStore

__all__ = [
    "EdgeStore",
    "Hit",
    "Point",
    "ServerStore",
    "StoreLocked",
    "StoreUnavailable",
    "VectorStore",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name in ("EdgeStore", "StoreLocked"):
        from service.store import edge

        return getattr(edge, name)
    if name == "ServerStore":
        from service.store.server import ServerStore

        return ServerStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
