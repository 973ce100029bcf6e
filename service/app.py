"""``create_app()``: the litestar application, its routes and lifespan-managed resources."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import AsyncIterator

import anyio
from litestar import Litestar, Request, get
from litestar.config.cors import CORSConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.datastructures import MutableScopeHeaders, State
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.types import Message, Scope

from service.api.auth import AUTH_MIDDLEWARE, RateLimiter
from service.api.checks import BatchController, CheckController, ReportController
from service.api.curator import CuratorPage
from service.api.decisions import DecisionController, FeedbackController
from service.api.deps import DEPENDENCIES
from service.api.errors import EXCEPTION_HANDLERS
from service.api.keys import KeyController
from service.api.limits import WorkLimiter
from service.api.positions import PositionController, StatementController
from service.api.stats import StatsController
from service.api.system import health, info, metrics, ready
from service.bootstrap import build_selaras, close_selaras
from service.compaction import Compactor
from service.logs import configure_logging
from service.metrics import Metrics, observe_requests
from service.config import Settings
from service.domain import Strict

log = logging.getLogger("selaras")


@get("/", include_in_schema=False)
async def index(request: Request) -> Redirect:
    """Send people who open the root URL to the API documentation."""
    return Redirect("/schema")


# On every response: no MIME sniffing, no framing, no Referer (review links carry their token in the URL).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}


def _security_headers(message: Message, scope: Scope) -> None:
    """``before_send`` hook, so errors and unknown paths get the headers too (route middleware misses those)."""
    if message["type"] != "http.response.start":
        return
    headers = MutableScopeHeaders.from_message(message)
    for name, value in SECURITY_HEADERS.items():
        if name not in headers:
            headers[name] = value
    if scope.get("path", "").startswith("/v1/") and "cache-control" not in headers:
        headers["Cache-Control"] = "no-store"  # keyed data and review links: never kept by a cache


# The review page's own script (service/static/review.js): served here, so the page loads nothing from elsewhere.
STATIC = create_static_files_router(path="/static", directories=[str(files("service") / "static")],
                                    include_in_schema=False, send_as_attachment=False)


def _strict_models_in_openapi(app: Litestar) -> None:
    """Publish what the request bodies really accept.

    litestar's pydantic schema plugin leaves out ``extra="forbid"`` and ``Field(pattern=...)``,
    so the schema claimed that unknown fields and any id were allowed while the service
    answered 422 (found by schemathesis, ST202). Both are filled in from pydantic's own schema.
    """
    strict = {cls.__name__: cls for cls in _subclasses(Strict)}
    components = app.openapi_schema.components
    for name, schema in (components.schemas or {}).items():
        model = strict.get(name)
        if model is None:
            continue
        schema.additional_properties = False  # type: ignore[union-attr]
        for field, spec in model.model_json_schema()["properties"].items():
            pattern = spec.get("pattern") or next((a["pattern"] for a in spec.get("anyOf", []) if "pattern" in a), None)
            target = (schema.properties or {}).get(field)  # type: ignore[union-attr]
            if pattern and target is not None and getattr(target, "pattern", None) is None:
                target.pattern = pattern


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def create_app(settings: Settings | None = None) -> Litestar:
    """The application; the model and stores are opened in the lifespan, not at import."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        configure_logging()  # again here: uvicorn worker processes start without the CLI's setup
        app.state.selaras = await anyio.to_thread.run_sync(build_selaras, settings)
        # The vision exemplars' vectors (seconds on a fresh install, then cached) before the first check.
        await anyio.to_thread.run_sync(app.state.selaras.checker.vision.warm)
        # Rate and work limits draw on token buckets in the records: shared by every worker and replica.
        records = app.state.selaras.records
        app.state.rate_limiter = RateLimiter(records, settings.rate_limit_per_minute, settings.rate_limit_burst)
        app.state.work_limiter = WorkLimiter(records, settings.sentences_per_minute, settings.max_concurrent_checks)
        compactor = Compactor(app.state.selaras.store, app.state.selaras.corpus.activity,
                              settings.compact_interval_s, settings.compact_idle_s,
                              settings.compact_max_wait_s).start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(compactor.stop)
            # Shutdown: uvicorn has stopped accepting and waited for in-flight requests.
            await anyio.to_thread.run_sync(close_selaras, app.state.selaras)

    return Litestar(
        route_handlers=[index, health, ready, info, metrics, PositionController, StatementController,
                        CheckController, BatchController, ReportController, DecisionController, FeedbackController,
                        KeyController, StatsController, CuratorPage, STATIC],
        on_startup=[_strict_models_in_openapi],
        lifespan=[lifespan],
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[observe_requests, AUTH_MIDDLEWARE],
        dependencies=DEPENDENCIES,
        before_send=[_security_headers],
        logging_config=None,  # service.logs configures JSON logging; litestar's default would replace it
        request_max_body_size=settings.max_body_bytes,
        cors_config=CORSConfig(allow_origins=settings.cors_origins, allow_headers=["Authorization", "Content-Type"])
        if settings.cors_origins else None,
        openapi_config=OpenAPIConfig(
            title="Selaras", version="0.1.0", path="/schema",
            # The interactive docs load their scripts from a CDN (no integrity hashes), so they are opt-in
            # (SELARAS_DOCS=true); by default /schema serves the OpenAPI document only.
            render_plugins=() if settings.docs else (JsonRenderPlugin(), YamlRenderPlugin()),
            description="Checks Indonesian government press-statement drafts against reference positions.",
            # Security is declared per controller: /health, /ready, /info and /metrics need no key.
            components=Components(security_schemes={"BearerKey": SecurityScheme(type="http", scheme="bearer")}),
        ),
        state=State({"settings": settings, "metrics": Metrics()}),
    )
