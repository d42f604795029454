"""Rendered answers to polls: kept per (content, language, encoding) with their compressed bytes and ETag.

The ticket card and the board are plain values (services/queue/cards.py); equal values render
to equal bytes, so the first poll after a change renders and compresses once and every later
poll for the same card, language and encoding is served from here, by the Flask route and
by the lean poll layer (polls.py) alike. The cache is bounded by the bytes it holds
(QUEUE_ANSWER_CACHE_BYTES in the environment, 16 MB by default: ~25,000 answers of ~650 B); `stats()` gives its
hit and miss counters (`GET /queue/answers` for admins, per worker).
"""

import contextlib
import hashlib
import os
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import brotli

from ...config import ROOT

FRAGMENT_VARY = "HX-Request, Accept-Encoding"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def template_salt(root=ROOT):
    """A hash of every template and translation: a change in what a card renders to changes every ETag."""
    digest = hashlib.sha1()
    for folder, pattern in ((root / "templates", "**/*.html"), (root / "translations", "**/*.po")):
        for path in sorted(Path(folder).glob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


SALT = template_salt()


def etag_for(*parts):
    return hashlib.sha1(repr((SALT, *parts)).encode()).hexdigest()[:20]


def negotiate(accept_encoding):
    """The encoding we answer in: br, else gzip, else none (what Flask-Compress would choose)."""
    offered = set()
    for item in (accept_encoding or "").lower().split(","):
        name, _sep, params = item.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        offered.add(name.strip())
    if "br" in offered:
        return "br"
    if "gzip" in offered or "*" in offered:
        return "gzip"
    return None


def _compress(body, encoding):
    """The body in `encoding`, with a window no bigger than the body: for a fragment of ~1 KB the
    same bytes as the default 32 KB (gzip) or 4 MB (brotli) window, at a fraction of the cost of
    setting those windows up (gzip 4-8x, brotli ~1.3x quicker, measured)."""
    bits = (len(body) - 1).bit_length()
    if encoding == "br":
        return brotli.compress(body, quality=5, lgwin=max(10, min(24, bits)))
    if encoding == "gzip":
        packer = zlib.compressobj(6, zlib.DEFLATED, 16 + max(9, min(15, bits)), 5)  # 16+: gzip framing
        return packer.compress(body) + packer.flush()
    return body


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes  # as sent: compressed in `encoding`
    etag: str  # without quotes
    encoding: str | None
    cache_control: str

    def headers(self, not_modified=False):
        """Only what a fragment needs; the page shell carried the document headers."""
        headers = [("ETag", f'"{self.etag}"'), ("Cache-Control", self.cache_control), ("Vary", FRAGMENT_VARY)]
        if not not_modified:
            headers += [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(self.body)))]
            if self.encoding:
                headers.append(("Content-Encoding", self.encoding))
        return headers


class AnswerCache:
    """A bounded LRU of answers with hit and miss counters."""

    def __init__(self, max_bytes=DEFAULT_MAX_BYTES):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key, count=True):
        """The answer kept for `key`; a hit is counted (a miss is counted when one is stored)."""
        answer = self._entries.get(key)
        if answer is None:
            return None
        self.hits += count
        with contextlib.suppress(KeyError):
            self._entries.move_to_end(key)
        return answer

    def put(self, key, answer):
        with self._lock:
            self.misses += 1
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes and self._entries:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def stats(self):
        return {
            "entries": len(self._entries),
            "bytes": self._bytes,
            "max_bytes": self.max_bytes,
            "hits": self.hits,
            "misses": self.misses,
        }


answers = AnswerCache(int(os.environ.get("QUEUE_ANSWER_CACHE_BYTES", DEFAULT_MAX_BYTES)))  # per process


def answer_key(kind, content, lang, encoding, root=""):
    """What an answer is kept under: the content, its language and encoding, and the script root
    its links were built under (where the app is mounted)."""
    return (kind, content, lang, encoding, root)


def cached_answer(key, count=True):
    """The answer already rendered for this key, or None."""
    return answers.get(key, count)


def store_answer(key, status, html, cache_control):
    _kind, _content, _lang, encoding, _root = key
    tag = etag_for(*key[:3], key[4], True)
    answer = Answer(
        status,
        _compress(html.encode(), encoding),
        f"{tag}:{encoding}" if encoding else tag,
        encoding,
        cache_control,
    )
    answers.put(key, answer)
    return answer
