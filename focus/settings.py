"""Settings for Focus, read from the environment (and from a `.env` file when present).

Every value that differs between a laptop and production comes from an environment
variable; see README.md ("Configuration") for the list.
"""

import base64
import os
import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    """SECRET_KEY from the environment; for local use only, one generated into var/."""
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed, so that parallel test workers never read half a key.
        draft = path.with_name(f"secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        os.replace(draft, path)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _keys(variable: str, local: str = "{}") -> str:
    """Sealing keys from the environment, apart from SECRET_KEY. For local use only, a new
    random key (32 bytes, urlsafe base64, written into `local`) is kept in var/."""
    keys = env.str(variable, default="")
    if keys or not DEBUG:
        return keys
    path = VAR_DIR / variable.lower()
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{os.getpid()}")
        draft.write_text(local.format(base64.urlsafe_b64encode(os.urandom(32)).decode()))
        draft.chmod(0o600)
        os.replace(draft, path)
    return path.read_text().strip()


# The keys that seal case data (focus/incidents/crypto.py: "<id>:<key>", comma-separated).
INCIDENT_KEYS = _keys("INCIDENT_KEYS", "local:{}")
# The keys that seal authenticator secrets (focus/accounts/sealing.py: Fernet keys).
MFA_KEYS = _keys("MFA_KEYS")
# How long an analyst may download an export of cases once an administrator approves it.
CASE_EXPORT_HOURS = env.int("CASE_EXPORT_HOURS", default=48)
# Registrations for a convening are erased this many days after it ends
# (manage.py erase_past_registrations, run once a day): long enough for the organiser's
# attendance list and follow-up, no longer.
REGISTRATION_KEEP_DAYS = env.int("REGISTRATION_KEEP_DAYS", default=30)
# The largest CSV file of cases an analyst may import (docs/decisions/0021).
CASE_IMPORT_MAX_BYTES = env.int("CASE_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
CASE_IMPORT_MAX_ROWS = env.int("CASE_IMPORT_MAX_ROWS", default=50_000)

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin: it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "focus.core",
    "focus.geo",
    "focus.policies",
    "focus.library",
    "focus.standards",
    "focus.reports",
    "focus.incidents",
    "focus.network",
    "focus.alerts",
    "focus.search",
    "focus.contributions",
    "focus.api",
    # Its docs page then loads Swagger UI from the project's static files, not a CDN.
    "ninja",
    # Before allauth: its layout template is overridden here, in the site's layout.
    "focus.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The API's CORS headers, and an ETag on every page so that a repeated GET can be a 304.
    "focus.api.middleware.OpenDataHeaders",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "focus.accounts.middleware.TwoFactorForStaffMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes asks: it turns a lockout into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "focus.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "focus.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'focus.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an import writes; the timeout waits out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): contributors sign up with a verified e-mail address and sign
# in with their username or e-mail; staff must add a second factor (focus.accounts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:contributions"
ACCOUNT_ADAPTER = "focus.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Focus: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
MFA_ADAPTER = "focus.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Focus"

# Password guessing (django-axes): five failures lock the username, not the address (Tor
# users share a few exit addresses), for an hour. Nothing about the client is kept: no
# address, no browser details (focus.accounts.lockout).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "focus.accounts.lockout.account_name"
AXES_CLIENT_IP_CALLABLE = "focus.accounts.lockout.no_address"
AXES_HANDLER = "focus.accounts.lockout.AnonymousDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "focus.accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of who signed in when
AXES_VERBOSE = False  # logs name the username, masked, and nothing else
AXES_SENSITIVE_PARAMETERS = ["username", "login", "email", "ip_address", "csrfmiddlewaretoken"]
# axes warns when lockouts ignore the address: that is the point here (see above).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Languages of the interface and of translated content. Content falls back to English,
# and titles to their original language (see policies.models.Instrument.display_title).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "focus" / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
if DEBUG:
    # whitenoise serves collected files from here, and the app's own files meanwhile.
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and gzip/brotli copies made by collectstatic; served by whitenoise.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

# Background work (reading uploaded files): stored in the database, run by
# `manage.py db_worker`. Tests may switch to the immediate backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LIBRARY_MAX_UPLOAD_MB = env.int("LIBRARY_MAX_UPLOAD_MB", default=50)

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Rate limits count in the cache: with several app servers, give them a shared one.
CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
    # Country briefs' PDFs (focus/reports/briefs.py): files in var/, shared by the app's
    # processes and kept across restarts; give several app servers a shared cache.
    "briefs": env.cache_url(
        "BRIEFS_CACHE_URL", default=f"filecache://{VAR_DIR / 'cache' / 'briefs'}"
    ),
}
CACHES["briefs"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)

# The API's limits per client: a burst, and a sustained rate (bulk exports need neither).
API_RATE_LIMITS = env.list("API_RATE_LIMITS", default=["120/m", "3000/h"])
# Whole-table downloads per client (each can take minutes to write).
DOWNLOAD_RATE_LIMITS = env.list("DOWNLOAD_RATE_LIMITS", default=["10/m", "100/h"])

# The site's own address, for links in e-mails sent outside a request.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="focus@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers and cookies; TLS-only settings are on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)

# Everything a page needs comes from this site: no script, style, font or image from
# another host, and no inline script or style. The page that shows the QR code of
# two-factor authentication (a `data:` image) adds `data:` for itself alone
# (focus/accounts/urls.py). The admin needs its own scripts, the public site none.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
