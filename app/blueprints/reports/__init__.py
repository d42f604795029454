"""Reports: the staff report page, its CSV export and the nightly rollup command (at /reports)."""

from flask import Blueprint

# Reports live at the stable public path /reports, outside the /admin prefix.
bp = Blueprint("reports", __name__, cli_group=None)  # its commands are top-level

from . import cli, index_routes, national, routes, units  # noqa: E402,F401
