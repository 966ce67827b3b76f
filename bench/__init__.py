"""Performance benchmark: build, page and concurrency timings at 1×, 10× and 100× demo data.

`python -m bench` (or `make bench`) writes BENCHMARKS.md and benchmarks.png; see
bench/__main__.py for the options and BENCHMARKS.md for what each figure means.
"""

# Scales are written with the multiplication sign, as in BENCHMARKS.md.
