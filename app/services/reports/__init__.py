"""Reports: what a service point did in a period, compared with the period before and the targets.

One module per job: periods (calendar periods, percentiles, shares), tickets (ticket counts and
times from the rollups), dossiers, ratings, bookings, targets, report (the whole report), layers
(the rollup mechanism: past days, whole months summed from them), coverage (what a report reads
rolled up or live), spans (runs of days, months), rollups / daycells / histograms (the ticket
rollups), dossier_rollups / dossier_days (the dossier rollups and reading them), csv_export,
charts (SVG geometry).
Periods are Asia/Ho_Chi_Minh calendar days: tickets carry their local service day; dossiers and
ratings carry naive UTC timestamps, compared with local midnights converted to UTC.

Percentiles interpolate linearly between the two nearest ranks (PostgreSQL's percentile_cont,
numpy's default): the median of 1, 2, 3, 4 is 2.5; the 90th percentile of 1..10 is 9.1. Times
are rounded to the nearest minute before ranking (the rollups keep minute histograms).
"""

from . import dossier_rollups, rollups  # noqa: F401  (register the listeners that keep rollups correct)
from .csv_export import csv_rows, to_csv
from .periods import Period, minutes, percent, percentile, period_for, share
from .report import Report, build, headline, visible_points
from .targets import metric_names, shown_value, stored_value, targets_for

__all__ = [
    "Period",
    "Report",
    "build",
    "csv_rows",
    "headline",
    "metric_names",
    "minutes",
    "percent",
    "percentile",
    "period_for",
    "share",
    "shown_value",
    "stored_value",
    "targets_for",
    "to_csv",
    "visible_points",
]
