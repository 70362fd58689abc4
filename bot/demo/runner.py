"""`otbot demo`: the fake Bot API, the real bot built as `otbot run` builds it, and a page.

All three run in this one process, on 127.0.0.1 only: the fake serves the Bot API on a free
port, the bot polls it through `base_url` exactly as it polls Telegram, and the page lets a
person play the secretary and the members. Nothing is opened or sent anywhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import config as config_module
from bot import texts
from bot.app import OTApp, build_application, serve
from bot.demo.clock import DemoClock
from bot.demo.fake_telegram import FakeTelegram
from bot.demo.web import DemoServer, open_page, serve_page
from bot.demo.world import SECRETARY, SEED_START, TEAM, DemoWorld
from bot.logging_setup import setup
from domain.model import TeamSetup
from storage.db import describe, upgrade

POLL_TIMEOUT = 10  # seconds a long poll waits: Ctrl+C stops the bot within that
START_TIMEOUT = 60.0


def run_demo(args: argparse.Namespace) -> int:
    """Run the demo until Ctrl+C (or SIGTERM); return the exit status."""
    try:
        page = open_page(int(args.port))
    except OSError:
        print(texts.demo_port_taken(int(args.port)), file=sys.stderr)
        return 2
    setup("", level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="otbot-demo-") as folder:
        db_url = args.db or f"sqlite:///{Path(folder) / 'otbot-demo.sqlite3'}"
        where = describe(db_url)
        upgrade(db_url)
        clock = DemoClock(SEED_START if args.seed else None)
        fake = FakeTelegram(clock=clock.unix).start()
        try:
            cfg = replace(
                config_module.load(None, env={}),
                token=fake.token,
                base_url=fake.base_url,
                base_file_url=fake.base_file_url,
                db_url=db_url,
                teams=(TeamSetup(name=TEAM, secretary_ids=frozenset({SECRETARY.id})),),
                poll_timeout=POLL_TIMEOUT,
            )
            app = build_application(cfg, clock=clock)
            return asyncio.run(_main(app, fake, clock, page, bool(args.seed), where))
        finally:
            page.server_close()
            fake.stop()


async def _main(
    app: OTApp, fake: FakeTelegram, clock: DemoClock, page: DemoServer, seed: bool, where: str
) -> int:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    bot = asyncio.create_task(serve(app, stop, poll_timeout=POLL_TIMEOUT))
    polling = asyncio.ensure_future(
        loop.run_in_executor(None, lambda: fake.wait_for_call("getUpdates", timeout=START_TIMEOUT))
    )
    started: list[asyncio.Future[Any]] = [bot, polling]
    await asyncio.wait(started, return_when=asyncio.FIRST_COMPLETED)
    if bot.done():  # the bot stopped before it polled: its error is the answer
        await bot
        return 1
    await polling
    world = DemoWorld(fake, app.bot_data["services"], app, loop, clock)
    await loop.run_in_executor(None, world.seed if seed else world.link_group)
    serve_page(page, world)
    host, port = page.server_address[:2]
    print(texts.demo_ready(f"http://{host!s}:{port}/", seed, where), flush=True)
    try:
        await bot
    finally:
        page.shutdown()
    print(texts.DEMO_STOPPED, flush=True)
    return 0
