"""Clock and time-zone helpers: the database stores naive UTC, people see Asia/Ho_Chi_Minh."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _now():
    """The one clock the app reads; tests replace it to travel in time."""
    return datetime.now(UTC)


def utcnow():
    """Naive UTC now, the form every timestamp column stores."""
    return _now().astimezone(UTC).replace(tzinfo=None)


def timestamp():
    """Seconds since the epoch on the app's clock, for counters and expiries kept in seconds."""
    return _now().timestamp()


def local_now():
    return _now().astimezone(LOCAL_TZ)


def local_today():
    return local_now().date()


def to_local(dt):
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(LOCAL_TZ)


def to_utc_naive(dt):
    """An aware datetime (any zone) as the naive UTC the database keeps."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=LOCAL_TZ)
    return dt.astimezone(UTC).replace(tzinfo=None)
