"""One interface for every way of reaching a resident: a provider sends one message or says why not."""

from dataclasses import dataclass, field

import requests


@dataclass
class Message:
    """What a provider needs to send one notification, already rendered in the resident's language."""

    key: str  # idempotency key: the same for every retry of this notification
    channel: str
    to: str  # 0912345678, or a push endpoint
    event: str
    text: str  # SMS: unaccented, one segment; push: the body
    title: str = ""
    url: str | None = None
    tag: str = ""  # push: a repeat replaces the earlier notification with this tag
    template_params: dict = field(default_factory=dict)  # ZNS: typed parameters of the event's template
    push_keys: dict = field(default_factory=dict)  # p256dh, auth


class DeliveryError(Exception):
    """The provider did not take the message; `reason` is shown to staff in the delivery log."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = str(reason)[:300]


class TryLater(DeliveryError):
    """A passing failure (timeout, 5xx, 429): retry, not sooner than `retry_after` seconds."""

    def __init__(self, reason, retry_after=None):
        super().__init__(reason)
        self.retry_after = retry_after


class Rejected(DeliveryError):
    """A permanent failure (4xx, bad number, no template): retrying would not help."""


class Gone(Rejected):
    """The recipient no longer exists (push subscription 404/410): forget it."""


def retry_after_seconds(value):
    """Retry-After as seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int((when - datetime.now(UTC)).total_seconds()))


def http_failure(response, what):
    """TryLater for 429/5xx (honouring Retry-After), Rejected for other 4xx."""
    reason = f"{what}: HTTP {response.status_code} {response.text[:120]}".strip()
    if response.status_code == 429 or response.status_code >= 500:
        return TryLater(reason, retry_after_seconds(response.headers.get("Retry-After")))
    if response.status_code in (404, 410):
        return Gone(reason)
    return Rejected(reason)


def post_json(what, url, timeout, **request):
    """POST to a provider and return its JSON answer. No answer, a broken connection, 429/5xx or an
    answer that is not JSON: TryLater; another 4xx: Rejected. `what` names the provider in the reason."""
    try:
        response = requests.post(url, timeout=timeout, **request)
    except requests.Timeout:
        raise TryLater(f"{what}: no answer within {timeout} s") from None
    except requests.RequestException as error:
        raise TryLater(f"{what}: {type(error).__name__}") from None
    if response.status_code != 200:
        raise http_failure(response, what)
    try:
        return response.json()
    except ValueError:
        raise TryLater(f"{what}: the answer was not JSON") from None


def international(phone):
    """0912345678 -> 84912345678, the form SMS and ZNS gateways take."""
    return "84" + phone[1:] if phone.startswith("0") else phone


def provider_for(channel, config):
    """The provider configured for `channel` (NOTIFY_SMS_PROVIDER, NOTIFY_ZNS_PROVIDER, NOTIFY_PUSH_PROVIDER)."""
    name = config.get(f"NOTIFY_{channel.upper()}_PROVIDER") or "log"
    if name == "log":
        from .log import LogProvider

        return LogProvider(channel)
    if channel == "sms" and name == "esms":
        from .esms import EsmsProvider

        return EsmsProvider(config)
    if channel == "zns" and name == "zalo":
        from .zalo import ZaloZnsProvider

        return ZaloZnsProvider(config)
    if channel == "push" and name == "webpush":
        from .webpush import WebPushProvider

        return WebPushProvider(config)
    raise ValueError(f"unknown {channel} provider {name!r}")
