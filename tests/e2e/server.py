"""The real-service launcher for end-to-end tests (shared with bench/: see service/testing.py)."""

from service.testing import ROOT, Server, cli, create_key, free_port, selaras_env

__all__ = ["ROOT", "Server", "cli", "create_key", "free_port", "selaras_env"]
