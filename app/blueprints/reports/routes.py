"""GET /reports and /reports/export.csv: a period's figures for one point (staff) or any point (admin)."""

from flask import abort, make_response, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...forms.filters import PERIODS, ReportFilterForm
from ...htmx import render
from ...services import reports as report_service
from ...services.reports import xlsx_export
from . import bp
from .index_view import panel_rows
from .view import (
    chart_data,
    csv_header,
    fmt_minutes,
    fmt_percent,
    fmt_score,
    headline_cards,
    labels,
    num,
    trend,
    xlsx_titles,
)


def period_names():
    return {
        "day": _("Day"),
        "week": _("Week"),
        "month": _("Month"),
        "quarter": _("Quarter"),
        "year": _("Year"),
        "custom": _("Custom range"),
    }


def _filters():
    """The filter form from the query string, and the point the person may see (None: every point)."""
    form = ReportFilterForm(formdata=request.args or None)
    form.period.choices = [SelectChoice(p, period_names()[p]) for p in PERIODS]
    points = report_service.visible_points(current_user)
    if current_user.role == "admin":
        form.point.choices = [SelectChoice(0, _("Every point"))] + [
            SelectChoice(p.id, p.t("name")) for p in points
        ]
    else:
        form.point.choices = [SelectChoice(p.id, p.t("name")) for p in points]
        if not points:
            abort(403)
        wanted = request.args.get("point", type=int)
        if wanted and wanted != points[0].id:
            abort(403, description=_("Staff see the reports of their own service point only."))
        form.point.data = points[0].id
    if not form.period.data:
        form.period.data = "week"
    valid = form.validate()
    point = next((p for p in points if p.id == form.point.data), None)
    return form, valid, point


def _period(form):
    return report_service.period_for(form.period.data or "week", form.on.data, form.start.data, form.end.data)


def _as_now():
    """?units=now: wards named as today instead of as on the period's last day."""
    return request.args.get("units") == "now"


def filters_and_period():
    """(form, valid, point, period) from the query string, for the report and its drill-downs."""
    form, valid, point = _filters()
    return form, valid, point, _period(form) if valid else None


@bp.get("/reports")
@roles_required("staff")
def report():
    form, valid, point = _filters()
    return _report_page(form, valid, point)


def _report_page(form, valid, point, status_code=200):
    """The report, or the filter form with what to correct when `valid` is False."""
    context = dict(
        form=form,
        point=point,
        names=labels(),
        fmt_minutes=fmt_minutes,
        fmt_percent=fmt_percent,
        fmt_score=fmt_score,
        num=num,
        trend=trend,
        report=None,
        query=request.query_string.decode(),
    )
    if valid:
        context["report"] = report_service.build(_period(form), point, units_as_now=_as_now())
        context["charts"] = chart_data(context["report"], context["names"])
        context["cards"] = headline_cards(context["report"])
        context["metrics"] = report_service.metric_names()
        context["index_rows"] = panel_rows(context["report"].index, context["report"].index_previous)
    return private(render("reports/report.html", "reports/_report.html", status_code, **context))


def private(response):
    """A report is for the signed-in person only: no shared or stored copy."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _exported():
    """(point, report) a download holds; wrong filters answer the report page (400) saying what to correct."""
    form, valid, point = _filters()
    if not valid:
        abort(_report_page(form, valid, point, status_code=400))
    return point, report_service.build(_period(form), point, units_as_now=_as_now())


@bp.get("/reports/export.csv")
@roles_required("staff")
def export_csv():
    point, report = _exported()
    rows = report_service.csv_rows(report, labels(), panel_rows(report.index, report.index_previous))
    body = report_service.to_csv(csv_header(), rows)
    return _download(body.encode("utf-8"), "text/csv; charset=utf-8", _file_name(point, report, "csv"))


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_name(point, report, extension):
    slug = point.slug if point else "tat-ca"
    return f"bao-cao-{slug}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.{extension}"


def _download(body, content_type, name):
    response = make_response(body)
    response.headers["Content-Type"] = content_type
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return private(response)


@bp.get("/reports/export.xlsx")
@roles_required("staff")
def export_xlsx():
    point, report = _exported()
    names = dict(labels(), csv_header=csv_header(), xlsx=xlsx_titles())
    body = xlsx_export.to_xlsx(report, names, panel_rows(report.index, report.index_previous))
    return _download(body, XLSX_TYPE, _file_name(point, report, "xlsx"))
