# tests/unit/bench.mk: bench-report.t, bench/report's reading of one boot
# (the stage and its parts, the unpacking, liveinit's overhead, RAM) from a
# made-up events file. Debian's python3 only: the chart's matplotlib is not
# needed to read a boot.
UNIT_TESTS += tests/unit/bench-report.t
