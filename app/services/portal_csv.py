"""Reading the ward one-stop system's CSV export: encoding, separator, columns and status words.

There is no fixed format: the file may be UTF-8 (with or without a byte-order mark) or
Windows-1258 (Vietnamese Windows, tone marks as combining characters), separated by commas,
semicolons, tabs or bars. Status words are the ones provincial systems use when they synchronise
with the national portal (see /work/shared/DOMAIN.md), compared without accents.
"""

import csv
import io
import unicodedata

from .text import fold

SEPARATORS = (",", ";", "\t", "|")
# Status words (folded) -> our dossier status.
STATUS_WORDS = {
    "moi dang ky": "submitted",
    "duoc tiep nhan": "received",
    "da tiep nhan": "received",
    "khong duoc tiep nhan": "refused",
    "dang xu ly": "processing",
    "yeu cau bo sung giay to": "supplement",
    "yeu cau thuc hien nghia vu tai chinh": "processing",
    "cong dan yeu cau rut ho so": "withdrawn",
    "dung xu ly": "cancelled",
    "da xu ly xong": "completed",
    "da tra ket qua": "returned",
}
# Header words (folded) that name each column we map, in order of preference.
COLUMN_HINTS = {
    "code": ("ma ho so", "so ho so", "ma hs", "code"),
    "status": ("trang thai", "tinh trang", "status"),
    "received": ("ngay tiep nhan", "ngay nhan", "received"),
    "due": ("ngay hen tra", "han xu ly", "han giai quyet", "due"),
}


def decode(raw):
    """(text, encoding name): UTF-8 with or without BOM, else Windows-1258; always NFC."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = raw.decode("cp1258", errors="replace"), "cp1258"
    return unicodedata.normalize("NFC", text), encoding


def separator_of(text):
    """The separator most used in the header line (a comma when none is)."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def rows_of(text, separator):
    """(header, rows) with cells stripped; blank lines left out."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    lines = [[cell.strip() for cell in line] for line in reader if any(cell.strip() for cell in line)]
    return (lines[0], lines[1:]) if lines else ([], [])


def guess_mapping(header):
    """{"code": index, "status": index, ...} from the header words (None where nothing fits)."""
    folded = [fold(name) for name in header]
    mapping = {}
    for field, hints in COLUMN_HINTS.items():
        mapping[field] = next(
            (index for hint in hints for index, name in enumerate(folded) if hint in name), None
        )
    return mapping


def status_of(word):
    """Our status for a status word of the export, or None when it is not one we know."""
    return STATUS_WORDS.get(" ".join(fold(word).split()))
