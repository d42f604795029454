"""The demo's teams and procedures: the civil-status and residence procedures of Tân Giang ward.

The procedures are data, in procedures.toml beside this file.
"""

import tomllib
from pathlib import Path

PORTAL = "https://dichvucong.gov.vn"

TEAMS = [
    ("one-stop", "Bộ phận một cửa phường", "Ward one-stop desk", "A"),
    ("online", "Tổ dịch vụ công trực tuyến", "Online public-service team", "B"),
    ("volunteers", "Đội thanh niên xung kích", "Youth-union volunteers", "C"),
]


def procedures():
    """Each procedure of procedures.toml: a Procedure's fields, with `team` its team's code."""
    with open(Path(__file__).with_name("procedures.toml"), "rb") as file:
        return [{"portal_url": PORTAL, **row} for row in tomllib.load(file)["procedure"]]
