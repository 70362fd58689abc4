"""The composition root: build_application(cfg) wires config, services (bot/compose.py) and
handlers."""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any
from zoneinfo import ZoneInfo

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot import texts
from bot.compose import build_services
from bot.config import Config
from bot.errors import on_error
from bot.ordering import InOrderPerSender
from bot.ratelimit import FloodLimiter
from bot.reminders import reminder_tick
from bot.startup import DEFAULT_STARTUP_RETRY_SECONDS, StartupBudget, start_step
from handlers import actions, documents, guided, meetings, members, secretary
from handlers.context import BotContext, Services
from services.base import Clock, system_clock

log = logging.getLogger(__name__)

OTApp = Application[Any, BotContext, Any, Any, Any, Any]
GC_YOUNG_THRESHOLD = 20_000  # allocations between young collections (Python's default: 700)


def build_application(cfg: Config, *, clock: Clock = system_clock) -> OTApp:
    """Build the bot exactly as production runs it (tests inject only the clock)."""
    tz = ZoneInfo(cfg.timezone)
    services = build_services(cfg, clock=clock)
    builder = ApplicationBuilder().token(cfg.token)
    if cfg.base_url:  # a self-hosted Bot API server, or the tests' fake one
        builder = builder.base_url(cfg.base_url)
    if cfg.base_file_url:
        builder = builder.base_file_url(cfg.base_file_url)
    app = (
        builder.defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=tz))
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init)
        # Updates overlap while they wait for Telegram; one person's stay in order.
        .concurrent_updates(InOrderPerSender(cfg.concurrent_updates))
        # Enough connections for every update at once plus the reminder job, no more: httpx
        # scans its whole pool for each request (with PTB's default of 256: 1.7x the CPU per
        # update in bench/updates.py).
        .connection_pool_size(cfg.concurrent_updates + 4)
        # Every call within Telegram's flood limits; a reply refused with 429 is sent again.
        .rate_limiter(FloodLimiter())
        .build()
    )
    app.bot_data["services"] = services
    # Order matters only inside group 0: prompt replies (actions) before free text (secretary).
    guided.register(app)  # first: its /nieuw and open-flow texts win in private chats
    members.register(app)
    actions.register(app)
    meetings.register(app)
    documents.register(app)
    secretary.register(app)
    members.register_last(app)
    app.add_error_handler(on_error)
    if cfg.reminders_enabled:
        assert app.job_queue is not None
        # The JobQueue is only a clock: what is due lives in the database. No misfire grace
        # limit (APScheduler's 1 s default silently skips a late run), never two at once.
        app.job_queue.run_repeating(
            reminder_tick,
            interval=cfg.tick_seconds,
            first=cfg.tick_seconds,
            name="reminders",
            job_kwargs={
                "id": "reminders",
                "replace_existing": True,
                "misfire_grace_time": None,
                "coalesce": True,
                "max_instances": 1,
            },
        )
    return app


async def _post_init(app: OTApp) -> None:
    """Create configured teams and publish the command menu (default, groups, and nl)."""
    services: Services = app.bot_data["services"]
    services.teams.sync_config()
    uncertain = services.reminders.recover()
    if uncertain:
        log.warning(
            "%d reminders were being sent when the bot stopped; they are not sent again",
            uncertain,
        )
    private = [BotCommand(c, d) for c, d in texts.COMMANDS_MEMBER]
    group = private + [BotCommand(c, d) for c, d in texts.COMMANDS_GROUP_EXTRA]
    for language in ("", "nl"):
        await app.bot.set_my_commands(
            private, scope=BotCommandScopeDefault(), language_code=language or None
        )
        await app.bot.set_my_commands(
            group, scope=BotCommandScopeAllGroupChats(), language_code=language or None
        )


def _poll_failed(error: TelegramError) -> None:
    """A failed long poll is retried by PTB; it is worth a warning, not a traceback."""
    log.warning("polling Telegram failed, retrying: %s", error)


class _QuietBootstrap(logging.Filter):
    """Drop PTB's "Bootstrap ... Aborting" traceback: start_step retries or reports it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep every record but the bootstrap loop's own."""
        return not record.getMessage().startswith("Network Retry Loop (Bootstrap")


async def serve(
    app: OTApp,
    stop: asyncio.Event,
    *,
    poll_timeout: float = 30.0,
    startup_retry_seconds: float = DEFAULT_STARTUP_RETRY_SECONDS,
    budget: StartupBudget | None = None,
) -> None:
    """Run the bot until `stop` is set: start, poll, then shut down cleanly.

    Start-up (getMe, the command menu, deleteWebhook) retries a network failure or timeout
    for `startup_retry_seconds`, then raises StartupError, as it does at once for a token
    Telegram refuses. `stop` set during those retries ends serve() quietly."""
    budget = budget or StartupBudget(startup_retry_seconds, stop)
    assert app.updater is not None
    updater = app.updater

    async def poll() -> None:
        await updater.start_polling(
            timeout=int(poll_timeout),
            allowed_updates=Update.ALL_TYPES,
            error_callback=_poll_failed,
        )

    async def post_init() -> None:  # safe to repeat: config sync and recovery are idempotent
        if app.post_init is not None:
            await app.post_init(app)

    ptb_loop_log = logging.getLogger("telegram.ext")  # PTB's network retry loop logs here
    quiet = _QuietBootstrap()
    ptb_loop_log.addFilter(quiet)
    try:
        for step, call in (
            ("getMe", app.initialize),
            ("setMyCommands", post_init),
            ("deleteWebhook", poll),
        ):
            if not await start_step(step, call, budget):
                return
        ptb_loop_log.removeFilter(quiet)
        await app.start()
        # Everything loaded so far lives as long as the bot: keep it out of the collector's
        # full passes, which otherwise cost 50-70 ms pauses on a busy heap.
        gc.collect()
        gc.freeze()
        # Handling an update allocates thousands of short-lived objects (Telegram objects,
        # ORM rows): with Python's default young-generation threshold of 700 the collector
        # ran several times per update (-20 % CPU per update in bench/updates.py at 20,000).
        gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)
        log.info("bot @%s is running", app.bot.username)
        await stop.wait()
        await updater.stop()
        await app.stop()
        log.info("bot stopped")
    finally:
        ptb_loop_log.removeFilter(quiet)
        if updater.running:  # told to stop between start_polling and start()
            await updater.stop()
        # Application.shutdown() skips an application whose initialize() failed, but the
        # bot may have opened its HTTP clients already.
        await app.shutdown()
        await app.bot.shutdown()
