"""Text helpers for Vietnamese: accent-free folding for search, phone and ID normalising."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_ANY_DIGIT = re.compile(r"\d")  # Unicode decimal digits (category Nd), each with its value 0-9


def fold(text):
    """Lower-case ASCII with Vietnamese marks removed: "Đăng ký khai tử" -> "dang ky khai tu".

    NFD splits most letters from their marks, but đ/Đ is a letter of its own and needs mapping.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)  # full-width "ｋｈａｉ" from a phone's keyboard is "khai"
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.lower()).strip()


def search_terms(query, max_terms=8):
    """The words of a search query, folded; punctuation-only input gives no terms."""
    words = _NOT_WORD.sub(" ", fold(query)).split()
    return words[:max_terms]


def ascii_digits(text):
    """Decimal digits of any script as the ASCII digits they stand for: full-width "０４２" from an
    East Asian keyboard or Arabic-Indic "٠٤٢" become "042", so what is stored and compared is ASCII."""
    return _ANY_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0])), text)


# The one message for a mobile number normalise_phone refuses, on every form that asks for one.
PHONE_MESSAGE = _l("Enter a 10-digit mobile number, like 0912 345 678")


def normalise_phone(raw):
    """A Vietnamese mobile number as 10 digits starting with 0, or None if it is not one.

    Accepts spaces, dots, dashes, the +84 / 84 country prefix and digits of any script (ascii_digits).
    """
    if not raw:
        return None
    digits = ascii_digits(re.sub(r"[\s.\-()]", "", raw))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if re.fullmatch(r"0[35789][0-9]{8}", digits):
        return digits
    return None
