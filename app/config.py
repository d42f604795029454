"""Configuration classes, read from the environment."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("INSTANCE_PATH", ROOT / "instance"))


def _flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def secret_key(instance=INSTANCE):
    """SECRET_KEY from the environment, else one generated once into instance/.

    Every gunicorn worker must agree on the key, so the first one to start writes it
    with O_EXCL and the others read what it wrote.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text().strip()
            if key:
                return key
            import time

            time.sleep(0.05)
        raise RuntimeError(f"{path} is empty: delete it and start again")
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def database_url(instance=INSTANCE):
    url = os.environ.get("DATABASE_URL")
    if not url:
        instance.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance / 'tdp.sqlite3'}"
    # Heroku-style URLs and plain postgresql:// both mean psycopg 3 here.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


class Config:
    # A sick database costs web requests seconds, not minutes (app/db_deadlines.py); CLI keeps no deadline.
    DB_CONNECT_TIMEOUT_MS = int(os.environ.get("DB_CONNECT_TIMEOUT_MS", 3000))  # PostgreSQL: 2 s at least
    DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", 5000))  # web requests only
    DB_POOL_TIMEOUT_MS = int(os.environ.get("DB_POOL_TIMEOUT_MS", 3000))  # waiting for a free connection
    # Once a deadline passed or a connection failed, refuse at once for this long, then let one request try.
    DB_SICK_MS = int(os.environ.get("DB_SICK_MS", 5000))
    DB_RETRY_AFTER_SECONDS = 10

    @property
    def SQLALCHEMY_ENGINE_OPTIONS(self):
        options = {"pool_pre_ping": True}
        uri = self.SQLALCHEMY_DATABASE_URI
        if uri.startswith("postgresql"):
            options["pool_timeout"] = self.DB_POOL_TIMEOUT_MS / 1000
            options["connect_args"] = {"connect_timeout": max(2, -(-self.DB_CONNECT_TIMEOUT_MS // 1000))}
        return options

    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Where workers (which have no request) point links: https://tdp.example.gov.vn
    PUBLIC_BASE_URL = (os.environ.get("PUBLIC_BASE_URL") or "").rstrip("/") or None
    # Where a resident checks a dossier filed on the national portal ({code}: its national code).
    NATIONAL_PORTAL_LOOKUP_URL = os.environ.get(
        "NATIONAL_PORTAL_LOOKUP_URL",
        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma_ho_so={code}",
    )

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("vi", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SECURE_COOKIES", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    PREFERRED_URL_SCHEME = "https" if SESSION_COOKIE_SECURE else "http"
    BEHIND_PROXY = _flag("BEHIND_PROXY", False)

    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "application/json",
        "text/csv",
        "image/svg+xml",
        "text/calendar",
        "application/javascript",
    ]
    COMPRESS_MIN_SIZE = 200
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_LEVEL = 6
    COMPRESS_BR_LEVEL = 5

    # Throttles: (attempts, window in seconds)
    # Wrong passwords per (account, address), per account from anywhere, and per address for any account.
    LOGIN_LIMIT_PER_PAIR = (5, 15 * 60)
    LOGIN_LIMIT_PER_USER = (50, 60 * 60)
    LOGIN_LIMIT_PER_IP = (100, 15 * 60)
    PASSWORD_CHANGE_LIMIT = (5, 15 * 60)  # wrong current passwords when changing one's own
    PASSWORD_MIN_LENGTH = 12
    # Staff sign-ins end after this long without a click, and this long after signing in (kiosks exempt).
    STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", 30)) * 60
    STAFF_SESSION_ABSOLUTE_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_HOURS", 12)) * 3600
    # CSRF tokens end with the session: sign-out and timeouts clear it, and none outlives a working day
    # (a form left open on the office PC all morning still posts).
    WTF_CSRF_TIME_LIMIT = STAFF_SESSION_ABSOLUTE_SECONDS
    SEARCH_MAX_LENGTH = 200
    FORM_MAX_BYTES = 512 * 1024  # a url-encoded or multipart form outside the upload page

    # A waiting resident's phone and an open point's board ask for news this often (seconds).
    QUEUE_POLL_SECONDS = 5
    # Visit counter: a worker writes its counts this often, and reuses the figures it read this long.
    VISIT_FLUSH_SECONDS = float(os.environ.get("VISIT_FLUSH_SECONDS", 10))
    VISIT_STATS_CACHE_SECONDS = float(os.environ.get("VISIT_STATS_CACHE_SECONDS", 15))

    def __init__(self):
        self.SECRET_KEY = secret_key()
        self.SQLALCHEMY_DATABASE_URI = database_url()


class TestConfig(Config):
    TESTING = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"
    # A loaded CI machine is slow; the tests that want a statement deadline set milliseconds.
    DB_STATEMENT_TIMEOUT_MS = 30_000
    NOTIFY_QUEUE = "memory"  # tests run queued tasks in-process (notifications.engine.run_pending)
    # One hashing round: tests sign in hundreds of times; the real cost is for real passwords.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"

    def __init__(self, database_uri=None, instance=None):
        self.SECRET_KEY = "test-only-" + secrets.token_hex(8)
        self.SQLALCHEMY_DATABASE_URI = database_uri or "sqlite://"
