"""Re-voice the board: render the call clips (letters, digits, "Mời số", "đến quầy") to static/audio/vi/.

    python3 tools/voice/make_clips.py [--voice vi|vi-vn-x-central|vi-vn-x-south] [--speed 140]

Uses Debian's espeak-ng (its Vietnamese voices need no network) and lame, installing them with
apt-get when missing. A number is read digit by digit, as Vietnamese offices call it: B012 is
"Mời số - bê - không - một - hai - đến quầy - hai". To use a recorded human voice instead, replace
the MP3 files with recordings of the same words (mono, about 24 kbit/s keeps the set near 100 KB).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "audio" / "vi"

# What each clip says. Letters are named as Vietnamese read them out in offices.
WORDS = {
    "moi-so": "Mời số",
    "den-quay": "đến quầy",
    **{
        str(d): w
        for d, w in enumerate(["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"])
    },
    "a": "a", "b": "bê", "c": "xê", "d": "dê", "e": "e", "f": "ép", "g": "giê", "h": "hát", "i": "i",
    "j": "gi", "k": "ca", "l": "e lờ", "m": "em mờ", "n": "en nờ", "o": "o", "p": "pê", "q": "quy",
    "r": "e rờ", "s": "ét xì", "t": "tê", "u": "u", "v": "vê", "w": "vê kép", "x": "ích xì", "y": "i dài",
    "z": "dét",
}  # fmt: skip


def ensure_tools():
    missing = [pkg for tool, pkg in (("espeak-ng", "espeak-ng"), ("lame", "lame")) if not shutil.which(tool)]
    if missing:
        print("installing", *missing)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)


def render(name, text, voice, speed, workdir):
    wav = workdir / f"{name}.wav"
    # -g 0: no pause after the word; the board plays clips back to back.
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-g", "0", "-w", str(wav), text], check=True)
    mp3 = OUT / f"{name}.mp3"
    subprocess.run(
        ["lame", "--silent", "-m", "m", "-b", "24", "--resample", "16", "--noreplaygain", str(wav), str(mp3)],
        check=True,
    )
    return mp3.stat().st_size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", default="vi", help="espeak-ng voice (vi, vi-vn-x-central, vi-vn-x-south)")
    parser.add_argument("--speed", type=int, default=140, help="words per minute")
    args = parser.parse_args(argv)
    ensure_tools()
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in WORDS.items():
            total += render(name, text, args.voice, args.speed, Path(tmp))
    print(f"{len(WORDS)} clips, {total / 1024:.0f} KB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
