"""`otbot demo`: the real bot against a local stand-in for the Telegram Bot API, in a browser."""
