"""The curator's workbench: a server-rendered page (no scripts) for positions by agency and kind with search,
each position's versions with a word-level diff, an upload form, a retire button and the agencies' published
statements. Curator or admin keys only, as a Bearer header or a signed session (see :mod:`.curator_session`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from jinja2 import Environment, PackageLoader, select_autoescape
from litestar import Controller, MediaType, Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.params import Body, Parameter
from litestar.response import Redirect

from service.api.curator_session import COOKIE, SESSION_SECONDS, check_csrf, csrf_token, curator_of, new_session
from service.api.errors import ApiError
from service.api.overview_page import overview_charts
from service.api.query import response_language
from service.api.stats import compute, stats_query
from service.api.uploads import MAX_UPLOAD_BODY, UploadForm, load_upload
from service.config import Settings
from service.corpus import Corpus
from service.documents import DocumentError
from service.messages import gettext_for
from service.records import PositionRecord, Records
from service.text.diff import word_diff

TEMPLATES = ("curator.html", "curator_position.html", "curator_login.html", "curator_overview.html")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("service", "templates"), autoescape=select_autoescape(["html"]))


@lru_cache(maxsize=1)
def page_csp() -> str:
    """Nothing loads but the pages' own ``<style>`` (by hash); no scripts; forms post to this site only."""
    environment = _environment()
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'"
              for name in ("curator_base.html", *TEMPLATES)
              for block in re.findall(r"<style>(.*?)</style>", environment.loader.get_source(environment, name)[0], re.S)}  # type: ignore[union-attr]
    return (f"default-src 'none'; style-src {' '.join(sorted(hashes)) or 'none'}; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def render(name: str, status: int = 200, **context: Any) -> Response[str]:
    """A page of the workbench with its security headers."""
    return Response(_environment().get_template(name).render(**context), status_code=status, media_type=MediaType.HTML,
                    headers={"Content-Security-Policy": page_csp(), "Cache-Control": "no-store"})


def _login_page(request: Request, exc: HTTPException) -> Response[str]:
    return render("curator_login.html", status=exc.status_code, message=exc.detail,
                  refused=isinstance(exc, PermissionDeniedException))


@dataclass
class LoginForm:
    """The curator's API key, entered once."""

    key: str


@dataclass
class RetireForm:
    """Which position to retire, and the session's CSRF token."""

    id: str
    csrf: str | None = None


@dataclass
class PageUploadForm(UploadForm):
    """The upload form of the page: the API's fields and the session's CSRF token."""

    csrf: str | None = None


@dataclass(frozen=True)
class Row:
    """A position as the list shows it."""

    record: PositionRecord
    state: str  # active, retired or superseded


def _state(record: PositionRecord, replaced: dict[str, list[str]], records_by_id: dict[str, PositionRecord]) -> str:
    if record.status != "active":
        return "retired"
    today = date.today()
    if any(p is not None and p.in_effect(today) for p in map(records_by_id.get, replaced.get(record.id, []))):
        return "superseded"
    return "active"


class CuratorPage(Controller):
    """``/curator``: the workbench."""

    path = "/curator"
    include_in_schema = False
    exception_handlers = {NotAuthorizedException: _login_page, PermissionDeniedException: _login_page}

    @get("/")
    async def index(self, request: Request, records: Records, q: str | None = Parameter(default=None, max_length=200),
                    kind: str | None = Parameter(default=None, pattern="^(position|vision|statement)$"),
                    agency: str | None = Parameter(default=None, max_length=200)) -> Response[str]:
        """Positions by agency and kind, searchable; the published statements; the upload form."""
        curator = curator_of(request, records)
        found, total = records.search_positions(q, kind if kind != "statement" else None, agency, limit=500)
        replaced = records.superseded_by()
        by_id = {p.id: p for p in found}
        by_id.update({pid: records.get_position(pid) for ids in replaced.values() for pid in ids if pid not in by_id})
        rows = [Row(p, _state(p, replaced, by_id)) for p in found if p.kind != "statement"]
        groups = [(a, [(k, list(g)) for k, g in groupby(sorted(items, key=lambda r: r.record.kind),
                                                        key=lambda r: r.record.kind)])
                  for a, items in groupby(rows, key=lambda r: r.record.agency)]
        statements, _ = records.search_positions(q, "statement", agency, limit=200)
        return render("curator.html", curator=curator, groups=groups, statements=statements, total=total, q=q or "",
                      kind=kind or "", agency=agency or "", agencies=records.agencies(),
                      csrf=csrf_token(records, request))

    @get("/positions/{position_id:path}")
    async def position(self, request: Request, records: Records, position_id: str) -> Response[str]:
        """One position, every version, and what changed from each version to the next, word by word."""
        curator = curator_of(request, records)
        record = records.get_position(position_id.lstrip("/"))
        if record is None:
            raise NotFoundException(f"No position with id {position_id!r}.")
        versions = records.versions(record.id)
        diffs = [(new, old, word_diff(old["text"], new["text"])) for old, new in zip(versions, versions[1:])][::-1]
        replaced = records.superseded_by()
        return render("curator_position.html", curator=curator, p=record, versions=versions[::-1], diffs=diffs,
                      superseded_by=replaced.get(record.id, []), csrf=csrf_token(records, request))

    @get("/overview")
    async def overview(self, request: Request, records: Records,
                       since: str | None = Parameter(default=None, max_length=40),
                       until: str | None = Parameter(default=None, max_length=40),
                       agency: str | None = Parameter(default=None, max_length=200),
                       lang: str | None = Parameter(default=None, pattern="^(id|en)$")) -> Response[str]:
        """The communication office's overview: the figures of ``GET /v1/stats`` drawn as inline SVG charts.

        A bad window shows the form again with the reason (422), as the API would say it.
        """
        curator = curator_of(request, records)
        language = response_language(request, lang)
        query = {k: v for k, v in (("since", since), ("until", until), ("agency", agency)) if v}
        context = {"curator": curator, "_": gettext_for(language), "language": language, "agencies": records.agencies(),
                   "since": since or "", "until": until or "", "agency": agency or "", "o": None,
                   "switch_url": "?" + urlencode({**query, "lang": "en" if language == "id" else "id"}),
                   "json_url": "/v1/stats?" + urlencode({**query, "lang": language})}
        try:
            figures = await compute(records, stats_query(since, until, agency, language))
        except ApiError as exc:
            return render("curator_overview.html", status=exc.status_code, error=exc.detail, **context)
        return render("curator_overview.html", **{**context, "o": figures, "charts": overview_charts(figures, context["_"]),
                                                  "since": since or figures.since, "until": until or figures.until})

    @get("/login")
    async def login_form(self) -> Response[str]:
        """The sign-in form."""
        return render("curator_login.html", message=None, refused=False)

    @post("/login", status_code=303)
    async def login(self, request: Request, records: Records,
                    data: Annotated[LoginForm, Body(media_type=RequestEncodingType.URL_ENCODED)]) -> Response:
        """A curator or admin key starts a session; any other key is refused (403), an unknown one 401."""
        key = records.authenticate(data.key.strip())
        if key is None:
            raise NotAuthorizedException("Kunci tidak dikenal, dicabut atau kedaluwarsa. Unknown, revoked or "
                                         "expired key.")
        request.scope["user"] = key
        curator_of(request, records)
        response = Redirect("/curator", status_code=303)
        response.set_cookie(COOKIE, new_session(records, key), max_age=SESSION_SECONDS, path="/curator",
                            httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response

    @post("/logout", status_code=303)
    async def logout(self) -> Response:
        """End the session (the cookie is dropped)."""
        response = Redirect("/curator/login", status_code=303)
        response.delete_cookie(COOKIE, path="/curator")
        return response

    @post("/retire", status_code=303)
    async def retire(self, request: Request, records: Records, corpus: Corpus,
                     data: Annotated[RetireForm, Body(media_type=RequestEncodingType.URL_ENCODED)]) -> Response:
        """Retire a position (no longer used for checks; kept, listed as retired)."""
        curator_of(request, records)
        check_csrf(request, records, data.csrf)
        if await anyio.to_thread.run_sync(corpus.retire_position, data.id) is None:
            raise NotFoundException(f"No position with id {data.id!r}.")
        return Redirect(f"/curator/positions/{data.id}", status_code=303)

    @post("/upload", request_max_body_size=MAX_UPLOAD_BODY)
    async def upload(self, request: Request, records: Records, corpus: Corpus, settings: Settings,
                     data: Annotated[PageUploadForm, Body(media_type=RequestEncodingType.MULTI_PART)]) -> Response[str]:
        """Load the uploaded documents; the page says what each became, or which file was refused and why."""
        curator = curator_of(request, records)
        check_csrf(request, records, data.csrf)
        try:
            result = await load_upload(data, corpus, settings)
        except DocumentError as exc:
            return render("curator.html", status=exc.status, curator=curator, groups=[], statements=[], total=0,
                          q="", kind="", agency="", agencies=records.agencies(), csrf=csrf_token(records, request),
                          error=str(exc))
        return render("curator.html", curator=curator, groups=[], statements=[], total=0, q="", kind="", agency="",
                      agencies=records.agencies(), csrf=csrf_token(records, request), uploaded=result)
