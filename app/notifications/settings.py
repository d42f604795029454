"""Notification settings: defaults, read from the environment (README lists every one)."""

import os


def _int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _quota(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    return None if value.strip().lower() in {"none", "unlimited", "0"} else int(value)


def _templates(value):
    """ZALO_ZNS_TEMPLATES="called=231456,recalled=231457" -> {"called": "231456", ...}."""
    pairs = (item.split("=", 1) for item in (value or "").split(",") if "=" in item)
    return {k.strip(): v.strip() for k, v in pairs}


def from_env():
    env = os.environ.get
    return {
        "NOTIFY_QUEUE": env("NOTIFY_QUEUE") or None,  # "memory", a file path or redis://; default below
        "NOTIFY_SMS_PROVIDER": env("NOTIFY_SMS_PROVIDER", "log"),
        "NOTIFY_ZNS_PROVIDER": env("NOTIFY_ZNS_PROVIDER", "log"),
        "NOTIFY_PUSH_PROVIDER": env("NOTIFY_PUSH_PROVIDER", "webpush"),
        "NOTIFY_HTTP_TIMEOUT": float(env("NOTIFY_HTTP_TIMEOUT") or 10),
        "NOTIFY_MAX_ATTEMPTS": _int("NOTIFY_MAX_ATTEMPTS", 6),
        "NOTIFY_BACKOFF_SECONDS": float(env("NOTIFY_BACKOFF_SECONDS") or 15),
        "NOTIFY_BACKOFF_MAX_SECONDS": float(env("NOTIFY_BACKOFF_MAX_SECONDS") or 1800),
        "NOTIFY_LEASE_SECONDS": float(env("NOTIFY_LEASE_SECONDS") or 120),
        "NOTIFY_HANDOFF_GRACE_SECONDS": float(env("NOTIFY_HANDOFF_GRACE_SECONDS") or 30),
        "NOTIFY_QUIET_HOURS": tuple((env("NOTIFY_QUIET_HOURS") or "21:00-07:00").split("-", 1)),
        "NOTIFY_DAILY_QUOTA": {
            "sms": _quota("NOTIFY_DAILY_QUOTA_SMS", 300),
            "zns": _quota("NOTIFY_DAILY_QUOTA_ZNS", 300),
            "push": _quota("NOTIFY_DAILY_QUOTA_PUSH", None),
        },
        # "còn N người" goes out when this many people (or fewer) are ahead, once per position.
        "NOTIFY_AHEAD_AT": tuple(int(n) for n in (env("NOTIFY_AHEAD_AT") or "3,1").split(",") if n.strip()),
        "NOTIFY_REMINDER_EVENING": env("NOTIFY_REMINDER_EVENING") or "18:00",  # the day-before reminder
        "NOTIFY_WORKER_THREADS": _int("NOTIFY_WORKER_THREADS", 4),
        "ESMS_API_URL": env("ESMS_API_URL"),
        "ESMS_API_KEY": env("ESMS_API_KEY"),
        "ESMS_SECRET_KEY": env("ESMS_SECRET_KEY"),
        "ESMS_BRANDNAME": env("ESMS_BRANDNAME"),
        "ESMS_SMS_TYPE": env("ESMS_SMS_TYPE", "2"),
        "ESMS_SANDBOX": env("ESMS_SANDBOX", "") in {"1", "true", "yes"},
        "ZALO_APP_ID": env("ZALO_APP_ID"),
        "ZALO_APP_SECRET": env("ZALO_APP_SECRET"),
        "ZALO_REFRESH_TOKEN": env("ZALO_REFRESH_TOKEN"),
        "ZALO_ZNS_URL": env("ZALO_ZNS_URL"),
        "ZALO_OAUTH_URL": env("ZALO_OAUTH_URL"),
        "ZALO_ZNS_TEMPLATES": _templates(env("ZALO_ZNS_TEMPLATES")),
        "VAPID_PRIVATE_KEY": env("VAPID_PRIVATE_KEY"),
        "VAPID_SUBJECT": env("VAPID_SUBJECT", "mailto:admin@localhost"),
    }


def init_app(app):
    """Fill every setting the app config does not already name (TestConfig sets its own)."""
    for name, value in from_env().items():
        app.config.setdefault(name, value)
