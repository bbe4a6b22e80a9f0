"""The `peacekeeper generate` subcommand (wired in peacekeeper/cli.py)."""

import argparse
from datetime import UTC, datetime, timedelta

from peacekeeper.events.commands import ProgressBar, moment_option


def add_parsers(commands: argparse._SubParsersAction) -> None:
    generator = commands.add_parser("generate", help="write synthetic exercise events for the theatre")
    generator.add_argument("--events", type=int, required=True)
    generator.add_argument("--seed", type=int, default=1)
    generator.add_argument("--start", help="ISO date (default: 90 days ago)")
    generator.add_argument("--end", help="ISO date (default: now)")
    generator.add_argument("--status", default="validated", choices=["submitted", "validated"])
    generator.set_defaults(handler=command_generate, needs_django=True)


def command_generate(args: argparse.Namespace) -> int:
    # Imported here: the parser is built before Django is set up.
    from peacekeeper.exercise.generator import generate_and_store

    end = moment_option(args.end, option="--end") or datetime.now(UTC)
    start = moment_option(args.start, option="--start") or end - timedelta(days=90)
    if start >= end:
        raise SystemExit("error: --start must be before --end")
    bar = ProgressBar(args.events, unit=" events")
    summary = generate_and_store(
        count=args.events,
        seed=args.seed,
        start=start,
        end=end,
        status=args.status,
        progress=lambda s: bar(s.created + s.updated + s.unchanged + s.rejected, s.created + s.unchanged),
    )
    bar.close()
    counts = f"{summary.created} created, {summary.unchanged} already there, {summary.rejected} rejected"
    print(f"exercise events: {counts}")
    return 0 if not summary.rejected else 1
