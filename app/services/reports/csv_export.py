"""The report as one tidy CSV table: (section, figure, group, value, previous period, unit) rows.

Cells are escaped against spreadsheet formula injection: text starting with = + - @ (or a tab or
carriage return) gets a leading apostrophe so Excel shows it as text; numbers stay numbers.
"""

import csv
import io

from .periods import minutes, percent

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell that a spreadsheet never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _name(report, group, key, labels):
    if group == "all":
        return labels["everyone"]
    if group == "team" and key in report.teams:
        return report.teams[key].t("name")
    if group == "procedure" and key in report.procedures:
        return report.procedures[key].t("name")
    return str(key)


def _procedure_name(report, procedure_id):
    return report.procedures[procedure_id].t("name") if procedure_id in report.procedures else procedure_id


def _time_rows(report, labels):
    prev = report.previous
    unit_n, unit_min = labels["count"], labels["minutes"]
    rows = []
    for kind in ("wait", "service"):
        for group in ("all", "team", "procedure"):
            for key, entry in report.times[group].items():
                name, summary = _name(report, group, key, labels), entry[kind]
                before_median = minutes(prev[f"{kind}_median"]) if group == "all" else None
                before_p90 = minutes(prev[f"{kind}_p90"]) if group == "all" else None
                rows += [
                    (
                        labels[kind],
                        labels["median"],
                        name,
                        minutes(summary["median"]),
                        before_median,
                        unit_min,
                    ),
                    (labels[kind], labels["p90"], name, minutes(summary["p90"]), before_p90, unit_min),
                    (labels[kind], labels["count_label"], name, summary["count"], None, unit_n),
                ]
    return rows


def _dossier_rows(report, labels):
    d, prev, section = report.dossiers, report.previous, labels["dossiers"]
    unit_n, unit_pct = labels["count"], labels["percent"]
    rows = [
        (section, labels["total"], "", d["total"], prev["dossiers"], unit_n),
        (section, labels["online"], "", d["online"], None, unit_n),
        (
            section,
            labels["online_share"],
            "",
            percent(d["online_share"]),
            percent(prev["online_share"]),
            unit_pct,
        ),
        (
            section,
            labels["on_time_share"],
            "",
            percent(d["on_time_share"]),
            percent(prev["on_time_share"]),
            unit_pct,
        ),
    ]
    for procedure_id, entry in sorted(d["by_procedure"].items()):
        name = _procedure_name(report, procedure_id)
        rows.append((section, labels["by_procedure"], name, entry["total"], None, unit_n))
    for channel, count in sorted(d["by_channel"].items()):
        rows.append(
            (section, labels["by_channel"], labels["channels"].get(channel, channel), count, None, unit_n)
        )
    for status, count in sorted(d["by_status"].items()):
        rows.append(
            (section, labels["by_status"], labels["statuses"].get(status, status), count, None, unit_n)
        )
    return rows


def _other_rows(report, labels):
    unit_n, unit_min, unit_pct = labels["count"], labels["minutes"], labels["percent"]
    rows = []
    for kind, entry in report.saturday.items():
        per_day = None if entry["per_day"] is None else round(entry["per_day"], 1)
        day_type = labels["daytypes"][kind]
        rows += [
            (labels["saturday_section"], labels["per_day"], day_type, per_day, None, unit_n),
            (
                labels["saturday_section"],
                labels["wait_median_label"],
                day_type,
                minutes(entry["wait_median"]),
                None,
                unit_min,
            ),
        ]
    for status, count in report.bookings["by_status"].items():
        rows.append((labels["bookings"], labels["booking_statuses"][status], "", count, None, unit_n))
    used = percent(report.bookings["used_share"])
    rows.append((labels["bookings"], labels["used_share"], "", used, None, unit_pct))
    for name, entry in report.ratings["criteria"].items():
        average = None if entry["average"] is None else round(entry["average"], 2)
        before = report.previous["satisfaction"] if name == "overall" else None
        rows.append((labels["satisfaction"], labels["criteria"][name], "", average, before, labels["score"]))
    return rows


def _index_rows(index_rows, labels):
    """The Decision 766 service index as the page and the workbook show it (index_view.panel_rows):
    each indicator's value against the previous period, what it counted out of what, its threshold."""
    words, unit_n, unit_pct = labels["index"], labels["count"], labels["percent"]
    rows = []
    for row in index_rows or ():
        figure = f"{row['code']} {row['name']}"
        rows.append(
            (
                words["section"],
                figure,
                "",
                percent(row["fraction"]),
                percent(row["previous_fraction"]),
                unit_pct,
            )
        )
        if row["numerator"] is not None:
            rows.append((words["section"], figure, words["counted"], row["numerator"], None, unit_n))
            rows.append((words["section"], figure, words["out_of"], row["denominator"], None, unit_n))
        if row["threshold_value"] is not None:
            threshold = percent(row["threshold_value"])
            rows.append((words["section"], figure, words["threshold"], threshold, None, unit_pct))
    return rows


def csv_rows(report, labels, index_rows=None):
    """(section, figure, group, value, previous period, unit) rows: one tidy table for a spreadsheet;
    index_rows: the service index panel's rows (index_view.panel_rows), placed after the dossiers."""
    head, prev = report.headline(), report.previous
    rows = [
        (labels["tickets"], labels[key], "", head[key], prev[key], labels["count"])
        for key in ("issued", "served", "no_show", "cancelled")
    ]
    for channel, count in report.tickets["by_channel"].items():
        name = labels["ticket_channels"].get(channel, channel)
        rows.append((labels["tickets"], labels["by_channel"], name, count, None, labels["count"]))
    for procedure_id, entry in report.tickets["by_procedure"].items():
        name = _procedure_name(report, procedure_id)
        rows.append((labels["tickets"], labels["by_procedure"], name, entry["issued"], None, labels["count"]))
    rows += _time_rows(report, labels) + _dossier_rows(report, labels) + _index_rows(index_rows, labels)
    rows += _other_rows(report, labels)
    for ward, figures in (report.units or {}).items():  # every point: named as on the period's last day
        rows.append(
            (labels["units_section"], labels["issued"], ward, figures["tickets"], None, labels["count"])
        )
        rows.append(
            (labels["units_section"], labels["dossiers"], ward, figures["dossiers"], None, labels["count"])
        )
    return rows


def to_csv(header, rows):
    """UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return "\ufeff" + out.getvalue()
