"""Gunicorn for Signaalroute: `gunicorn -c src/signaalroute/conf/gunicorn.conf.py signaalroute.wsgi`.

Defaults for one web host behind nginx; command-line flags (`--bind`, `--workers`) and
`GUNICORN_CMD_ARGS` override them, `WEB_CONCURRENCY` sets the number of processes (gunicorn's
own variable). Sizing and the systemd unit: docs/deployment.md.
"""

import multiprocessing
import os

bind = "127.0.0.1:8000"
# Sync workers: a request holds one process. Intake of large files runs in the task workers,
# so web requests are short; twice the cores plus one keeps the CPU busy while others wait on
# PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# API deliveries up to 1,000 signals are processed within the request (a few seconds); a
# 50 MB upload over a slow line needs time too. nginx's proxy_read_timeout matches.
timeout = 120
graceful_timeout = 30
keepalive = 5
# Recycle processes now and then (memory); the jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Only the reverse proxy on this host may say the request came over HTTPS.
forwarded_allow_ips = "127.0.0.1,::1"
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# The access log holds client addresses and query strings: nginx keeps its own. Errors go to
# stderr as JSON lines through Django's logging (conf.production) once the app is loaded.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "signaalroute.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
proc_name = "signaalroute-web"


def _metrics_dir() -> str:
    from django.conf import settings

    return settings.METRICS_DIR


def on_starting(server):
    """Request counters start at zero with the service (Prometheus sees a counter reset)."""
    from signaalroute.core.metrics import map_legen

    map_legen(_metrics_dir())


def child_exit(server, worker):
    """A stopped process's request counters stay in the totals."""
    from signaalroute.core.metrics import proces_gestopt

    proces_gestopt(_metrics_dir(), worker.pid)
