"""Run the real service in a subprocess (real uvicorn, real model, real store) for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def selaras_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a service or CLI process using ``data_dir``."""
    # Only the model and cache may be chosen from outside (e.g. a fp32 model by path); the rest is per test.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELARAS_") or k == "SELARAS_MODEL"}
    env.update({
        "SELARAS_DATA_DIR": str(data_dir),
        "SELARAS_CACHE_DIR": os.environ.get("SELARAS_CACHE_DIR", str(ROOT / ".cache")),
        "PYTHONUNBUFFERED": "1",
        **extra,
    })
    return env


def cli(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """Run ``selaras ARGS`` against ``data_dir`` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "service.cli", *args], cwd=ROOT, env=selaras_env(data_dir, **extra),
                          capture_output=True, text=True, timeout=600)


class Server:
    """A ``selaras serve`` process on a free loopback port."""

    def __init__(self, data_dir: Path, **extra: str) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"
        self.extra = extra
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> "Server":
        """Start and wait until /ready answers 200."""
        env = selaras_env(self.data_dir, SELARAS_PORT=str(self.port), SELARAS_HOST="127.0.0.1", **self.extra)
        self.proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve"], cwd=ROOT, env=env,
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server not ready in {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        """Graceful stop (SIGTERM), then kill if it hangs."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client for this server, with a Bearer key if given."""
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)
