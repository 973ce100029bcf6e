"""Prometheus metrics: per-route requests, check stage timings, verdicts, reasons, decisions, queue depth."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any, Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, generate_latest

from service.checking import CheckTiming
from service.domain import ConflictKind, Report

access_log = logging.getLogger("selaras.access")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._\-]{1,64}")
_STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class Metrics:
    """One registry per app instance, so several apps (tests) never collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("selaras_http_requests_total", "HTTP requests", ["method", "route", "status"], registry=r)
        self.latency = Histogram("selaras_http_request_duration_seconds", "HTTP request latency",
                                 ["method", "route"], buckets=_STAGE_BUCKETS, registry=r)
        self.stage = Histogram("selaras_check_stage_seconds", "Time per check stage", ["stage"],
                               buckets=_STAGE_BUCKETS, registry=r)
        self.verdicts = Counter("selaras_check_verdicts_total", "Check verdicts", ["verdict"], registry=r)
        self.relations = Counter("selaras_sentence_relations_total", "Sentence relations", ["relation"], registry=r)
        self.reasons = Counter("selaras_conflict_reasons_total", "Conflicting sentences by kind of conflict", ["kind"],
                               registry=r)
        self.missions = Counter("selaras_vision_sentences_total", "Draft sentences by vision mission: advancing "
                                "it or pulling against it (tension)", ["mission", "relation"], registry=r)
        self.decisions = Counter("selaras_decisions_total", "Decisions recorded on conflicts, by decision and "
                                 "kind of conflict", ["decision", "kind"], registry=r)
        self.queue_depth = Gauge("selaras_encoder_queue_depth", "Embedding jobs waiting", registry=r)
        self.info = Info("selaras", "Model and corpus", registry=r)

    def observe_check(self, report: Report, timing: CheckTiming) -> None:
        """Record one finished check."""
        for stage in ("queue", "embed", "search", "judge", "total"):
            self.stage.labels(stage).observe(getattr(timing, f"{stage}_ms") / 1000)
        self.verdicts.labels(str(report.verdict)).inc()
        for finding in report.findings:
            self.relations.labels(str(finding.relation)).inc()
            for kind in finding.kinds:
                self.reasons.labels(str(kind)).inc()
            # Missions are a closed set the curators load (label values stay few).
            # A sentence that advances a mission may conflict with a position for another reason: only a
            # vision conflict is a tension.
            relation = "tension" if ConflictKind.VISION in finding.kinds else "advances"
            for mission in dict.fromkeys(link.mission for link in finding.vision):
                self.missions.labels(mission, relation).inc()

    def observe_decision(self, decision: str, kinds: list[str]) -> None:
        """Record one decision, once per kind of the conflict it is about ("unknown" for none)."""
        for kind in kinds or ["unknown"]:
            self.decisions.labels(str(decision), str(kind)).inc()

    def render(self, queue_depth: int, model: str, corpus_version: int) -> bytes:
        """The text exposition format."""
        self.queue_depth.set(queue_depth)
        self.info.info({"model": model, "corpus_version": str(corpus_version)})
        return generate_latest(self.registry)


def _request_id(scope: dict) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.fullmatch(candidate):
                return candidate
    return uuid.uuid4().hex


def observe_requests(app: Callable) -> Callable:
    """ASGI middleware: request id (echoed as ``X-Request-ID``), one JSON log line, Prometheus counts.

    The log line carries ids, agency, sizes, timings and verdict; never draft text or keys.
    """

    async def middleware(scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500, "bytes": 0}

        async def capture(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                status["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await app(scope, receive, capture)
        except Exception as exc:
            # Refused before any response (the authentication middleware's 401 and 429, raised for the
            # framework to answer): log and count the status the client gets, not a 500.
            status["code"] = getattr(exc, "status_code", 500)
            raise
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("path_template") or "unmatched"
            state = scope.get("state", {})
            key = scope.get("user")  # set by the authentication middleware
            access_log.info({
                "event": "request", "request_id": request_id, "method": scope["method"], "route": route,
                "status": status["code"], "ms": round(elapsed * 1000, 1), "bytes_out": status["bytes"],
                "agency": getattr(key, "agency", None), "key_id": getattr(key, "id", None),
                "verdict": state.get("verdict"), "sentences": state.get("sentences"),
            })
            metrics: Metrics | None = getattr(scope["app"].state, "metrics", None) if "app" in scope else None
            if metrics is not None:
                metrics.requests.labels(scope["method"], route, str(status["code"])).inc()
                metrics.latency.labels(scope["method"], route).observe(elapsed)

    return middleware
