"""How a report reads: labels, number formats and chart data for the page and the CSV."""

from datetime import timedelta

from flask_babel import format_decimal
from flask_babel import gettext as _

from ...models.dossier import STATUS_LABELS
from ...models.queue import CHANNEL_NAMES
from ...services.reports import charts, minutes, percent


def num(value, pattern="#,##0.#"):
    return "–" if value is None else format_decimal(value, format=pattern)


def fmt_minutes(seconds):
    return "–" if seconds is None else num(minutes(seconds))


def fmt_percent(fraction):
    return "–" if fraction is None else num(percent(fraction)) + " %"


def fmt_score(score):
    """A 1–5 average with up to two decimals."""
    return num(score, "0.0#")


def index_words():
    """The service index's section, column and measure names, shared by the CSV and the workbook."""
    return {
        "section": _("Service index 766"),
        "code": _("Code"),
        "indicator": _("Indicator"),
        "value": _("Value"),
        "counted": _("Counted"),
        "out_of": _("Out of"),
        "threshold": _("Full points at"),
    }


def labels():
    return {
        "index": index_words(),
        "tickets": _("Tickets"),
        "issued": _("Issued"),
        "served": _("Served"),
        "no_show": _("No-show"),
        "cancelled": _("Cancelled"),
        "wait": _("Waiting time"),
        "service": _("Service time"),
        "median": _("Median"),
        "p90": _("90th percentile"),
        "count_label": _("Tickets measured"),
        "everyone": _("All tickets"),
        "dossiers": _("Dossiers"),
        "total": _("Submitted"),
        "online": _("Online"),
        "online_share": _("Online share"),
        "on_time_share": _("On-time share"),
        "by_procedure": _("By procedure"),
        "by_channel": _("By channel"),
        "by_status": _("By status"),
        "saturday_section": _("Saturday session against weekdays"),
        "per_day": _("Tickets per open day"),
        "wait_median_label": _("Median waiting time"),
        "satisfaction": _("Satisfaction"),
        "count": _("count"),
        "minutes": _("minutes"),
        "percent": _("per cent"),
        "score": _("score 1–5"),
        "channels": {
            "self": _("Online by the resident"),
            "volunteer": _("Online with a volunteer"),
            "paper": _("On paper at the desk"),
        },
        "statuses": {status: str(label) for status, label in STATUS_LABELS.items() if status != "draft"},
        "ticket_channels": {key: _first_upper(str(name)) for key, name in CHANNEL_NAMES.items()},
        "ticket_channel": _("Ticket channel"),
        "bookings": _("Bookings"),
        "units_section": _("By administrative unit"),
        "used_share": _("Share of bookings used"),
        "booking_statuses": {
            "booked": _("Booked, not yet due or not checked in"),
            "checked_in": _("Checked in"),
            "cancelled": _("Cancelled"),
            "missed": _("Missed"),
        },
        "daytypes": {"weekday": _("Monday to Friday"), "saturday": _("Saturday"), "sunday": _("Sunday")},
        "criteria": {
            "overall": _("Overall"),
            "on_time": _("Result on time"),
            "attitude": _("Staff attitude"),
            "publicity": _("Procedures made public"),
        },
    }


def _first_upper(text):
    """The desk pages' channel names ("kiosk") as a table's row heading ("Kiosk")."""
    return text[:1].upper() + text[1:]


def xlsx_titles():
    """Sheet titles and column headers of the workbook (sheet names at most 31 characters)."""
    index = index_words()
    return {
        "all": _("All figures"),
        "index": index["section"],
        "index_header": [
            index[key] for key in ("code", "indicator", "value", "counted", "out_of", "threshold")
        ],
        "daily": _("Tickets per day"),
        "day": _("Day"),
        "teams": _("Times by team"),
        "team": _("Team"),
        "time_columns": [
            _("Waiting: median"),
            _("Waiting: 90th percentile"),
            _("Service: median"),
            _("Service: 90th percentile"),
        ],
        "procedures": _("Dossiers by procedure"),
        "procedure": _("Procedure"),
        "channels": _("Dossiers by channel"),
        "ticket_channels": _("Tickets by channel"),
        "channel": _("Channel"),
        "statuses": _("Dossiers by status"),
        "status": _("Status"),
        "criterion": _("Criterion"),
        "average": _("Average (1–5)"),
        "ratings": _("Ratings"),
    }


def csv_header():
    return [_("Section"), _("Figure"), _("Group"), _("Value"), _("Previous period"), _("Unit")]


