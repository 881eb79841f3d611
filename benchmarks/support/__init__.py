"""Support code shared by the benchmarks and the tests: driving the real program in a pty.

It lives here, not in tests/, so a benchmark never imports test code; the tests import it as
`benchmarks.support` (pytest puts the repository root on the path), a benchmark script as
`support` (Python puts the script's own folder first on the path)."""
