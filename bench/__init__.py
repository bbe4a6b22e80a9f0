"""Benchmarks: `python -m bench [NAME ...]` runs every bench_*.py module, or only the named ones."""
