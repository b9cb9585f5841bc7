"""Helpers for bench/run: one module per job (the platform, wrk, nginx, each scenario, the report)."""
