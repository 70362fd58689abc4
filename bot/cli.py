"""The `otbot` command: run the bot, or migrate the database."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

from bot import config as config_module
from bot import texts


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="otbot", description="OT actiebot")
    parser.add_argument("--config", type=Path, help="config file (default: ./config.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="migrate the database and run the bot (long polling)")
    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply the migrations and exit")
    db_sub.add_parser("current", help="print the database's migration revision")
    args = parser.parse_args(argv)
    try:
        cfg = config_module.load(args.config or config_module.default_path())
    except config_module.ConfigError as err:
        print(f"Configuratiefout / configuration error: {err}", file=sys.stderr)
        return 2
    if args.command == "db":
        return _db(args.db_command, cfg.db_url)
    return _run(cfg)


def _db(command: str, url: str) -> int:
    from storage.db import current_revision, upgrade

    if command == "upgrade":
        upgrade(url)
        print(f"database up to date: {current_revision(url)}")
    else:
        print(current_revision(url) or "none")
    return 0


def _run(cfg: config_module.Config) -> int:
    if not cfg.token:
        print(texts.NO_TOKEN, file=sys.stderr)
        return 2
    from bot.app import build_application, serve
    from bot.logging_setup import setup
    from storage.db import upgrade

    setup(cfg.token)
    upgrade(cfg.db_url)
    app = build_application(cfg)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(app, stop, poll_timeout=cfg.poll_timeout)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
