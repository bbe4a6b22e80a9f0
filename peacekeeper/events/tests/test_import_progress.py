"""The progress of `peacekeeper import` and `generate`: a bar on a terminal, plain lines in a log."""

import io
import sys

from peacekeeper.events.commands import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_each_further_tenth_is_one_plain_line(capsys):
    bar = ProgressBar(1000, unit="B")
    for rows, done in [(10, 50), (20, 120), (30, 190), (40, 560), (50, 1000), (50, 1200)]:
        bar(rows, done)
    bar.close()
    assert capsys.readouterr().err.splitlines() == ["12% (20 rows)", "56% (40 rows)", "100% (50 rows)"]


def test_on_a_terminal_a_bar_redraws_one_line_with_the_rows_and_time_left(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = ProgressBar(48_000_000, unit="B")
    bar(100_000, 4_000_000)
    bar(1_200_000, 48_000_000)
    bar.close()
    drawn = terminal.getvalue()
    assert drawn.endswith("\n")
    assert "\n" not in drawn.rstrip("\n")  # redrawn in place, never a line per batch
    last = drawn.rstrip("\n").rpartition("\r")[2]
    assert last.startswith("100%")
    assert "48.0M/48.0M" in last
    assert "1,200,000 rows" in last
