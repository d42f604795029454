"""Self-hosted verification codes ("Mã xác thực") for public forms.

A challenge is a signed random nonce: the code and a small sum are derived from it with the
secret key, so nothing is stored when a form is shown. The code is drawn here as SVG strokes
with jitter and noise (no third-party service, no JavaScript); the sum, written in words, is
the text alternative for people who cannot see the picture. Each nonce can be answered once:
the answer is recorded in `captcha_use` (primary key) before it is compared, so a replayed or
guessed challenge fails on every worker. A form saved with a challenge is remembered there too
(hashed with its answers), so the same form sent twice is recognised as a repeat, not a replay.
"""

import hashlib
import hmac
import math
import random
import secrets
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from markupsafe import Markup
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import CaptchaUse
from .submissions import submission_key
from .text import fold

ALPHABET = "2345678ACEFHKMNPRTX"  # no 0/O, 1/I/L, 9/g, B/8 look-alikes
LENGTH = 5
MAX_AGE = 30 * 60

# A small stroke font on a 4 x 6 grid: each glyph is a list of polylines.
_GLYPHS = {
    "2": [[(0, 1), (1, 0), (3, 0), (4, 1), (4, 2), (0, 6), (4, 6)]],
    "3": [[(0, 0), (4, 0), (2, 2.5), (3, 2.5), (4, 3.5), (4, 5), (3, 6), (1, 6), (0, 5)]],
    "4": [[(3, 6), (3, 0), (0, 4), (4, 4)]],
    "5": [[(4, 0), (0, 0), (0, 2.5), (3, 2.5), (4, 3.5), (4, 5), (3, 6), (0, 6)]],
    "6": [[(4, 0), (1, 0), (0, 1.5), (0, 5), (1, 6), (3, 6), (4, 5), (4, 3.5), (3, 2.5), (0, 2.5)]],
    "7": [[(0, 0), (4, 0), (1.5, 6)]],
    "8": [
        [(1, 0), (3, 0), (4, 1), (4, 2), (3, 3), (1, 3), (0, 2), (0, 1), (1, 0)],
        [(1, 3), (0, 4), (0, 5), (1, 6), (3, 6), (4, 5), (4, 4), (3, 3)],
    ],
    "A": [[(0, 6), (2, 0), (4, 6)], [(0.7, 4), (3.3, 4)]],
    "C": [[(4, 1), (3, 0), (1, 0), (0, 1), (0, 5), (1, 6), (3, 6), (4, 5)]],
    "E": [[(4, 0), (0, 0), (0, 6), (4, 6)], [(0, 3), (3, 3)]],
    "F": [[(4, 0), (0, 0), (0, 6)], [(0, 3), (3, 3)]],
    "H": [[(0, 0), (0, 6)], [(4, 0), (4, 6)], [(0, 3), (4, 3)]],
    "K": [[(0, 0), (0, 6)], [(4, 0), (0, 3.5)], [(1.2, 2.6), (4, 6)]],
    "M": [[(0, 6), (0, 0), (2, 3), (4, 0), (4, 6)]],
    "N": [[(0, 6), (0, 0), (4, 6), (4, 0)]],
    "P": [[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)]],
    "R": [[(0, 6), (0, 0), (3, 0), (4, 1), (4, 2), (3, 3), (0, 3)], [(2, 3), (4, 6)]],
    "T": [[(0, 0), (4, 0)], [(2, 0), (2, 6)]],
    "X": [[(0, 0), (4, 6)], [(4, 0), (0, 6)]],
}
WIDTH, HEIGHT = 200, 64
_INK = ("#1b1b1b", "#0b5394", "#6b2c91", "#00563f", "#7a2e0e")


def _spelled():
    """Sums (2-18) as residents may write them, folded and without spaces: "mười một" -> "muoimot"."""
    units = ["mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin"]
    english = "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    spelled = {word: str(n) for n, word in enumerate(units, start=1)}
    spelled.update({word: str(n) for n, word in enumerate((english + " seventeen eighteen").split(), 2)})
    spelled["muoi"] = "10"
    spelled.update({"muoi" + unit: str(10 + n) for n, unit in enumerate(units, start=1)})
    spelled.update(muoitu="14", muoilam="15")  # "mười tư", "mười lăm"
    return spelled


_SPELLED = _spelled()


def _as_number(answer):
    """The sum an answer gives, in ASCII digits: "11", "١١", "mười một", "muoi mot", "eleven" -> "11"."""
    words = "".join(fold(answer).split())
    if words.isdecimal():  # digits of any script
        return str(int(words))
    return _SPELLED.get(words, "")


def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="tdp-captcha")


def _digest(nonce):
    key = (
        current_app.secret_key.encode() if isinstance(current_app.secret_key, str) else current_app.secret_key
    )
    return hmac.new(key, f"captcha:{nonce}".encode(), hashlib.sha256).digest()


def _number_words():
    return [_("one"), _("two"), _("three"), _("four"), _("five"), _("six"), _("seven"), _("eight"), _("nine")]


@dataclass(frozen=True)
class Challenge:
    token: str
    code: str
    a: int
    b: int
    seed: int

    @property
    def question(self):
        words = _number_words()
        return _("What is %(a)s plus %(b)s?", a=words[self.a - 1], b=words[self.b - 1])

    def svg(self):
        return draw(self.code, self.seed)


def _challenge(token, nonce):
    digest = _digest(nonce)
    code = "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:LENGTH])
    return Challenge(
        token=token,
        code=code,
        a=digest[10] % 9 + 1,
        b=digest[11] % 9 + 1,
        seed=int.from_bytes(digest[12:20], "big"),
    )


def new_challenge():
    nonce = secrets.token_hex(12)
    return _challenge(_serializer().dumps(nonce), nonce)