def _buckets(daily, period):
    """Days, or weeks / months for long periods, so a chart keeps readable bars."""
    if period.days <= 62:
        by_day = {day: (issued, served) for day, issued, served in daily}
        return [
            (
                f"{(period.start + timedelta(n)).day:02d}/{(period.start + timedelta(n)).month:02d}",
                list(by_day.get(period.start + timedelta(n), (0, 0))),
            )
            for n in range(period.days)
        ]
    buckets = {}
    for day, issued, served in daily:
        key = (day.year, day.month) if period.days > 400 else day - timedelta(days=day.weekday())
        entry = buckets.setdefault(key, [0, 0])
        entry[0] += issued
        entry[1] += served
    return [
        (f"{k[1]:02d}/{k[0]}" if isinstance(k, tuple) else f"{k.day:02d}/{k.month:02d}", v)
        for k, v in sorted(buckets.items())
    ]


def chart_data(report, names):
    """Geometry for the report's charts; each chart's numbers are also in a table on the page."""
    times = report.times
    team_rows = [
        (
            report.teams[k].t("name") if k in report.teams else k,
            [
                (minutes(v["wait"]["median"]), fmt_minutes(v["wait"]["median"])),
                (minutes(v["wait"]["p90"]), fmt_minutes(v["wait"]["p90"])),
            ],
        )
        for k, v in times["team"].items()
    ]
    channel_rows = [
        (names["channels"].get(c, c), [(n, num(n))]) for c, n in sorted(report.dossiers["by_channel"].items())
    ]
    ticket_channel_rows = [
        (names["ticket_channels"].get(c, c), [(n, num(n))]) for c, n in report.tickets["by_channel"].items()
    ]
    satisfaction_rows = [
        (names["criteria"][k], [(v["average"], num(v["average"], "0.0#"))])
        for k, v in report.ratings["criteria"].items()
    ]
    saturday_rows = [
        (names["daytypes"][k], [(v["per_day"], num(v["per_day"]))]) for k, v in report.saturday.items()
    ]
    return {
        "daily": charts.columns(_buckets(report.tickets["daily"], report.period)),
        "wait_by_team": charts.hbars(team_rows) if team_rows else None,
        "channels": charts.hbars(channel_rows) if channel_rows else None,
        "ticket_channels": charts.hbars(ticket_channel_rows) if ticket_channel_rows else None,
        "satisfaction": charts.hbars(satisfaction_rows, max_value=5) if report.ratings["count"] else None,
        "saturday": charts.hbars(saturday_rows) if saturday_rows else None,
    }


def trend(current, previous):
    """'up', 'down' or 'same' (None when either side is missing) for the trend column."""
    if current is None or previous is None:
        return None
    return "up" if current > previous else ("down" if current < previous else "same")


def headline_cards(report):
    """The five figures a ward leader reads first, each with its target or the previous period."""
    head, prev, targets = report.headline(), report.previous, report.targets
    issued = sum(entry["issued"] for entry in report.saturday.values())
    saturday = report.saturday.get("saturday", {}).get("issued", 0)
    saturday_share = saturday / issued if issued else None

    def against(value, target, higher_is_better=True, shown=fmt_percent):
        if target is None:
            return None, None
        if value is None:
            return _("target %(target)s", target=shown(target)), None
        met = value >= target if higher_is_better else value <= target
        return _("target %(target)s", target=shown(target)), met

    target_minutes = targets.get("median_wait_minutes")
    wait_minutes = minutes(head["wait_median"])
    cards = [
        ("online", _("Online share"), fmt_percent(head["online_share"]), against(head["online_share"], targets.get("online_share"))),
        ("on_time", _("On-time share"), fmt_percent(head["on_time_share"]), against(head["on_time_share"], targets.get("on_time_share"))),
        ("wait", _("Median waiting time"), fmt_minutes(head["wait_median"]) + " " + _("min"),
         against(wait_minutes, target_minutes, higher_is_better=False, shown=lambda v: num(v) + " " + _("min"))),
        ("saturday", _("Saturday share of visits"), fmt_percent(saturday_share), (None, None)),
        ("satisfaction", _("Satisfaction"), fmt_score(head["satisfaction"]) + " / 5",
         against(head["satisfaction"], targets.get("satisfaction"), shown=fmt_score)),
    ]  # fmt: skip
    previous = {
        "online": fmt_percent(prev["online_share"]),
        "on_time": fmt_percent(prev["on_time_share"]),
        "wait": fmt_minutes(prev["wait_median"]),
        "saturday": None,
        "satisfaction": fmt_score(prev["satisfaction"]),
    }
    return [
        {"key": key, "label": label, "value": value, "target": target, "met": met, "previous": previous[key]}
        for key, label, value, (target, met) in cards
    ]
