"""scripts/gdb/rvmm: gdb commands that read rvmm's data structures (docs/debugging.md)."""
