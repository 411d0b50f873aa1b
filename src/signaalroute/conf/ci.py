"""Test settings: fast hashing, immediate tasks, no secure-cookie requirement."""

import os

os.environ.setdefault("BRP_LOKAAL", "true")
os.environ.setdefault("SECRET_KEY", "ci-only-insecure-key")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("TASKS_BACKEND", "immediate")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
