"""Run a `peacekeeper` command in a process that kills itself with SIGKILL (as `kill -9`) at a chosen point.

    python -m peacekeeper.events.tests.crash_driver POINT peacekeeper-arguments… [";" more-arguments…]

POINT is one of:
- `never`: run the command to its end;
- `count`: run it to its end, then print `statements=N` (the SQL statements it ran) to stderr;
- `statement:N`: die before the Nth SQL statement (inside a batch's transaction, or between two);
- `batch:N`: die once the Nth batch has been stored and reported (between batches);
- `end:N`: die when the Nth import's last batch has committed, before its end is recorded and announced;
- `restart`: first do what `peacekeeper serve` does before it serves (its recovery), then the command.

Commands separated by ";" run one after the other in the one process (saving a start-up each).

Used by test_crash_during_import.py; the database is the one DATABASE_URL names. Imports run in batches
of BATCH_SIZE, of which those changing more than LISTED reports announce them at the end (as a rebuild):
the behaviour of 2,000 and 1,000, on files ten times smaller.
"""

import argparse
import os
import signal
import sys

BATCH_SIZE, LISTED = 200, 100


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(point: str, argv: list[str]) -> int:
    from peacekeeper import cli, cli_setup

    cli_setup.prepare_environment(demo=False)
    from django.db import connection

    from peacekeeper.events import commands, ingest

    ingest.ingest.__kwdefaults__["batch_size"] = BATCH_SIZE
    ingest.LISTED_IDS_LIMIT = LISTED
    statements = 0

    def counting(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        if point == f"statement:{statements}":
            die()
        return execute(sql, params, many, context)

    if point.startswith("batch:"):
        batches, after = 0, int(point.partition(":")[2])
        report = commands.ProgressBar.__call__

        def reported(self, rows: int, done_bytes: int) -> None:
            nonlocal batches
            report(self, rows, done_bytes)
            batches += 1
            if batches == after:
                die()

        commands.ProgressBar.__call__ = reported
    elif point.startswith("end:"):
        ends, at, end = 0, int(point.partition(":")[2]), ingest._end

        def ending(*args, **kwargs) -> None:
            nonlocal ends
            ends += 1
            if ends == at:
                die()
            end(*args, **kwargs)

        ingest._end = ending
    elif point == "restart":
        cli_setup.serve = lambda **kwargs: None  # everything but the web server itself
        cli.command_serve(argparse.Namespace(host="", port=0, workers=1, site="mission"))
    commands: list[list[str]] = [[]]
    for arg in argv:
        if arg == ";":
            commands.append([])
        else:
            commands[-1].append(arg)
    code = 0
    with connection.execute_wrapper(counting):
        for command in commands:
            code = max(code, cli.main(command))
    if point == "count":
        print(f"statements={statements}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2:]))
