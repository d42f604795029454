"""The fake gateway answers like eSMS: a RequestId it has taken is refused the second time.

eSMS documents CodeResult 124 "Duplicate RequestId" (table of error codes, all message types):
a request whose RequestId was already taken sends nothing and says so with HTTP 200. A request is
taken when eSMS accepted it (100), also when its answer never reached the sender ("hold", "sleep":
the gateway got it and the client gave up or died); a refused request (103 no balance, 5xx) takes
nothing, so its retry is a new request.
"""

DUPLICATE = (200, {"CodeResult": "124", "CountRegenerate": 0, "ErrorMessage": "Duplicate RequestId"}, {})


def like_esms(gateway):
    """Make `gateway` keep eSMS's RequestIds: `gateway.taken` lists the texts that reached a phone."""
    gateway.taken = []

    def answer(body, planned):
        key = body.get("RequestId") if isinstance(body, dict) else None
        if key and key in {b["RequestId"] for b in gateway.taken}:
            return DUPLICATE
        accepted = planned[0] in ("hold", "sleep") or (
            planned[0] == 200 and str((planned[1] or {}).get("CodeResult")) == "100"
        )
        if key and accepted:
            gateway.taken.append(body)
        return planned

    gateway.answer = answer
