"""Benchmarks of the explainer build (`make bench`); not part of the test suite."""
