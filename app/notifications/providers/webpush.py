"""Web push (RFC 8030/8291/8292) with pywebpush and the deployment's VAPID key."""

import json

import requests
from pywebpush import WebPushException, webpush

from ..vapid import vapid_key
from . import Gone, TryLater, http_failure


class WebPushProvider:
    channel = "push"

    def __init__(self, config):
        self.subject = config.get("VAPID_SUBJECT") or "mailto:admin@localhost"
        self.timeout = config.get("NOTIFY_HTTP_TIMEOUT", 10)
        self.ttl = config.get("NOTIFY_PUSH_TTL", 3600)

    def send(self, message):
        payload = json.dumps(
            {"title": message.title, "body": message.text, "url": message.url, "tag": message.tag},
            ensure_ascii=False,
        )
        subscription = {"endpoint": message.to, "keys": message.push_keys}
        try:
            response = webpush(
                subscription,
                payload,
                vapid_private_key=vapid_key(),
                vapid_claims={"sub": self.subject},
                ttl=self.ttl,
                timeout=self.timeout,
                # Topic: the push service keeps only the newest undelivered message per topic.
                headers={"Topic": message.key[:32], "Urgency": "high"},
            )
        except WebPushException as error:
            if error.response is not None:
                raise http_failure(error.response, "push service") from None
            raise TryLater(f"push service: {error}") from None
        except requests.Timeout:
            raise TryLater(f"push service: no answer within {self.timeout} s") from None
        except requests.RequestException as error:
            raise TryLater(f"push service: {type(error).__name__}") from None
        if response.status_code in (404, 410):
            raise Gone(f"push service: HTTP {response.status_code}")
        return response.headers.get("Location", "")[:100]
