"""Dependency providers: what a route handler may ask for by name (litestar ``Provide``).

The service core is opened in the app's lifespan and kept on ``app.state``; handlers never reach
into the state themselves, they declare ``checker: Checker``, ``records: Records``, ``caller: ApiKey``…
"""

from __future__ import annotations

from litestar import Request
from litestar.datastructures import State
from litestar.di import Provide

from service.api.limits import WorkLimiter
from service.bootstrap import Selaras
from service.checking import Checker
from service.config import Settings
from service.corpus import Corpus
from service.metrics import Metrics
from service.records import ApiKey, Records


def provide_selaras(state: State) -> Selaras:
    """The assembled core (for the system endpoints that report on all of it)."""
    return state.selaras


def provide_checker(state: State) -> Checker:
    """The check use case."""
    return state.selaras.checker


def provide_corpus(state: State) -> Corpus:
    """The reference corpus (positions and statements)."""
    return state.selaras.corpus


def provide_records(state: State) -> Records:
    """Positions, reports and keys as stored."""
    return state.selaras.records


def provide_settings(state: State) -> Settings:
    """The configuration the app was created with."""
    return state.settings


def provide_metrics(state: State) -> Metrics:
    """Prometheus metrics of this process."""
    return state.metrics


def provide_work_limiter(state: State) -> WorkLimiter:
    """Per-key sentence quota and in-flight checks."""
    return state.work_limiter


def provide_caller(request: Request) -> ApiKey:
    """The authenticated key (routes that ask for it are guarded by :func:`service.api.auth.has_role`)."""
    return request.user


DEPENDENCIES = {
    "selaras": Provide(provide_selaras, sync_to_thread=False),
    "checker": Provide(provide_checker, sync_to_thread=False),
    "corpus": Provide(provide_corpus, sync_to_thread=False),
    "records": Provide(provide_records, sync_to_thread=False),
    "settings": Provide(provide_settings, sync_to_thread=False),
    "metrics": Provide(provide_metrics, sync_to_thread=False),
    "work_limiter": Provide(provide_work_limiter, sync_to_thread=False),
    "caller": Provide(provide_caller, sync_to_thread=False),
}
