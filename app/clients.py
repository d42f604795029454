"""Who is asking: the client address that throttles and counters key on and the audit log records
("?" when there is none). Views ask here, never request.remote_addr.
"""

from flask import request


def client_key():
    # Behind a proxy, ProxyFix (configured in the factory) has already put the client's address here.
    return request.remote_addr or "?"
