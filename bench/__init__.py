"""Benchmarks: ``python -m bench.run`` (make bench) for the service end to end; store_bench.py for the store alone."""
