"""The real-service launcher for the benchmark and soak test (shared with tests: see service/testing.py)."""

from service.testing import ROOT, Server, create_key, memory_kib

__all__ = ["ROOT", "Server", "create_key", "memory_kib"]
