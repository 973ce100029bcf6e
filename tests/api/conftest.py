"""The API in-process: the real app (``create_app``), real model, real embedded store and records,
driven by litestar's ``AsyncTestClient`` (the lifespan runs, so the model and store load once).

One app for the whole session, with the sample corpus loaded over HTTP by a curator key and
three keys made directly on the app's records. Tests and fixtures share the session's event loop:
every async test under tests/api is marked ``asyncio(loop_scope="session")`` here (hook below), and
async fixtures are declared with ``loop_scope="session"``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from service.app import create_app
from service.config import Settings

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(os.environ.get("SELARAS_CACHE_DIR", ROOT / ".cache"))
CURATOR_AGENCY = "Kantor Komunikasi Kepresidenan"


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Run every async test of tests/api on the session's event loop (the one the app's client was entered on)."""
    session_loop = pytest.mark.asyncio(loop_scope="session")
    for item in items:
        if pytest_asyncio.is_async_test(item) and HERE in Path(item.path).resolve().parents:
            item.add_marker(session_loop, append=False)


def settings(data_dir: Path, **env: str) -> Settings:
    """Settings for an in-process app on ``data_dir``, read from the environment as ``selaras serve`` reads it.

    As for the uvicorn-run service of the end-to-end tests (``service.testing.selaras_env``), only
    SELARAS_MODEL is taken from the caller's environment; every other setting is the default unless
    given in ``env`` (as ``SELARAS_*`` variables, the way an operator sets them).
    """
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name.startswith("SELARAS_") and name != "SELARAS_MODEL":
                mp.delenv(name)
        for name, value in env.items():
            mp.setenv(name, value)
        return Settings(data_dir=data_dir, cache_dir=CACHE_DIR)


def auth(key: str | None) -> dict[str, str]:
    """The Authorization header for ``key`` (none for None)."""
    return {"Authorization": f"Bearer {key}"} if key else {}


@contextlib.asynccontextmanager
async def running(app: Litestar):
    """``app`` with its lifespan entered (model, store, records open), and a client for it."""
    async with AsyncTestClient(app=app, timeout=300) as client:
        yield client


@dataclass
class Api:
    """The session's app: its client, its data directory, the three keys by name."""

    client: AsyncTestClient
    data_dir: Path
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def app(self) -> Litestar:
        return self.client.app

    @property
    def records(self):
        return self.app.state.selaras.records


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def api(tmp_path_factory) -> Api:
    """The app with the sample corpus loaded over HTTP and three keys (curator, two submitters)."""
    data_dir = tmp_path_factory.mktemp("api") / "data"
    # The whole in-process suite shares these keys and sends a few hundred requests within seconds: the
    # per-key burst (60) would answer 429 to whichever test comes late. The limits have their own tests
    # (test_limits.py, on an app of their own).
    async with running(create_app(settings(data_dir, SELARAS_RATE_LIMIT_BURST="100000"))) as client:
        records = client.app.state.selaras.records
        keys = {name: records.create_key(agency, role)[1]
                for name, agency, role in (("curator", CURATOR_AGENCY, "curator"),
                                           ("sos", "Kementerian Sosial", "submitter"),
                                           ("esdm", "Kementerian ESDM", "submitter"))}
        positions = [json.loads(line) for line in (ROOT / "samples/positions.jsonl").read_text().splitlines()]
        r = await client.post("/v1/positions", json={"positions": positions}, headers=auth(keys["curator"]))
        assert r.status_code == 200, r.text
        assert {x["status"] for x in r.json()["results"]} == {"created"}
        yield Api(client, data_dir, keys)


@pytest.fixture(scope="session")
def client(api: Api) -> AsyncTestClient:
    """The session app's client (no key: pass ``headers=auth(key)``)."""
    return api.client


async def check(client: AsyncTestClient, key: str, text: str, **extra) -> dict:
    """POST /v1/checks as ``key``; the report (asserting 200)."""
    r = await client.post("/v1/checks", json={"text": text, **extra}, headers=auth(key))
    assert r.status_code == 200, r.text
    return r.json()


def cli(data_dir: Path, *args: str) -> SimpleNamespace:
    """``selaras ARGS`` against ``data_dir``, in this process: the CLI's own code and its own records
    connection (as a separate ``selaras`` process has), without starting an interpreter.
    Returns what a finished process would: ``returncode``, ``stdout``, ``stderr``."""
    from service.cli import build_parser

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parsed = build_parser().parse_args(list(args))
            code = parsed.func(parsed, settings(data_dir))
        except SystemExit as exc:  # argparse errors
            code = exc.code if isinstance(exc.code, int) else 2
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())
