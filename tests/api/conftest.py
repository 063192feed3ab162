"""Counts schemathesis' generated cases per operation and prints them after the run."""

from collections import Counter

GENERATED = Counter()


def pytest_terminal_summary(terminalreporter):
    if GENERATED:
        total = sum(GENERATED.values())
        terminalreporter.write_sep("=", f"schemathesis: {total} generated API cases")
        for operation, count in sorted(GENERATED.items()):
            terminalreporter.write_line(f"  {operation}: {count}")
