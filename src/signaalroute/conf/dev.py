"""Local development and the `make run` demo: SQLite, debug, plain HTTP."""

import os

os.environ.setdefault("BRP_LOKAAL", "true")
os.environ.setdefault("SMS_LOKAAL", "true")
os.environ.setdefault("WEBHOOK_ONTVANGER_LOKAAL", "true")
os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("DEMO_TOTP_VISIBLE", "true")

from .base import *  # noqa: E402,F403

# The demo has no SMTP relay: e-mail (outreach, reminders) lands as files in var/mail/, unless
# EMAIL_HOST points at a real one.
if "EMAIL_HOST" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
