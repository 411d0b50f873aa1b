"""Local development and the `make run` demo: SQLite, debug, plain HTTP."""

import os

os.environ.setdefault("BRP_LOKAAL", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("DEMO_TOTP_VISIBLE", "true")

from .base import *  # noqa: E402,F403
