"""SMS through eSMS.vn's documented JSON API (SendMultipleMessage_V4_post_json), brandname or fixed sender.

RequestId carries our idempotency key: eSMS refuses a RequestId it has already taken, so a retry
after a lost answer does not send the text twice.
"""

import requests

from . import Rejected, TryLater, http_failure

DEFAULT_URL = "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"
# CodeResult values (eSMS docs): 100 accepted; 99 unknown error (try again); the rest are
# account or content problems that retrying cannot fix (101 wrong key, 103 no balance, 104 brandname...).
ACCEPTED, TRANSIENT = "100", {"99"}
DUPLICATE_REQUEST = "124"  # RequestId already received: the earlier send stands


def international(phone):
    """0912345678 -> 84912345678, the form SMS gateways take."""
    return "84" + phone[1:] if phone.startswith("0") else phone


class EsmsProvider:
    channel = "sms"

    def __init__(self, config):
        self.url = config.get("ESMS_API_URL") or DEFAULT_URL
        self.api_key = config.get("ESMS_API_KEY") or ""
        self.secret_key = config.get("ESMS_SECRET_KEY") or ""
        self.brandname = config.get("ESMS_BRANDNAME") or ""
        self.sms_type = str(config.get("ESMS_SMS_TYPE") or "2")  # 2: customer-care brandname
        self.sandbox = "1" if config.get("ESMS_SANDBOX") else "0"
        self.timeout = config.get("NOTIFY_HTTP_TIMEOUT", 10)

    def send(self, message):
        body = {
            "ApiKey": self.api_key,
            "SecretKey": self.secret_key,
            "Phone": international(message.to),
            "Content": message.text,
            "SmsType": self.sms_type,
            "IsUnicode": "0",
            "Sandbox": self.sandbox,
            "RequestId": message.key,
        }
        if self.brandname:
            body["Brandname"] = self.brandname
        try:
            response = requests.post(self.url, json=body, timeout=self.timeout)
        except requests.Timeout:
            raise TryLater(f"eSMS: no answer within {self.timeout} s") from None
        except requests.RequestException as error:
            raise TryLater(f"eSMS: {type(error).__name__}") from None
        if response.status_code != 200:
            raise http_failure(response, "eSMS")
        try:
            answer = response.json()
        except ValueError:
            raise TryLater("eSMS: the answer was not JSON") from None
        code = str(answer.get("CodeResult"))
        if code == ACCEPTED:
            return str(answer.get("SMSID") or "")
        if code == DUPLICATE_REQUEST:
            return f"dup-{message.key}"
        reason = f"eSMS CodeResult {code}: {answer.get('ErrorMessage') or ''}".strip()
        if code in TRANSIENT:
            raise TryLater(reason)
        raise Rejected(reason)
