"""The VAPID key pair web push is signed with: VAPID_PRIVATE_KEY, else generated once into instance/.

Every instance must sign with the same key (browsers subscribed with its public half), so the first
process to start writes the file with O_EXCL and the others read it, like the secret key.
"""

import base64
import os
import time
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from flask import current_app
from py_vapid import Vapid


def _from_file(path):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            with open(path, "rb") as f:
                pem = f.read()
            if pem.strip():
                return Vapid.from_pem(pem)
            time.sleep(0.05)
        raise RuntimeError(f"{path} is empty: delete it and start again") from None
    key = Vapid()
    key.generate_keys()
    with os.fdopen(fd, "wb") as f:
        f.write(key.private_pem())
    return key


@lru_cache(maxsize=4)
def _load(private_key, path):
    if private_key:
        return Vapid.from_string(private_key)
    return _from_file(path)


def vapid_key():
    config = current_app.config
    path = os.path.join(current_app.instance_path, "vapid_private.pem")
    return _load(config.get("VAPID_PRIVATE_KEY") or "", path)


def public_key_b64():
    """The application server key browsers subscribe with (uncompressed point, base64url)."""
    raw = vapid_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
