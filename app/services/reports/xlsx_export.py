"""The report as an .xlsx workbook: one sheet per table, real numbers and dates, text always as text.

XlsxWriter writes each cell by its Python type: str through write_string (never read as a formula,
a number or a link), int/float as numbers, dates as Excel dates shown dd/mm/yyyy, shares as
fractions shown as per cent. The caller passes the translated titles (as csv_rows takes labels).
"""

import io
from datetime import date

import xlsxwriter

from .csv_export import csv_rows
from .periods import minutes

MAX_SHEET_NAME = 31  # Excel's limit
FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


class Share(float):
    """A fraction written with a per-cent format (0.75 shows as 75.0%)."""


def _sheet_name(title, used):
    name = title.translate(FORBIDDEN)[:MAX_SHEET_NAME].strip() or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _write_table(book, formats, used, title, header, rows):
    sheet = book.add_worksheet(_sheet_name(title, used))
    for column, text in enumerate(header):
        sheet.write_string(0, column, str(text), formats["head"])
    widths = [len(str(text)) for text in header]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue  # an empty cell, not an empty string
            if isinstance(value, Share):
                sheet.write_number(r, c, float(value), formats["share"])
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, value, formats["date"])
            else:
                sheet.write_string(r, c, str(value))
            widths[c] = max(widths[c], min(len(str(value)), 60))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width + 2)
    sheet.freeze_panes(1, 0)


def _share(fraction):
    return None if fraction is None else Share(fraction)


def tables(report, labels, index_rows=None):
    """[(title, header, rows)]: the report's tables in the order the page shows them."""
    name_of = {p: report.procedures[p].t("name") for p in report.procedures}
    team_of = {k: report.teams[k].t("name") if k in report.teams else k for k in report.times["team"]}
    t = labels["xlsx"]
    result = [(t["all"], labels["csv_header"], csv_rows(report, labels, index_rows))]
    if index_rows:
        result.append(
            (
                t["index"],
                t["index_header"],
                [
                    (row["code"], row["name"], _share(row["fraction"]), row["numerator"], row["denominator"],
                     _share(row["threshold_value"]))
                    for row in index_rows
                ],
            )
        )  # fmt: skip
    result += [
        (t["daily"], [t["day"], labels["issued"], labels["served"]], report.tickets["daily"]),
        (
            t["ticket_channels"],
            [labels["ticket_channel"], labels["tickets"]],
            [(labels["ticket_channels"].get(k, k), n) for k, n in report.tickets["by_channel"].items()],
        ),
        (
            t["teams"],
            [t["team"]] + t["time_columns"] + [labels["tickets"]],
            [
                (team_of[k], minutes(v["wait"]["median"]), minutes(v["wait"]["p90"]),
                 minutes(v["service"]["median"]), minutes(v["service"]["p90"]), v["wait"]["count"])
                for k, v in report.times["team"].items()
            ],
        ),
        (
            t["procedures"],
            [t["procedure"], labels["dossiers"], labels["online"]],
            [(name_of.get(k, str(k)), v["total"], v["online"]) for k, v in sorted(report.dossiers["by_procedure"].items())],
        ),
        (
            t["channels"],
            [t["channel"], labels["dossiers"]],
            [(labels["channels"].get(k, k), n) for k, n in sorted(report.dossiers["by_channel"].items())],
        ),
        (
            t["statuses"],
            [t["status"], labels["dossiers"]],
            [(labels["statuses"].get(k, k), n) for k, n in sorted(report.dossiers["by_status"].items())],
        ),
        (
            labels["satisfaction"],
            [t["criterion"], t["average"], t["ratings"]],
            [(labels["criteria"][k], v["average"], v["count"]) for k, v in report.ratings["criteria"].items()],
        ),
    ]  # fmt: skip
    return result


def to_xlsx(report, labels, index_rows=None):
    """The workbook's bytes."""
    out = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    book = xlsxwriter.Workbook(out, options)
    formats = {
        "head": book.add_format({"bold": True, "bottom": 1}),
        "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        "share": book.add_format({"num_format": "0.0%"}),
    }
    used = set()
    for title, header, rows in tables(report, labels, index_rows):
        _write_table(book, formats, used, title, header, rows)
    book.close()
    return out.getvalue()
