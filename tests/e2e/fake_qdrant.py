"""A stand-in Qdrant *server* for outage tests: Qdrant's REST API over qdrant-client's local engine.

No Qdrant server binary runs here. This serves the REST endpoints the service's
:class:`~service.store.server.ServerStore` uses (through the real qdrant-client over real HTTP),
answered by ``QdrantClient(":memory:")``, which the store contract tests already hold to the same
contract as the embedded store. What the outage tests need from it is control: :meth:`stop`
closes the port (connection refused, as when a Qdrant node dies), :meth:`start` opens it again
on the same port with the data intact (as when it restarts with its volume).
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from qdrant_client import QdrantClient, models


class FakeQdrant:
    """``FakeQdrant(port).start()``; ``.url`` for SELARAS_QDRANT_URL; ``stop()`` / ``start()`` at will."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.local = QdrantClient(location=":memory:")
        self.lock = threading.Lock()  # local mode is not thread-safe
        self.requests = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control ---------------------------------------------------------------
    def start(self) -> "FakeQdrant":
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def up(self) -> bool:
        return self._server is not None

    # -- the REST API ------------------------------------------------------------
    def handle(self, method: str, path: str, query: str, body: dict[str, Any]) -> tuple[int, Any]:
        local = self.local
        if path == "/" and method == "GET":
            return 200, {"title": "qdrant - vector search engine", "version": "1.15.0"}
        if path == "/collections" and method == "GET":
            return 200, local.get_collections()
        m = re.fullmatch(r"/collections/([^/]+)(/.*)?", path)
        if not m:
            return 404, {"status": {"error": f"Not found: {path}"}}
        name, rest = m.group(1), m.group(2) or ""
        if rest == "/exists" and method == "GET":
            return 200, {"exists": local.collection_exists(name)}
        if rest == "" and method == "PUT":
            spec = models.CreateCollection(**body)  # named dense + sparse vectors, or one unnamed vector
            local.create_collection(name, vectors_config=spec.vectors, sparse_vectors_config=spec.sparse_vectors)
            return 200, True
        if not local.collection_exists(name):
            return 404, {"status": {"error": f"Not found: Collection `{name}` doesn't exist!"}}
        if rest == "" and method == "GET":
            return 200, local.get_collection(name)
        if rest == "/index" and method == "PUT":
            return 200, {"operation_id": 0, "status": "completed"}
        if rest == "/points" and method == "PUT":
            points = [models.PointStruct(**p) for p in body["points"]]
            local.upsert(name, points=points)
            return 200, {"operation_id": 0, "status": "completed"}
        if rest == "/points/query/batch" and method == "POST":
            # Local mode searches exactly anyway (and warns about search params).
            requests = [models.QueryRequest(**{**r, "params": None}) for r in body["searches"]]
            return 200, local.query_batch_points(name, requests)
        if rest == "/points/count" and method == "POST":
            flt = models.Filter(**body["filter"]) if body.get("filter") else None
            return 200, local.count(name, count_filter=flt, exact=body.get("exact", True))
        if rest == "/points/payload" and method == "POST":
            local.set_payload(name, payload=body["payload"], points=models.Filter(**body["filter"]))
            return 200, {"operation_id": 0, "status": "completed"}
        if rest == "/points/delete" and method == "POST":
            local.delete(name, points_selector=models.FilterSelector(filter=models.Filter(**body["filter"])))
            return 200, {"operation_id": 0, "status": "completed"}
        return 404, {"status": {"error": f"Not found: {method} {path}"}}


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


class _Handler(BaseHTTPRequestHandler):
    owner: FakeQdrant
    protocol_version = "HTTP/1.0"  # one request per connection: stop() leaves no live keep-alive behind

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        try:
            body = json.loads(raw) if raw else {}
            with self.owner.lock:
                self.owner.requests += 1
                status, result = self.owner.handle(self.command, path, query, body)
        except Exception as exc:  # a bug in the fake must be loud, not a silent hang
            status, result = 500, {"status": {"error": f"fake qdrant: {exc!r}"}}
        wrapped = status < 400 and path != "/"  # the root answers its version info unwrapped
        payload = {"result": _jsonable(result), "status": "ok", "time": 0.0} if wrapped else result
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _serve

    def log_message(self, *args: Any) -> None:  # quiet
        pass
