"""What each event says, per channel and in the resident's language (SMS: unaccented, one segment)."""

import unicodedata

from flask_babel import force_locale, gettext

SMS_LIMIT = 160  # one GSM-7 segment; accented Vietnamese would force UCS-2 and 70 characters

# ZNS templates are registered with Zalo with typed parameters; these are the types we send.
ZNS_PARAMS = {
    "issued": {"ticket": str, "ahead": int, "point": str},
    "ahead": {"ticket": str, "ahead": int},
    "leave_now": {"ticket": str, "ahead": int},
    "called": {"ticket": str, "desk": int},
    "recalled": {"ticket": str, "desk": int},
    "no_show": {"ticket": str, "point": str},
    "booked": {"code": str, "date": str, "time": str, "point": str},
    "reminder_day": {"code": str, "date": str, "time": str, "point": str},
    "reminder_hour": {"code": str, "time": str, "point": str},
    "booking_closed": {"code": str, "date": str, "point": str, "reason": str},
    "booking_hours": {"code": str, "date": str, "time": str, "point": str},
    "test": {"point": str},
    "broadcast": {"point": str, "text": str},
    "dossier_watch": {"code": str, "point": str},
    "dossier_received": {"code": str, "date": str, "point": str},
    "dossier_supplement": {"code": str, "point": str},
    "dossier_ready": {"code": str, "point": str},
    "dossier_due": {"code": str, "date": str, "point": str},
}
ZNS_STRING_MAX = 30  # Zalo's limit for a string parameter of most template types
URGENT = {"issued", "ahead", "leave_now", "called", "recalled", "no_show"}  # today's queue: never held back


def _text(event, p):
    if event == "issued":
        return gettext(
            "Your number is %(ticket)s at %(point)s. %(ahead)d ahead of you. We will tell you when to come.",
            **p,
        )
    if event == "ahead":
        return gettext("%(ticket)s: %(ahead)d people ahead of you now.", **p)
    if event == "leave_now":
        return gettext("%(ticket)s: it is nearly your turn. Please come to the service point now.", **p)
    if event == "called":
        return gettext("Number %(ticket)s, please come to desk %(desk)s.", **p)
    if event == "recalled":
        return gettext("Number %(ticket)s is called again: please come to desk %(desk)s.", **p)
    if event == "no_show":
        return gettext(
            "Number %(ticket)s was called but missed. Take a new number at the point or online.", **p
        )
    if event == "booked":
        return gettext(
            "Booking %(code)s: %(point)s, %(date)s at %(time)s. Show the code when you arrive.", **p
        )
    if event == "reminder_day":
        return gettext("Reminder: booking %(code)s tomorrow %(date)s at %(time)s, %(point)s.", **p)
    if event == "reminder_hour":
        return gettext(
            "Reminder: booking %(code)s today at %(time)s, %(point)s. Show the code when you arrive.", **p
        )
    if event == "booking_closed":
        return gettext(
            "Booking %(code)s on %(date)s: %(point)s is closed that day (%(reason)s). "
            "Please move or cancel your booking.",
            **p,
        )
    if event == "booking_hours":
        return gettext(
            "Booking %(code)s on %(date)s at %(time)s: %(point)s has changed its opening hours and is "
            "no longer open then. Please move or cancel your booking.",
            **p,
        )
    if event == "test":
        return gettext("Test message from %(point)s: notifications work.", **p)
    if event == "broadcast":
        return gettext("%(point)s: %(text)s", **p)
    if event == "dossier_watch":
        return gettext(
            "Dossier %(code)s at %(point)s: we will tell you when it is received, "
            "if papers are missing and when the result is ready.",
            **p,
        )
    if event == "dossier_received":
        return gettext("Dossier %(code)s has been received. The result is due on %(date)s.", **p)
    if event == "dossier_supplement":
        return gettext(
            "Dossier %(code)s needs more papers. Look it up with its code or ask at %(point)s.", **p
        )
    if event == "dossier_ready":
        return gettext(
            "The result of dossier %(code)s is ready. Collect it at %(point)s with your ID card.", **p
        )
    if event == "dossier_due":
        return gettext(
            "Dossier %(code)s is due on %(date)s and not ready yet. If it will be late, "
            "%(point)s will tell you a new date.",
            **p,
        )
    raise ValueError(f"unknown event {event!r}")


def title(event, p, lang):
    with force_locale(lang):
        if "ticket" in p:
            return gettext("Number %(ticket)s", **p)
        if event.startswith("dossier"):
            return gettext("Dossier %(code)s", **p)
        return p.get("point", "")


def body(event, p, lang):
    with force_locale(lang):
        return _text(event, p)


def sms_text(event, p, lang):
    """One unaccented segment without links (carriers filter links in brandname SMS)."""
    text = unaccented(body(event, p, lang))
    return text if len(text) <= SMS_LIMIT else text[: SMS_LIMIT - 3].rstrip() + "..."


def unaccented(text):
    """Vietnamese marks removed, case kept, plain ASCII: "Mời số Đ" -> "Moi so D"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.encode("ascii", "ignore").decode()


def zns_params(event, p):
    """The event's parameters cast to the template's types, strings cut to Zalo's length."""
    spec = ZNS_PARAMS.get(event, {})
    out = {}
    for name, kind in spec.items():
        value = p.get(name, "")
        out[name] = kind(value) if kind is int else str(value)[:ZNS_STRING_MAX]
    return out
