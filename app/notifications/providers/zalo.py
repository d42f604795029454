"""Zalo ZNS: template messages from the Official Account, with its access token kept fresh.

Zalo's OA access token lasts about 25 hours; each refresh returns a new refresh token and spends the
old one, so the pair lives in the database (ProviderToken) and one worker at a time refreshes it
under a row lock. `tracking_id` carries our idempotency key.
"""

from datetime import timedelta

from sqlalchemy import select

from ...extensions import db
from ...models.notify import ProviderToken
from ...timeutil import utcnow
from . import DeliveryError, Rejected, TryLater, international, post_json

ZNS_URL = "https://business.openapi.zalo.me/message/template"
OAUTH_URL = "https://oauth.zaloapp.com/v4/oa/access_token"
TOKEN_NAME = "zalo_oa"
EXPIRED_TOKEN = {-124, -216}  # "access token is invalid / expired"
TRANSIENT = {-32, -500}  # rate limited, internal error


class ZaloZnsProvider:
    channel = "zns"

    def __init__(self, config):
        self.url = config.get("ZALO_ZNS_URL") or ZNS_URL
        self.oauth_url = config.get("ZALO_OAUTH_URL") or OAUTH_URL
        self.app_id = config.get("ZALO_APP_ID") or ""
        self.app_secret = config.get("ZALO_APP_SECRET") or ""
        self.first_refresh_token = config.get("ZALO_REFRESH_TOKEN") or ""
        self.templates = config.get("ZALO_ZNS_TEMPLATES") or {}
        self.timeout = config.get("NOTIFY_HTTP_TIMEOUT", 10)

    # ------------------------------------------------------------ sending

    def send(self, message):
        template_id = self.templates.get(message.event)
        if not template_id:
            raise Rejected(f"ZNS: no template id for '{message.event}' (ZALO_ZNS_TEMPLATES)")
        body = {
            "phone": international(message.to),
            "template_id": str(template_id),
            "template_data": message.template_params,
            "tracking_id": message.key,
        }
        answer = self._post(body, self.access_token())
        if answer.get("error") in EXPIRED_TOKEN:
            answer = self._post(body, self.access_token(force_refresh=True))
        code = answer.get("error")
        if code == 0:
            return str((answer.get("data") or {}).get("msg_id") or "")
        reason = f"ZNS error {code}: {answer.get('message') or ''}".strip()
        if code in TRANSIENT:
            raise TryLater(reason)
        raise Rejected(reason)

    def _post(self, body, token):
        return post_json("ZNS", self.url, self.timeout, json=body, headers={"access_token": token})

    # ------------------------------------------------------------ the token pair

    def access_token(self, force_refresh=False):
        row = db.session.get(ProviderToken, TOKEN_NAME)
        if row and row.access_token and not force_refresh and row.expires_at and row.expires_at > utcnow():
            return row.access_token
        return self._refresh(stale=row.access_token if row else None)

    def _refresh(self, stale):
        """Swap the refresh token for a new pair, once across workers: the row lock serialises them."""
        db.session.rollback()
        row = db.session.scalars(
            select(ProviderToken).where(ProviderToken.name == TOKEN_NAME).with_for_update()
        ).first()
        if row is None:
            row = ProviderToken(name=TOKEN_NAME, refresh_token=self.first_refresh_token)
            db.session.add(row)
            db.session.flush()
        elif row.access_token and row.access_token != stale and row.expires_at and row.expires_at > utcnow():
            db.session.commit()  # another worker refreshed while we waited for the lock
            return row.access_token
        if not row.refresh_token:
            db.session.rollback()
            raise Rejected("ZNS: no refresh token (set ZALO_REFRESH_TOKEN)")
        form = {"refresh_token": row.refresh_token, "app_id": self.app_id, "grant_type": "refresh_token"}
        try:
            answer = post_json(
                "Zalo OAuth", self.oauth_url, self.timeout, data=form, headers={"secret_key": self.app_secret}
            )
        except DeliveryError:
            db.session.rollback()
            raise
        if not answer.get("access_token"):
            db.session.rollback()
            raise Rejected(f"Zalo OAuth: {answer.get('error_description') or answer.get('error')}")
        row.access_token = answer["access_token"]
        row.refresh_token = answer.get("refresh_token") or row.refresh_token
        # Renew a little early so a message never goes out with a token that expires on the way.
        row.expires_at = utcnow() + timedelta(seconds=max(60, int(answer.get("expires_in") or 3600) - 300))
        db.session.commit()
        return row.access_token
