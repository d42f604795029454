"""Attachments: what may be uploaded (checked by content, not by name) and where it is kept.

Files are stored under instance/uploads with random names, outside static/, and are only
served by a view that sets Content-Disposition: attachment and the type found here.
"""

import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

MAX_BYTES = 10 * 1024 * 1024

# kind: (extensions, mime type)
KINDS = {
    "pdf": ((".pdf",), "application/pdf"),
    "doc": ((".doc",), "application/msword"),
    "xls": ((".xls",), "application/vnd.ms-excel"),
    "docx": ((".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": ((".jpg", ".jpeg"), "image/jpeg"),
    "png": ((".png",), "image/png"),
}
ALLOWED_EXTENSIONS = tuple(ext for exts, _ in KINDS.values() for ext in exts)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UploadError(ValueError):
    """reason: "empty", "too_large", "type" """

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def sniff(head, data_for_zip=None):
    """The file's kind from its first bytes (and, for Office zips, their contents), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(_OLE2):
        return "ole2"  # .doc or .xls: the extension says which
    if head.startswith(b"PK\x03\x04") and data_for_zip is not None:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data_for_zip)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


def kind_of(filename, data):
    """The allowed kind the name and the content agree on, or raise UploadError("type")."""
    extension = os.path.splitext(filename or "")[1].lower()
    found = sniff(data[:16], data)
    if found == "ole2":
        found = {".doc": "doc", ".xls": "xls"}.get(extension)
    if found is None or extension not in KINDS[found][0]:
        raise UploadError("type")
    return found


def safe_name(filename):
    """The name people will see when downloading: no folders, no control characters."""
    name = unicodedata.normalize("NFC", os.path.basename((filename or "").replace("\\", "/")))
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]", "", name).strip(
        " ."
    )
    return name[:200] or "tep-dinh-kem"


def max_bytes():
    return current_app.config.get("UPLOAD_MAX_BYTES", MAX_BYTES)


def folder():
    path = Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class StoredFile:
    key: str
    original_name: str
    mime_type: str
    size: int


def read_limited(stream, limit):
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError("too_large")
    if not data:
        raise UploadError("empty")
    return data


def store(stream, filename):
    """Check and save an upload; returns what to remember about it."""
    data = read_limited(stream, max_bytes())
    kind = kind_of(filename, data)
    key = secrets.token_hex(16)
    target = folder() / key
    temporary = target.with_suffix(".part")
    with open(temporary, "xb") as f:
        f.write(data)
    os.replace(temporary, target)
    return StoredFile(key=key, original_name=safe_name(filename), mime_type=KINDS[kind][1], size=len(data))


def path_for(key):
    if not key or not re.fullmatch(r"[0-9a-f]{32}", key):
        return None
    path = folder() / key
    return path if path.is_file() else None


def remove(key):
    path = path_for(key)
    if path is not None:
        path.unlink(missing_ok=True)