def challenge_from(token):
    """The challenge a form was shown (to draw it again), or None if the token is not valid."""
    try:
        nonce = _serializer().loads(token or "", max_age=MAX_AGE)
    except BadSignature:
        return None
    return _challenge(token, nonce) if isinstance(nonce, str) else None


def verify(token, answer):
    """ "ok", "wrong", "expired", or "used": the right answer to a challenge already answered (the
    same form sent twice, or a replay). Any answer uses the challenge up: show a new one after it."""
    try:
        nonce = _serializer().loads(token or "", max_age=MAX_AGE)
    except SignatureExpired:
        return "expired"
    except BadSignature:
        return "wrong"
    if not isinstance(nonce, str):
        return "wrong"
    first = _use(nonce)
    challenge = _challenge(token, nonce)
    # Compared as bytes: compare_digest refuses str with non-ASCII letters ("tám").
    typed = "".join((answer or "").split()).upper().encode()
    number = _as_number(answer or "").encode()
    if typed and (
        hmac.compare_digest(typed, challenge.code.encode())
        or hmac.compare_digest(number, str(challenge.a + challenge.b).encode())
    ):
        return "ok" if first else "used"
    return "wrong"


def _answered_key(token, answers):
    """Where an accepted form is remembered: a hash of its nonce and answers, 32 hex characters
    (never a nonce itself, which has 24), or None when the token is not a valid one."""
    try:
        nonce = _serializer().loads(token or "", max_age=MAX_AGE)
    except BadSignature:
        return None
    key = submission_key(nonce, *answers) if isinstance(nonce, str) else None
    return key[:32] if key else None


def remember_accepted(token, *answers):
    """Note that the form with this challenge and these answers was saved, so the same form sent
    again (a double tap) can be told apart from a replayed or guessed challenge: accepted()."""
    key = _answered_key(token, answers)
    if key is None:
        return
    try:
        with db.engine.begin() as conn:
            conn.execute(
                CaptchaUse.__table__.insert().values(nonce=key, expires_at=int(time.time()) + MAX_AGE + 60)
            )
    except IntegrityError:
        pass


def accepted(token, *answers):
    """Was this very form (challenge and answers) already saved? Then it is only sent again."""
    key = _answered_key(token, answers)
    if key is None:
        return False
    with db.engine.connect() as conn:
        found = conn.execute(
            select(CaptchaUse.nonce).where(CaptchaUse.nonce == key, CaptchaUse.expires_at >= int(time.time()))
        ).first()
    return found is not None


def _use(nonce):
    """Record the nonce as answered; False if some request (any worker) already did."""
    now = int(time.time())
    try:
        # Its own short transaction, before the request writes (see throttle.py on SQLite).
        with db.engine.begin() as conn:
            conn.execute(CaptchaUse.__table__.insert().values(nonce=nonce, expires_at=now + MAX_AGE + 60))
    except IntegrityError:
        return False
    if random.random() < 0.05:
        with db.engine.begin() as conn:
            conn.execute(delete(CaptchaUse).where(CaptchaUse.expires_at < now))
    return True


def draw(code, seed):
    """The code as an inline SVG: jittered strokes of a small font, rotated, over noise lines."""
    rng = random.Random(seed)
    parts = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#f3f2f1"/>']

    def noise_line(width):
        x0, y0 = rng.uniform(0, 20), rng.uniform(5, HEIGHT - 5)
        x3, y3 = rng.uniform(WIDTH - 20, WIDTH), rng.uniform(5, HEIGHT - 5)
        c = [(rng.uniform(40, 160), rng.uniform(-10, HEIGHT + 10)) for _i in range(2)]
        parts.append(
            f'<path d="M{x0:.0f} {y0:.0f}C{c[0][0]:.0f} {c[0][1]:.0f} {c[1][0]:.0f} '
            f'{c[1][1]:.0f} {x3:.0f} {y3:.0f}" stroke="{rng.choice(_INK)}" '
            f'stroke-width="{width:.1f}" fill="none"/>'
        )

    for _i in range(4):
        noise_line(rng.uniform(1, 2))
    step = (WIDTH - 20) / len(code)
    for index, char in enumerate(code):
        sx, sy = rng.uniform(5.5, 7.5), rng.uniform(6.5, 8)
        angle = math.radians(rng.uniform(-20, 20))
        cx = 10 + step * index + step / 2 + rng.uniform(-3, 3)
        cy = HEIGHT / 2 + rng.uniform(-5, 5)
        cos, sin = math.cos(angle), math.sin(angle)
        d = []
        for line in _GLYPHS[char]:
            points = []
            for gx, gy in line:
                x = (gx - 2 + rng.uniform(-0.25, 0.25)) * sx
                y = (gy - 3 + rng.uniform(-0.25, 0.25)) * sy
                points.append(f"{cx + x * cos - y * sin:.1f} {cy + x * sin + y * cos:.1f}")
            d.append("M" + "L".join(points))
        parts.append(
            f'<path d="{"".join(d)}" stroke="{rng.choice(_INK)}" stroke-width="3" fill="none" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )
    for _i in range(3):
        noise_line(rng.uniform(1.5, 2.5))
    for _i in range(25):
        parts.append(
            f'<circle cx="{rng.uniform(0, WIDTH):.0f}" cy="{rng.uniform(0, HEIGHT):.0f}" '
            f'r="{rng.uniform(0.8, 2):.1f}" fill="{rng.choice(_INK)}"/>'
        )
    label = _("Verification code picture: %(n)d characters", n=len(code))
    return Markup(
        f'<svg class="app-captcha__image" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{Markup.escape(label)}">'
        + "".join(parts)
        + "</svg>"
    )
