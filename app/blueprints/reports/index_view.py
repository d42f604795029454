"""How the service index panel reads: each indicator's name, formula, denominators and threshold."""

from flask_babel import gettext as _

from .view import fmt_percent, num, trend


def indicator_texts():
    """{code: (name, formula)}: the formula is written under the value, denominators included."""
    return {
        "2.1": (
            _("Results on time"),
            _(
                "Dossiers whose result was ready by the 766 due date, out of dossiers with a result or already "
                "past that date. The limit counts in working days from the first receipt; the working days spent "
                "waiting for the resident's extra papers are added; a second request for papers counts as late."
            ),
        ),
        "3.3": (
            _("Filed on the national portal"),
            _("Dossiers ticked as filed online on the national portal, out of all dossiers submitted."),
        ),
        "3.6": (
            _("Paid online"),
            _("Dossiers whose fee was paid online, out of dossiers with a fee paid (online or at the desk)."),
        ),
        "4.2": (
            _("Digitised"),
            _("Dossiers whose papers were scanned into the store, out of all dossiers submitted."),
        ),
        "4.3": (
            _("Digitised data reused"),
            _("Dossiers that used data already digitised, out of all dossiers submitted."),
        ),
        "4.5": (
            _("Signed in with VNeID level 2"),
            _("Dossiers filed with a level-2 VNeID account, out of all dossiers submitted."),
        ),
        "5.2": (
            _("Complaints handled on time"),
            _(
                "Complaints whose steps all met their deadlines (refuse within 2 working days, ask for more "
                "within 5, answer within 15, publish within 2), out of complaints whose steps are all due."
            ),
        ),
        "5.4": (
            _("Satisfaction (766)"),
            _(
                "100 % minus the late share of 2.1 minus the share of ratings and complaints that are a complaint "
                "or a dislike. A dislike is an overall rating of 1 or 2 out of 5."
            ),
        ),
    }


def threshold_text(threshold):
    if threshold is None:
        return _("No threshold")
    return _("Full points at ≥ %(share)s", share=fmt_percent(threshold))


def panel_rows(index, previous):
    """One row per indicator, ready for the template (texts, value, fraction, threshold, trend)."""
    rows = []
    for code, (name, formula) in indicator_texts().items():
        figure = index[code]
        before = (previous or {}).get(code, {}).get("value")
        if code == "5.4":
            detail = _(
                "late %(late)s of %(timed)s; complaints or dislikes %(unhappy)s of %(heard)s",
                late=num(figure["late"]),
                timed=num(figure["timed"]),
                unhappy=num(figure["unhappy"]),
                heard=num(figure["heard"]),
            )
        else:
            detail = _(
                "%(part)s of %(whole)s", part=num(figure["numerator"]), whole=num(figure["denominator"])
            )
        if code == "3.3":
            detail += " · " + _(
                "fully online %(full)s, partly online %(partial)s",
                full=num(figure["full"]),
                partial=num(figure["partial"]),
            )
        threshold = figure["threshold"]
        met = None if threshold is None or figure["value"] is None else figure["value"] >= threshold
        rows.append(
            {
                "code": code,
                "name": name,
                "formula": formula,
                "value": fmt_percent(figure["value"]),
                "detail": detail,
                "threshold": threshold_text(threshold),
                "met": met,
                "trend": trend(figure["value"], before),
                "previous": fmt_percent(before),
                "drill": code not in ("5.2", "5.4"),
                "fraction": figure["value"],
                "numerator": figure.get("numerator"),
                "denominator": figure.get("denominator"),
                "threshold_value": threshold,
                "previous_fraction": before,
            }
        )
    return rows
