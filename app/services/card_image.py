"""The point's share-card picture (1200x630 PNG): its weekly hours as a timetable and a QR code.

Drawn with rectangles and a 5x7 pixel font of the few characters a timetable needs (T2..T7,
CN, hours), encoded with zlib: no imaging library or font files on the server. The words
(the point's name, open now) travel in the card's og:title and og:description.
"""

import struct
import zlib

import segno

WIDTH, HEIGHT = 1200, 630
BLUE, WHITE, GREEN, INK, LINE = (
    (0x0B, 0x53, 0x94),
    (255, 255, 255),
    (0x00, 0x70, 0x3C),
    (0x1B,) * 3,
    (0xB1,) * 3,
)
DAY_LABELS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")  # Vietnamese weekday abbreviations
FIRST_HOUR, LAST_HOUR = 7, 18

GLYPHS = {  # 5 columns x 7 rows, one string per row
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    "T": ("11111", "00100", "00100", "00100", "00100", "00100", "00100"),
    "C": ("01110", "10001", "10000", "10000", "10000", "10001", "01110"),
    "N": ("10001", "11001", "10101", "10011", "10001", "10001", "10001"),
    "h": ("10000", "10000", "10110", "11001", "10001", "10001", "10001"),
}


class Canvas:
    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(background) * width) for _ in range(height)]

    def rect(self, x0, y0, x1, y1, colour):
        x0, x1 = max(0, int(x0)), min(self.width, int(x1))
        if x1 <= x0:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(max(0, int(y0)), min(self.height, int(y1))):
            self.rows[y][x0 * 3 : x1 * 3] = run

    def text(self, x, y, string, scale, colour):
        """Left-aligned text at (x, y) in the pixel font; returns the x after it."""
        for char in string:
            for row, bits in enumerate(GLYPHS[char]):
                for col, bit in enumerate(bits):
                    if bit == "1":
                        self.rect(
                            x + col * scale,
                            y + row * scale,
                            x + (col + 1) * scale,
                            y + (row + 1) * scale,
                            colour,
                        )
            x += 6 * scale
        return x

    def png(self):
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 6))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _minutes(t):
    return t.hour * 60 + t.minute


def card_png(week, url):
    """week: {weekday: [(start time, end time), ...]}; url: what the QR code opens."""
    canvas = Canvas(WIDTH, HEIGHT, BLUE)
    # The timetable: one column per weekday, hours down the side, sessions as green blocks.
    left, top, right, bottom = 40, 40, 780, 590
    canvas.rect(left, top, right, bottom, WHITE)
    grid_left, grid_top, grid_bottom = left + 110, top + 80, bottom - 30
    column = (right - 20 - grid_left) / 7
    per_minute = (grid_bottom - grid_top) / ((LAST_HOUR - FIRST_HOUR) * 60)
    for hour in range(FIRST_HOUR, LAST_HOUR + 1, 2):
        y = grid_top + (hour - FIRST_HOUR) * 60 * per_minute
        canvas.rect(grid_left, y, right - 20, y + 2, LINE)
        canvas.text(left + 20, y - 14, f"{hour}h", 4, INK)
    for day, label in enumerate(DAY_LABELS):
        x = grid_left + day * column
        canvas.text(x + column / 2 - 30, top + 25, label, 5, INK)
        for start, end in week.get(day, []):
            y0 = grid_top + (max(_minutes(start), FIRST_HOUR * 60) - FIRST_HOUR * 60) * per_minute
            y1 = grid_top + (min(_minutes(end), LAST_HOUR * 60) - FIRST_HOUR * 60) * per_minute
            canvas.rect(x + 6, y0, x + column - 6, y1, GREEN)
    # The QR code of the point's page, on white with its quiet zone.
    matrix = [list(row) for row in segno.make(url, error="m").matrix]
    size = len(matrix) + 8
    scale = 340 // size
    qr_left, qr_top = 820 + (340 - size * scale) // 2, 40 + (550 - size * scale) // 2
    canvas.rect(820, 40, 1160, 590, WHITE)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                px, py = qr_left + (x + 4) * scale, qr_top + (y + 4) * scale
                canvas.rect(px, py, px + scale, py + scale, INK)
    return canvas.png()
