"""The Telegram side: the PTB application, its rate limiter, reminders and the CLI."""

import os

# python-telegram-bot 22 warns (PTBDeprecationWarning) every time a RetryAfter is made, in its
# own request code too: the error reads its own `retry_after`, which becomes a timedelta in
# PTB 23. PTB's documented switch opts in now, so a 429 brings the coming type and no warning;
# bot.ratelimit.retry_seconds reads an int as well. An explicit PTB_TIMEDELTA still wins.
os.environ.setdefault("PTB_TIMEDELTA", "true")
