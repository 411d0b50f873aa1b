"""Base settings: safe defaults. `dev`, `ci` and `production` change only defaults.

Every environment variable is read through `config()` and listed in docs/configuration.md.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import config

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent  # the repository root
PACKAGE_DIR = SRC_DIR / "signaalroute"

SECRET_KEY = config("SECRET_KEY", "", help_text="Django secret key; required in production.")
DEBUG = config("DEBUG", False, help_text="Show debug pages. Never in production.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1"], help_text="Comma-separated host names served."
)
CSRF_TRUSTED_ORIGINS = config(
    "CSRF_TRUSTED_ORIGINS",
    [],
    cast=list,
    help_text="Comma-separated origins for CSRF (https://...).",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "mozilla_django_oidc",
    # Signaalroute, in the order of the signal route
    "signaalroute.core",
    "signaalroute.accounts",
    "signaalroute.audit",
    "signaalroute.gemeenten",
    "signaalroute.signaalpartners",
    "signaalroute.aanleveringen",
    "signaalroute.vroegsignaalzaken",
    "signaalroute.contrib.brp",
    "signaalroute.matching",
    "signaalroute.contrib.shv",
    "signaalroute.triage",
    "signaalroute.contact",
    "signaalroute.terugkoppeling",
    "signaalroute.contrib.sms",
    "signaalroute.contrib.callcenter",
    "signaalroute.contrib.ddas",
    "signaalroute.rapportages",
    "signaalroute.bewaartermijnen",
    "signaalroute.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "signaalroute.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "signaalroute.core.middleware.ApiVersionMiddleware",
]

ROOT_URLCONF = "signaalroute.urls"
WSGI_APPLICATION = "signaalroute.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "signaalroute.core.context_processors.signaalroute",
                "signaalroute.vroegsignaalzaken.context_processors.meldingen",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = config(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'var' / 'signaalroute.sqlite3'}",
    help_text="Database URL. SQLite (embedded default) or postgres://user:pass@host:5432/name.",
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:start"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout after repeated failures (django-axes), per user name and IP address.
AXES_FAILURE_LIMIT = config(
    "LOGIN_FAILURE_LIMIT", 5, help_text="Failed logins before an account is locked."
)
AXES_COOLOFF_TIME = (
    config(
        "LOGIN_LOCKOUT_MINUTES", 30, help_text="Minutes an account stays locked after the limit."
    )
    / 60
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = config(
    "REVERSE_PROXY_COUNT", 0, help_text="Number of reverse proxies in front of the app."
)

OTP_TOTP_ISSUER = config("OTP_ISSUER", "Signaalroute", help_text="Issuer name in TOTP apps.")
OTP_TOTP_THROTTLE_FACTOR = 1

# OpenID Connect (off until configured; half a configuration fails at start-up).
OIDC_ENABLED = config("OIDC_ENABLED", False, help_text="Offer login via OpenID Connect.")
OIDC_RP_CLIENT_ID = config("OIDC_RP_CLIENT_ID", "", help_text="OIDC client id.")
OIDC_RP_CLIENT_SECRET = config("OIDC_RP_CLIENT_SECRET", "", help_text="OIDC client secret.")
OIDC_OP_AUTHORIZATION_ENDPOINT = config(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", "", help_text="OIDC provider authorization endpoint."
)
OIDC_OP_TOKEN_ENDPOINT = config("OIDC_OP_TOKEN_ENDPOINT", "", help_text="OIDC token endpoint.")
OIDC_OP_USER_ENDPOINT = config("OIDC_OP_USER_ENDPOINT", "", help_text="OIDC userinfo endpoint.")
OIDC_OP_JWKS_ENDPOINT = config("OIDC_OP_JWKS_ENDPOINT", "", help_text="OIDC JWKS endpoint.")
OIDC_RP_SIGN_ALGO = config("OIDC_RP_SIGN_ALGO", "RS256", help_text="OIDC signing algorithm.")
OIDC_USERNAME_CLAIM = config(
    "OIDC_USERNAME_CLAIM", "preferred_username", help_text="Claim matched to a user name."
)
OIDC_CREATE_USER = False  # accounts are created by an administrator, with a role
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("signaalroute.accounts.oidc.SignaalrouteOIDCBackend")

# --- Sessions and security headers ----------------------------------------------------------
SESSION_COOKIE_AGE = (
    config("SESSION_TIMEOUT_MINUTES", 30, help_text="Minutes of inactivity before a session ends.")
    * 60
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_COOKIES = config("SECURE_COOKIES", True, help_text="Send cookies over HTTPS only.")
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files (NL Design System CSS and HTMX from npm, no JS build) ----------------------
STATIC_URL = "/static/"
STATIC_ROOT = config(
    "STATIC_ROOT", str(BASE_DIR / "var" / "static"), help_text="collectstatic target."
)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/utrecht-css", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = config("MEDIA_ROOT", str(BASE_DIR / "var" / "media"), help_text="Uploaded files.")

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "signaalroute.core.api.exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "signaalroute.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["signaalroute.core.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Signaalroute API",
    "DESCRIPTION": "API voor vroegsignalering van schulden (NL API Design Rules).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# --- Background work (Django Tasks) ---------------------------------------------------------
TASKS_BACKEND = config(
    "TASKS_BACKEND",
    "database",
    help_text="'database' (embedded default), 'rq' (Redis) or 'immediate'.",
)
REDIS_URL = config("REDIS_URL", "redis://127.0.0.1:6379/0", help_text="Redis for the rq backend.")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "spoed"]},
    "immediate": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "spoed"],
    },
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", "spoed"]},
}
TASKS = {"default": _TASK_BACKENDS[TASKS_BACKEND]}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {name: {"URL": REDIS_URL} for name in ("default", "spoed")}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_HOST = config("EMAIL_HOST", "localhost", help_text="SMTP relay host.")
EMAIL_PORT = config("EMAIL_PORT", 25, help_text="SMTP relay port.")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, help_text="STARTTLS to the SMTP relay.")
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL", "signaalroute@localhost", help_text="Sender of outgoing e-mail."
)

# --- Logging: never personal data in plain text ---------------------------------------------
LOG_LEVEL = config("LOG_LEVEL", "INFO", help_text="Log level of the application loggers.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Never personal data in application logs: BSNs, e-mail addresses and phone numbers in a
    # message are masked before any handler writes it (core/logging.py).
    "filters": {"persoonsgegevens": {"()": "signaalroute.core.logging.PersoonsgegevensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["persoonsgegevens"],
        }
    },
    "loggers": {
        "signaalroute": {"handlers": ["console"], "level": LOG_LEVEL},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}

# --- Signaalroute ---------------------------------------------------------------------------
DEMO_TOTP_VISIBLE = config(
    "DEMO_TOTP_VISIBLE", False, help_text="Show the demo accounts' TOTP secrets on the login page."
)
AANLEVERING_MAX_BYTES = (
    config("AANLEVERING_MAX_MB", 50, help_text="Largest delivery file accepted, in MB.")
    * 1024
    * 1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- BRP: Haal Centraal BRP Personen API v2 (contrib/brp) ------------------------------------
# Off until BRP_API_URL is set; BRP_LOKAAL serves fictitious persons for the demo and the tests.
# A half configuration fails the start-up check (`contrib/brp/checks.py`). docs/configuration.md
BRP_LOKAAL = config(
    "BRP_LOKAAL",
    False,
    help_text="Serve the local BRP service with fictitious persons (demo, tests). Never in production.",
)
BRP_LOKAAL_URL = "http://127.0.0.1:8000/api/lokaal-brp/haalcentraal/api/brp"
BRP_API_URL = config(
    "BRP_API_URL",
    BRP_LOKAAL_URL if BRP_LOKAAL else "",
    help_text="Base URL of the BRP Personen API (without /personen); empty: BRP off.",
)
BRP_API_KEY = config("BRP_API_KEY", "", help_text="API key for the BRP API or its gateway.")
BRP_API_KEY_HEADER = config(
    "BRP_API_KEY_HEADER", "X-API-KEY", help_text="Header that carries BRP_API_KEY."
)
BRP_CLIENT_CERT = config(
    "BRP_CLIENT_CERT", "", help_text="PEM client certificate for mutual TLS (PKIoverheid)."
)
BRP_CLIENT_KEY = config("BRP_CLIENT_KEY", "", help_text="PEM private key of BRP_CLIENT_CERT.")
BRP_CA_BUNDLE = config(
    "BRP_CA_BUNDLE", "", help_text="CA bundle that signs the BRP server certificate."
)
BRP_TIMEOUT_SECONDS = config(
    "BRP_TIMEOUT_SECONDS", 10.0, help_text="Connect and read timeout per BRP request."
)
BRP_RETRIES = config(
    "BRP_RETRIES", 3, help_text="Retries on 429/502/503/504, timeouts and connection errors."
)
BRP_RETRY_BACKOFF_SECONDS = config(
    "BRP_RETRY_BACKOFF_SECONDS", 0.5, help_text="Back-off factor between BRP retries."
)
BRP_CACHE_SECONDS = config(
    "BRP_CACHE_SECONDS", 3600, help_text="How long BRP answers are cached; 0: not cached."
)
BRP_DOELBINDING = config(
    "BRP_DOELBINDING", "", help_text="Purpose binding sent to the BRP gateway (x-doelbinding)."
)
BRP_DOELBINDING_HEADER = config(
    "BRP_DOELBINDING_HEADER", "x-doelbinding", help_text="Header name for BRP_DOELBINDING."
)
BRP_VERWERKING = config(
    "BRP_VERWERKING", "", help_text="Processing activity sent to the BRP gateway (x-verwerking)."
)
BRP_VERWERKING_HEADER = config(
    "BRP_VERWERKING_HEADER", "x-verwerking", help_text="Header name for BRP_VERWERKING."
)
BRP_OIN = config("BRP_OIN", "", help_text="OIN of the requesting organisation (x-origin-oin).")
BRP_OIN_HEADER = config("BRP_OIN_HEADER", "x-origin-oin", help_text="Header name for BRP_OIN.")
BRP_GEBRUIKER = config(
    "BRP_GEBRUIKER", "signaalroute", help_text="User sent to the BRP gateway for system requests."
)
BRP_GEBRUIKER_HEADER = config(
    "BRP_GEBRUIKER_HEADER", "x-gebruiker", help_text="Header name for the BRP user."
)

# --- SMS gateway: a generic HTTP API (contrib/sms, docs/sms-gateway.md) ---------------------
# Off until SMS_GATEWAY_URL is set; SMS_LOKAAL serves a local gateway double speaking the same
# API (demo, tests) and makes it the default. A half configuration fails the start-up check
# (`contrib/sms/checks.py`). docs/configuration.md
SMS_LOKAAL = config(
    "SMS_LOKAAL",
    False,
    help_text="Serve the local SMS gateway double at /sms/lokaal/ (demo, tests). Never in production.",
)
SMS_LOKAAL_URL = "http://127.0.0.1:8000/sms/lokaal"
# Fixed credentials of the local double, so the demo works without configuration; the start-up
# check refuses them for any gateway that is not on this machine.
SMS_LOKAAL_TOKEN = "lokaal-sms-token"
SMS_LOKAAL_WEBHOOK_SECRET = "lokaal-sms-webhook-geheim"
SMS_GATEWAY_URL = config(
    "SMS_GATEWAY_URL",
    SMS_LOKAAL_URL if SMS_LOKAAL else "",
    help_text="Base URL of the SMS gateway (without /berichten); empty: SMS off.",
)
SMS_GATEWAY_TOKEN = config(
    "SMS_GATEWAY_TOKEN",
    SMS_LOKAAL_TOKEN if SMS_LOKAAL else "",
    help_text="Bearer token for the SMS gateway.",
)
SMS_GATEWAY_WEBHOOK_SECRET = config(
    "SMS_GATEWAY_WEBHOOK_SECRET",
    SMS_LOKAAL_WEBHOOK_SECRET if SMS_LOKAAL else "",
    help_text="Shared secret of the HMAC-SHA256 signature on delivery reports.",
)
SMS_STATUS_URL = config(
    "SMS_STATUS_URL",
    "http://127.0.0.1:8000/contact/sms-statusrapporten/" if SMS_LOKAAL else "",
    help_text="Public URL to which the gateway sends delivery reports; empty: none asked.",
)
SMS_TIMEOUT_SECONDS = config(
    "SMS_TIMEOUT_SECONDS", 10.0, help_text="Connect and read timeout per SMS gateway request."
)
SMS_RETRIES = config(
    "SMS_RETRIES", 2, help_text="Retries on timeouts, connection errors, 429 and 5xx."
)
SMS_RETRY_BACKOFF_SECONDS = config(
    "SMS_RETRY_BACKOFF_SECONDS", 0.5, help_text="Back-off factor between SMS gateway retries."
)

# --- Webhooks to partners: NL GOV CloudEvents (terugkoppeling/webhooks, docs/webhooks.md) ----
WEBHOOK_OIN = config("WEBHOOK_OIN", "", help_text="Our OIN, used in the CloudEvents source.")
WEBHOOK_SOURCE = config(
    "WEBHOOK_SOURCE",
    "",
    help_text="CloudEvents source; empty: urn:nld:oin:<WEBHOOK_OIN>:systeem:signaalroute.",
)
WEBHOOK_API_URL = config(
    "WEBHOOK_API_URL",
    "http://127.0.0.1:8000/api/v1",
    help_text="Public base URL of the API, for the events' dataref.",
)
WEBHOOK_MAX_POGINGEN = config(
    "WEBHOOK_MAX_POGINGEN", 8, help_text="Delivery attempts before an event is a dead letter."
)
WEBHOOK_TIMEOUT_SECONDEN = config(
    "WEBHOOK_TIMEOUT_SECONDEN", 10.0, help_text="Timeout per webhook delivery request."
)
WEBHOOK_MAX_RETRY_AFTER_SECONDEN = config(
    "WEBHOOK_MAX_RETRY_AFTER_SECONDEN",
    86400,
    help_text="Upper bound on a receiver's Retry-After (429), in seconds.",
)
WEBHOOK_BATCH = config("WEBHOOK_BATCH", 100, help_text="Webhook deliveries per task.")
WEBHOOK_ONTVANGER_LOKAAL = config(
    "WEBHOOK_ONTVANGER_LOKAAL",
    False,
    help_text="Serve a local webhook test receiver under /api/ and allow http://localhost "
    "subscriptions (demo, tests). Never in production.",
)

# --- Processing log and retention (audit, bewaartermijnen; docs/security.md) -----------------
LOGBOEK_SLEUTEL = config(
    "LOGBOEK_SLEUTEL",
    "",
    help_text="Key of the pseudonyms (HMAC of BSN/case UUID) in the processing log; empty: "
    "SECRET_KEY. Set once, never change.",
)
BEWAARTERMIJN_BESTANDEN_DAGEN = config(
    "BEWAARTERMIJN_BESTANDEN_DAGEN",
    30,
    help_text="Days processed delivery and callcenter files are kept.",
)

# --- DDAS delivery to CBS (contrib/ddas, docs/ddas.md) ---------------------------------------
DDAS_CODE_GEGEVENSLEVERANCIER = config(
    "DDAS_CODE_GEGEVENSLEVERANCIER",
    "SIGNAALROUTE",
    help_text="codeGegevensleverancier in every DDAS document (the code CBS gave the host).",
)
DDAS_CLIENTS = config(
    "DDAS_CLIENTS",
    "",
    help_text="DDAS pull endpoint clients: 'client-id:sha256-hex-of-secret', comma-separated. "
    "Empty: off.",
)
DDAS_TOKEN_GELDIGHEID = config(
    "DDAS_TOKEN_GELDIGHEID", 300, help_text="Lifetime of a DDAS access token in seconds."
)

# --- Operations -------------------------------------------------------------------------------
# Request ids and request metrics on every request; readiness and metrics endpoints
# (`core/views.py`), JSON logs in production (`core/logging.py`), the planner of the periodic
# jobs (`core/planner.py`). docs/deployment.md, docs/configuration.md
MIDDLEWARE = [
    "signaalroute.core.metrics.MetricsMiddleware",
    "signaalroute.core.logging.RequestIdMiddleware",
    *MIDDLEWARE,
]
METRICS_TOKEN = config(
    "METRICS_TOKEN",
    "",
    help_text="Bearer token for /metrics (Prometheus); empty: /metrics is off (404).",
)
METRICS_DIR = config(
    "METRICS_DIR",
    "",
    help_text="Directory where each web process writes its request counters, summed per "
    "scrape; empty: the scraped process only.",
)
