"""SMS through eSMS.vn's documented JSON API (SendMultipleMessage_V4_post_json), brandname or fixed sender.

RequestId carries our idempotency key ("to prevent the request from being duplicated", eSMS docs):
a repeat of a RequestId eSMS has already taken is answered HTTP 200 with CodeResult 124 "Duplicate
RequestId" and sends nothing, so a retry after a lost answer (timeout, a worker killed before it
marked the row sent) counts as sent, not failed, and the phone gets the text once.
Codes from eSMS's "Table of error codes" (developers.esms.vn/en/esms-api/table-of-error-codes).
"""

from . import Rejected, international, post_json

DEFAULT_URL = "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"
# CodeResult values: 100 accepted; 124 duplicate RequestId (the earlier send stands). Every other
# code is an account, number or content problem that retrying cannot fix: 99 the number is blocked,
# 101 wrong keys, 103 no balance, 104 unknown brandname, 108 bad number, 140 IP not whitelisted,
# 146 wrong customer-care template. Passing trouble shows as timeouts, HTTP 5xx or 429 (retried).
ACCEPTED = "100"
DUPLICATE_REQUEST = "124"


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
        answer = post_json("eSMS", self.url, self.timeout, json=body)
        code = str(answer.get("CodeResult"))
        if code == ACCEPTED:
            return str(answer.get("SMSID") or "")
        if code == DUPLICATE_REQUEST:
            return f"duplicate of RequestId {message.key}"
        raise Rejected(f"eSMS CodeResult {code}: {answer.get('ErrorMessage') or ''}".strip())
