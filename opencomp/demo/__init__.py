"""The demo book: a realistic synthetic book of claims for demos and benchmarks."""
