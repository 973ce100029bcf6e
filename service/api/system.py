"""Operational endpoints: liveness, readiness, model info, Prometheus metrics."""

from __future__ import annotations

import logging

import anyio
from litestar import Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from pydantic import BaseModel

from service.bootstrap import Selaras
from service.config import Settings
from service.metrics import Metrics
from service.store.base import StoreUnavailable

log = logging.getLogger("selaras")


class NotReady(BaseModel):
    """Why the service cannot take checks now."""

    status: str
    reason: str


@get("/health", tags=["system"], summary="Liveness", operation_id="getHealth")
async def health() -> dict[str, str]:
    """The process is up and the event loop answers."""
    return {"status": "ok"}


@get("/ready", tags=["system"], summary="Readiness: model loaded and stores reachable", operation_id="getReadiness",
     responses={503: ResponseSpec(data_container=NotReady, description="Not ready, with the reason",
                                  generate_examples=False)})
async def ready(request: Request) -> Response[dict]:
    """200 when a check could run now; 503 with the reason otherwise."""
    # Not through DI: while the lifespan is still loading the model there is no core to provide.
    selaras: Selaras | None = getattr(request.app.state, "selaras", None)
    if selaras is None:
        return Response({"status": "starting", "reason": "the model is still loading"}, status_code=503)
    # Any failure means not ready. The answer names the part only: error texts (paths, hosts, driver
    # messages) go to the log, not to an endpoint anyone may call.
    problems = []
    try:
        await anyio.to_thread.run_sync(selaras.corpus.ping_store)
    except Exception as exc:
        log.warning("not ready: vector store: %s", exc)
        problems.append("vector store unavailable")
    try:
        selaras.records.ping()
    except Exception as exc:
        log.warning("not ready: records database: %s", exc)
        problems.append("records database unavailable")
    if problems:
        return Response({"status": "unavailable", "reason": "; ".join(problems)}, status_code=503)
    return Response({"status": "ready", "model": selaras.encoder.model_name,
                     "corpus_version": selaras.corpus.version()})


@get("/info", tags=["system"], summary="Model, store and limits", operation_id="getInfo")
async def info(selaras: Selaras, settings: Settings) -> dict:
    """What this instance runs with (no secrets)."""
    return {
        "model": selaras.encoder.model_name, "dimension": selaras.encoder.dim, "judge": selaras.checker.judge.name,
        "store": "qdrant-server" if settings.qdrant_url else "qdrant-edge (embedded)",
        "corpus_version": selaras.corpus.version(), "passages": await anyio.to_thread.run_sync(_passages, selaras),
        "limits": {"max_body_bytes": settings.max_body_bytes, "max_sentences": settings.max_sentences,
                   "max_sentence_chars": settings.max_sentence_chars,
                   "max_positions_per_request": settings.max_positions_per_request,
                   "max_queue": settings.max_queue},
    }


def _passages(selaras: Selaras) -> int | None:
    try:
        return selaras.store.count()
    except StoreUnavailable:  # /info stays up while the store is away; /ready says why
        return None


@get("/metrics", tags=["system"], summary="Prometheus metrics", operation_id="getMetrics",
     media_type="text/plain; version=0.0.4")
async def metrics(selaras: Selaras, metrics: Metrics) -> Response[bytes]:
    """Prometheus text format."""
    body = metrics.render(selaras.encoder.queue_depth, selaras.encoder.model_name, selaras.corpus.version())
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")
