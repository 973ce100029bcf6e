"""A real PostgreSQL server for the tests: ``initdb`` + ``pg_ctl`` into a temporary directory.

PostgreSQL refuses to run as root (the tests do here and in CI), so when run as root the cluster
belongs to the ``postgres`` user (Debian's package makes it) or ``nobody``, and its processes run as
that user. The server listens on a free loopback port with fsync off (test data only); one server
serves the whole test session and each test gets its own database (:meth:`PostgresServer.database`).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from service.records.engine import database_url, open_engine
from service.records.migrate import upgrade
from service.testing import free_port

SUPERUSER = "selaras"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user to run PostgreSQL as (None: the current user is not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL")


class PostgresServer:
    """``PostgresServer(bindir).start()``; ``database()`` makes a fresh database and returns its URL."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="selaras-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.user = _run_as()

    def _run(self, *args: str) -> None:
        ids = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        env = {**os.environ, "LC_ALL": "C", **({"HOME": str(self.root)} if self.user else {})}
        done = subprocess.run(args, cwd=self.root, env=env, capture_output=True, text=True, timeout=120, **ids)
        if done.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n{log}")

    def start(self) -> "PostgresServer":
        """initdb (trust authentication, superuser ``selaras``) and start; returns when it accepts connections."""
        if self.user:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-t", "60", "start")
        return self

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The URL of one of this server's databases (as SELARAS_DATABASE_URL takes it)."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def database(self, migrated: bool = True) -> str:
        """A new, empty database (migrated to the newest schema unless ``migrated`` is False); its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        url = self.url(name)
        if migrated:
            engine = open_engine(database_url(url), pool_size=1)
            try:
                upgrade(engine)
            finally:
                engine.dispose()
        return url

    def drop(self, url: str) -> None:
        """Drop a database :meth:`database` made (every connection to it must be closed)."""
        name = make_url(url).database
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
