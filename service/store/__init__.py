"""Vector store layer: the :class:`VectorStore` protocol and its two implementations.

:func:`open_store` picks one: :class:`service.store.edge.EdgeStore` (embedded qdrant-edge, the default)
or :class:`service.store.server.ServerStore` (a Qdrant server by URL), importing only the one it opens.
"""

from __future__ import annotations

from service.store.base import Hit, Point, StoreUnavailable, VectorStore
from service.store.factory import open_store

__all__ = ["Hit", "Point", "StoreUnavailable", "VectorStore", "open_store"]
