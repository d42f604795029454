"""A booking as an iCalendar file (RFC 5545) the resident adds to their phone's calendar."""

from datetime import datetime

from ...timeutil import utcnow


def _ics_escape(value):
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545: lines of at most 75 octets, continued with a space, never splitting a character."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def ics(appointment, summary, description, host="tdp-dien-tu"):
    """The booking as an iCalendar file in Asia/Ho_Chi_Minh time (VN has no daylight saving)."""
    start = datetime.combine(appointment.day, appointment.start)
    end = datetime.combine(appointment.day, appointment.end)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    point = appointment.point
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//TDP dien tu//Lich hen//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Ho_Chi_Minh",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0700",
        "TZOFFSETTO:+0700",
        "TZNAME:+07",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:{appointment.code}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Asia/Ho_Chi_Minh:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"LOCATION:{_ics_escape(point.address)}",
        f"DESCRIPTION:{_ics_escape(description)}",
        "STATUS:" + ("CANCELLED" if appointment.status == "cancelled" else "CONFIRMED"),
    ]
    if point.latitude is not None and point.longitude is not None:
        lines.append(f"GEO:{point.latitude};{point.longitude}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT1H",
        f"DESCRIPTION:{_ics_escape(summary)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
