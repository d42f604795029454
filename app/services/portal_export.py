"""Dossiers in our own documented format, CSV and JSON, for the one-stop system and the province.

One record per dossier submitted in the period (drafts left out), without personal data (no
applicant name, phone or ID number: the receiving system has them under its own code):

| field | meaning |
|---|---|
| code | our dossier code (HS-2611-7K3Q) |
| national_code | the national portal's dossier code, when filed there |
| procedure_code, procedure | the procedure (our code, Vietnamese name) |
| status | submitted, received, processing, supplement, completed, returned, refused, withdrawn, cancelled |
| channel | who prepared it: self, volunteer, paper |
| national_channel | in_person, online, postal (empty: not ticked) |
| payment | none, desk, online (empty: not ticked) |
| vneid_level2, digitised, data_reused | true / false |
| submitted_at, received_at, finished_at | local time, ISO 8601 with +07:00 |
| due_date | the result's due date, YYYY-MM-DD |

CSV: UTF-8 with a byte-order mark, comma-separated, CRLF, this header; text cells that would start
a spreadsheet formula are escaped as in the report CSV. JSON: {"format": "tdp-dossiers/1",
"period": {...}, "dossiers": [records]} with the same fields (booleans and nulls as JSON).
"""

import csv
import io
import json

from sqlalchemy import select

from ..extensions import db
from ..models import Dossier, Procedure
from ..models.reports import NationalFiling
from ..timeutil import to_local
from .reports.csv_export import safe_cell
from .reports.dossiers import submitted_in

FORMAT = "tdp-dossiers/1"
FIELDS = (
    "code", "national_code", "procedure_code", "procedure", "status", "channel", "national_channel",
    "payment", "vneid_level2", "digitised", "data_reused", "submitted_at", "received_at", "finished_at", "due_date",
)  # fmt: skip


def _when(at):
    return to_local(at).isoformat(timespec="seconds") if at else None


def records(period, point_id=None):
    rows = db.session.execute(
        select(Dossier, Procedure, NationalFiling)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .outerjoin(NationalFiling, NationalFiling.dossier_id == Dossier.id)
        .where(submitted_in(period, point_id))
        .order_by(Dossier.submitted_at, Dossier.id)
    )
    for dossier, procedure, filing in rows:
        yield {
            "code": dossier.code,
            "national_code": dossier.portal_code,
            "procedure_code": procedure.code,
            "procedure": procedure.name_vi,
            "status": dossier.status,
            "channel": dossier.channel,
            "national_channel": filing.national_channel if filing else None,
            "payment": filing.payment if filing else None,
            "vneid_level2": bool(filing and filing.vneid_level2),
            "digitised": bool(filing and filing.digitised),
            "data_reused": bool(filing and filing.data_reused),
            "submitted_at": _when(dossier.submitted_at),
            "received_at": _when(dossier.received_at),
            "finished_at": _when(dossier.finished_at),
            "due_date": dossier.due_date.isoformat() if dossier.due_date else None,
        }


def to_csv(period, point_id=None):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in records(period, point_id):
        writer.writerow([_csv_value(record[name]) for name in FIELDS])
    return "\ufeff" + out.getvalue()


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def to_json(period, point_id=None):
    document = {
        "format": FORMAT,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "dossiers": list(records(period, point_id)),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
