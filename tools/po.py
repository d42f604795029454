"""Translation chores: `python tools/po.py update|missing|apply FILE|check`.

Message ids are English; the Vietnamese catalog must translate every one of them
(Vietnamese is the default language). English falls back to the ids.

- update:  extract strings from app/ and templates/ and merge them into vi and en catalogs
- missing: print the Vietnamese entries still untranslated or fuzzy, as "msgid<TAB>" lines
- apply F: read "msgid<TAB>msgstr" lines (plural: "msgid<TAB>msgstr" with the singular id) into vi
- check:   exit 1 if any Vietnamese entry is untranslated or fuzzy
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
VI = TRANSLATIONS / "vi" / "LC_MESSAGES" / "messages.po"


def _load(path):
    with open(path, "rb") as f:
        return read_po(f, locale=path.parent.parent.name)


def _save(catalog, path):
    with open(path, "wb") as f:
        write_po(f, catalog, width=0, omit_header=False, sort_output=True, include_previous=False)


def update():
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run(
        [
            pybabel,
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "Nn_:1,2",
            "--no-location",
            "--sort-output",
            "--project",
            "tdp-dien-tu",
            "-o",
            str(TRANSLATIONS / "messages.pot"),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [
            pybabel,
            "update",
            "-i",
            str(TRANSLATIONS / "messages.pot"),
            "-d",
            str(TRANSLATIONS),
            "--no-fuzzy-matching",
            "--ignore-obsolete",
            "-w",
            "0",
        ],
        cwd=ROOT,
        check=True,
    )


def untranslated(catalog):
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            out.append(message)
    return out


def missing():
    for message in untranslated(_load(VI)):
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        print(f"{key}\t")


def apply(path):
    catalog = _load(VI)
    pairs = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, value = line.split("\t", 1)
            if value.strip():
                pairs[key] = value.strip()
    done = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        if key in pairs:
            message.string = (pairs[key],) if isinstance(message.id, (list, tuple)) else pairs[key]
            message.flags.discard("fuzzy")
            done += 1
    _save(catalog, VI)
    print(f"{done} Vietnamese strings set; {len(untranslated(catalog))} still missing")


def check():
    left = untranslated(_load(VI))
    for message in left:
        print("untranslated:", message.id)
    sys.exit(1 if left else 0)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    {"update": update, "missing": missing, "check": check}.get(command, lambda: apply(sys.argv[2]))()
