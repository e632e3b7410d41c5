"""The originality check: fingerprints (MinHash over windows of shingles), an LSH index
that finds candidates without touching the whole corpus, and an exact alignment of the
passages two texts share. Pure Python and numpy, no Django (the services in
`registry.services.originality` keep fingerprints in the database and run reports).

See docs/originality.md for the method, its parameters and the benchmark.
"""
