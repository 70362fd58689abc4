"""The `otbot` command: run the bot, migrate the database, import and export actielijsten.

Exit codes (also in `otbot run --help`):
  0  done; `otbot run` stopped by SIGINT/SIGTERM
  1  `otbot import`: answered no, nothing stored
  2  usage or configuration: a bad option or config file, no token, an unknown team, a file
     that cannot be read, no terminal to ask on (`otbot import` without --yes)
  3  Telegram refused the token (401 Unauthorized)
  4  Telegram unreachable at start-up (connection refused, no DNS, 5xx) for
     [telegram] startup_retry_seconds
  5  Telegram did not answer in time at start-up, for [telegram] startup_retry_seconds
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import cli_texts, texts
from bot import config as config_module
from bot.startup import StartupError, StartupFailure
from documents.render import ExportFormat, render_export

if TYPE_CHECKING:
    from services.documents import DocumentService

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DECLINED = 1
EXIT_USAGE = 2
EXIT_FOR_STARTUP = {
    StartupFailure.TOKEN: 3,
    StartupFailure.NETWORK: 4,
    StartupFailure.TIMEOUT: 5,
}


ENVIRONMENT = {
    "TELEGRAM_BOT_TOKEN": "the bot token from @BotFather (wins over [telegram] token)",
    "OTBOT_CONFIG": "the config file (default: ./config.toml if it exists; --config wins)",
    "OTBOT_DB_URL": "the database URL (wins over [storage] url); default:\n"
    f"{config_module.DEFAULT_DB_URL}, relative to the working directory",
}
EXIT_CODES = """\
exit status:
  0  stopped by SIGINT or SIGTERM
  2  no token, or a bad config file or option
  3  Telegram refused the token (401 Unauthorized)
  4  Telegram unreachable at start-up for [telegram] startup_retry_seconds
  5  Telegram did not answer in time at start-up, for [telegram] startup_retry_seconds"""

IMPORT_EXIT_CODES = """\
exit status:
  0  stored
  1  answered no: nothing stored
  2  a bad file, date, team or option; or no terminal to ask on and no --yes"""


def _epilog(*names: str, extra: str = "") -> str:
    """The environment variables a command reads, for the end of its --help."""
    width = max(len(n) for n in names)
    lines = ["environment variables:"]
    for name in names:
        first, *more = ENVIRONMENT[name].split("\n")
        lines.append(f"  {name.ljust(width)}  {first}")
        lines += [f"  {'':{width}}  {line}" for line in more]
    return "\n".join(lines) + (f"\n\n{extra}" if extra else "")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("otbot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    raw = argparse.RawDescriptionHelpFormatter
    data = ("OTBOT_CONFIG", "OTBOT_DB_URL")
    parser = argparse.ArgumentParser(
        prog="otbot",
        description="OT actiebot",
        formatter_class=raw,
        epilog=_epilog("TELEGRAM_BOT_TOKEN", *data, extra="`otbot COMMAND --help` for more."),
    )
    parser.add_argument("--version", action="version", version=f"otbot {_version()}")
    parser.add_argument("--config", type=Path, help="config file (default: ./config.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "run",
        help="migrate the database and run the bot (long polling)",
        formatter_class=raw,
        epilog=_epilog("TELEGRAM_BOT_TOKEN", *data, extra=EXIT_CODES),
    )
    db = sub.add_parser("db", help="database commands", formatter_class=raw, epilog=_epilog(*data))
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser(
        "upgrade", help="apply the migrations and exit", formatter_class=raw, epilog=_epilog(*data)
    )
    db_sub.add_parser(
        "current",
        help="print the database's migration revision",
        formatter_class=raw,
        epilog=_epilog(*data),
    )
    imp = sub.add_parser(
        "import",
        help="read a Word actielijst (.docx) into a team",
        formatter_class=raw,
        epilog=_epilog(*data, extra=IMPORT_EXIT_CODES),
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--team", help="team name (needed when the bot has several)")
    imp.add_argument(
        "--meeting-date",
        help="the meeting's date when the document gives none or no year: 2027-03-18, "
        "18-3-2027, '18 maart 2027' or '18 maart' (the most recent one)",
    )
    imp.add_argument("--yes", action="store_true", help="store without asking")
    exp = sub.add_parser(
        "export",
        help="write the actielijst of a meeting",
        formatter_class=raw,
        epilog=_epilog(*data),
    )
    exp.add_argument("--team", help="team name (needed when the bot has several)")
    exp.add_argument("--format", choices=[f.value for f in ExportFormat], default="docx")
    exp.add_argument(
        "--meeting",
        default="",
        help="the meeting's day, e.g. '18 maart', 18-3-2027 or 2027-03-18 (default: the latest)",
    )
    exp.add_argument("--out", type=Path, help="output file (default: a name in ./)")
    demo = sub.add_parser(
        "demo",
        help="try the bot in a browser, without Telegram",
        formatter_class=raw,
        epilog="environment variables: none; the demo reads no token and no config file "
        "(--config is ignored).",
    )
    demo.add_argument(
        "--seed",
        action="store_true",
        help="start with the seed actielijst imported and the next OT planned",
    )
    demo.add_argument(
        "--port", type=int, default=8000, help="port of the demo web page on 127.0.0.1"
    )
    demo.add_argument(
        "--db", default=None, help="database URL (default: SQLite in a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.command == "demo":  # needs no config and no token
        from bot.demo.runner import run_demo

        return run_demo(args)
    try:
        cfg = config_module.load(args.config or config_module.default_path())
    except config_module.ConfigError as err:
        print(f"Configuratiefout / configuration error: {err}", file=sys.stderr)
        return 2
    if args.command == "db":
        return _db(args.db_command, cfg.db_url)
    if args.command == "import":
        return _import(cfg, args)
    if args.command == "export":
        return _export(cfg, args)
    path = args.config or config_module.default_path()
    return _run(cfg, str(path) if path else None)


def _documents(cfg: config_module.Config) -> DocumentService:
    """The document service on the migrated database, the configured teams in it."""
    from bot.compose import build_services
    from storage.db import upgrade

    upgrade(cfg.db_url)
    services = build_services(cfg)
    services.teams.sync_config()
    return services.documents


def _import(cfg: config_module.Config, args: argparse.Namespace) -> int:
    from documents.docx_io import read_docx
    from domain.actielijst import DocumentError
    from domain.errors import BadValue, DomainError

    service = _documents(cfg)
    path = str(args.file)
    try:
        doc = read_docx(args.file.read_bytes())
    except OSError as err:
        return _cannot("import", cli_texts.missing_file(path, err.strerror or str(err)))
    except DocumentError as err:
        return _cannot("import", cli_texts.unreadable_file(path, err.reason))
    try:
        if args.meeting_date:
            day, assumed = service.read_meeting_day(args.meeting_date)
        else:
            day, assumed = service.meeting_day(doc)
    except BadValue as err:
        option = "--meeting-date" if args.meeting_date else ""
        return _cannot("import", cli_texts.bad_date(err.detail, option))
    try:
        preview = service.preview(None, None, doc, day, assumed, team_name=args.team)
    except DomainError as err:
        return _cannot("import", _why(err, cfg, args.team))
    print(cli_texts.import_preview(preview))
    if not args.yes:
        if not sys.stdin.isatty():  # cron, a pipe, systemd: nobody to answer
            print(cli_texts.NO_TERMINAL, file=sys.stderr)
            return EXIT_USAGE
        answer = input(cli_texts.ASK_STORE).strip().casefold()
        if answer not in ("j", "ja", "y", "yes"):
            print(cli_texts.IMPORT_CANCELLED)
            return EXIT_DECLINED
    result = service.apply(None, None, doc, day, team_name=args.team)
    print(cli_texts.imported(result))
    return EXIT_OK


def _export(cfg: config_module.Config, args: argparse.Namespace) -> int:
    from domain.errors import DomainError

    service = _documents(cfg)
    try:
        data = service.export(None, None, args.meeting, team_name=args.team)
    except DomainError as err:
        return _cannot("export", _why(err, cfg, args.team))
    content, name = render_export(ExportFormat(args.format), data)
    out = args.out or Path(name)
    out.write_bytes(content)
    print(f"geschreven / written: {out}")
    return EXIT_OK


def _cannot(command: str, why: str) -> int:
    print(cli_texts.cannot(command, why), file=sys.stderr)
    return EXIT_USAGE


def _why(err: Exception, cfg: config_module.Config, team: str | None) -> str:
    """A domain error in the CLI's words: options, not the bot's Telegram commands."""
    from domain.errors import BadValue, DomainError, MeetingNotFound
    from domain.text import plain_text

    match err:
        case BadValue(reason="unknown_team"):
            return cli_texts.no_team([t.name for t in cfg.teams], team or "")
        case BadValue(reason="no_day", detail=detail):
            return cli_texts.bad_date(detail, "--meeting")
        case MeetingNotFound(day=day):
            return cli_texts.no_meeting(day)
        case DomainError():  # not met on these paths today; the bot's wording, untagged
            return plain_text(texts.error_text(err))
    return str(err)


def _db(command: str, url: str) -> int:
    from storage.db import current_revision, upgrade

    if command == "upgrade":
        upgrade(url)
        print(f"database up to date: {current_revision(url)}")
    else:
        print(current_revision(url) or "none")
    return 0


def _run(cfg: config_module.Config, config_path: str | None) -> int:
    if not cfg.token:
        print(texts.NO_TOKEN, file=sys.stderr)
        return EXIT_USAGE
    from bot.app import build_application, serve
    from bot.logging_setup import setup
    from storage.db import describe, upgrade

    setup(cfg.token)
    log.info("database: %s", describe(cfg.db_url))
    for problem, team in config_module.team_problems(cfg):
        log.warning(cli_texts.team_problem(problem, team, config_path))
    upgrade(cfg.db_url)
    app = build_application(cfg)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(
            app,
            stop,
            poll_timeout=cfg.poll_timeout,
            startup_retry_seconds=cfg.startup_retry_seconds,
        )

    try:
        asyncio.run(run())
    except StartupError as err:
        detail = err.detail.replace(cfg.token, "<token>")
        where = config_path or "config.toml"
        line = cli_texts.startup_failed(err.failure, err.step, detail, err.seconds, where)
        print(line, file=sys.stderr)
        return EXIT_FOR_STARTUP[err.failure]
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
