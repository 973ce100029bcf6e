"""Run the real service as a subprocess (real uvicorn, model and store): used by the end-to-end tests,
the benchmark and the soak test, so they all start Selaras the way an operator does."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def selaras_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a service or CLI process on ``data_dir``.

    Only SELARAS_MODEL and SELARAS_CACHE_DIR are taken from the caller's environment;
    every other SELARAS_* setting is the service default unless given in ``extra``.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SELARAS_") or k in ("SELARAS_MODEL", "SELARAS_CACHE_DIR")}
    env.setdefault("SELARAS_CACHE_DIR", str(ROOT / ".cache"))
    env.update({"SELARAS_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **extra})
    return env


def cli(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """Run ``selaras ARGS`` against ``data_dir`` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, env=selaras_env(data_dir, **extra),
                          capture_output=True, text=True, timeout=600)


def create_key(data_dir: Path, agency: str = "bench", role: str = "curator", **extra: str) -> str:
    """``selaras keys create`` (``extra``: settings such as SELARAS_DATABASE_URL) and return the secret it prints once."""
    done = cli(data_dir, "keys", "create", "--agency", agency, "--role", role, **extra)
    if done.returncode != 0:
        raise RuntimeError(f"selaras keys create failed:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1].strip()


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak RSS), RssAnon and RssFile of ``pid`` in KiB, from /proc/<pid>/status."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = int(value.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15)


class Server:
    """A ``selaras serve`` process on a free loopback port; ``env`` overrides settings."""

    def __init__(self, data_dir: Path, log_dir: Path | None = None, **env: str) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (log_dir or data_dir.parent) / f"server-{self.port}.log"
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.start_s = 0.0

    def start(self, timeout: float = 300, probe: str = "/ready") -> "Server":
        """Start and wait until ``probe`` answers 200 (/ready: model loaded, store open; /health: up)."""
        started = time.perf_counter()
        env = selaras_env(self.data_dir, SELARAS_PORT=str(self.port), SELARAS_HOST="127.0.0.1", **self.env)
        self.proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve"], cwd=ROOT, env=env,
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}{probe}", timeout=5).status_code == 200:
                    self.start_s = time.perf_counter() - started
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server not ready in {timeout}s:\n{self.log.read_text()[-3000:]}")

    @property
    def pid(self) -> int:
        """The server's process id."""
        assert self.proc is not None
        return self.proc.pid

    def memory(self) -> dict[str, int]:
        """Resident memory of the server process (KiB)."""
        return memory_kib(self.pid)

    def cpu_seconds(self) -> float:
        """CPU seconds the server process has used so far."""
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        """Graceful stop (SIGTERM), then kill if it hangs."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def client(self, key: str | None = None, connections: int = 8, timeout: float = 300) -> httpx.Client:
        """An HTTP client for this server, with a Bearer key if given."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout,
                            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections))
