"""Benchmarks: `python -m bench` (or `make bench`). Each area adds a module with run() -> Section."""
