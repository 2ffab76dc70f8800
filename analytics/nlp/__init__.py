"""Text analysis of reflections in Swedish, Norwegian Bokmål and English.

Pure functions: no ORM, no I/O, nothing logged. The workers call these; so do
the `analyse_text` command and the benchmarks.
"""
