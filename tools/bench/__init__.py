"""Benchmarks printed by `make bench`: one module per subject, each with `run()`.

Speed and memory live here, never in timed tests. A module is picked up by
being in this package and defining `run(args) -> None`, which prints its figures.
"""
