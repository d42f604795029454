"""Importing the one-stop CSV export to update dossier statuses in bulk: preview, import, undo.

A file is kept (decoded) as an ImportBatch from the preview on. Rows are matched by our dossier
code or the national portal code, only among the dossiers the person may see. Importing applies
the status changes the preview showed and records each (ImportChange) so the import can be
undone; a row whose dossier already has that status changes nothing, so importing the same file
twice changes nothing the second time. Every import and undo is audited.
"""

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Dossier, DossierEvent
from ..models.dossier import FINISHED
from ..models.portal_import import ImportBatch, ImportChange
from ..timeutil import utcnow
from . import audit, portal_csv

MAX_BYTES = 2 * 1024 * 1024


class PortalImportError(ValueError):
    """The file cannot be read (empty, too large, no header)."""


@dataclass
class Plan:
    changes: list = field(default_factory=list)  # (row number, dossier, from status, to status, word)
    unchanged: int = 0
    unmatched: list = field(default_factory=list)  # (row number, code)
    unknown: list = field(default_factory=list)  # (row number, code, status word)


def upload(raw, filename, point=None, user=None):
    """Read an uploaded file into a batch in preview, guessing the column mapping."""
    if not raw:
        raise PortalImportError("empty")
    if len(raw) > MAX_BYTES:
        raise PortalImportError("too_large")
    text, encoding = portal_csv.decode(raw)
    separator = portal_csv.separator_of(text)
    header, rows = portal_csv.rows_of(text, separator)
    if not header or not rows:
        raise PortalImportError("no_rows")
    batch = ImportBatch(
        point_id=getattr(point, "id", None),
        user_id=getattr(user, "id", None),
        filename=(filename or "import.csv")[:200],
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        separator=separator,
        content=text,
        mapping=json.dumps(portal_csv.guess_mapping(header)),
    )
    db.session.add(batch)
    db.session.commit()
    return batch


def table(batch):
    return portal_csv.rows_of(batch.content, batch.separator)


def mapping_of(batch):
    return json.loads(batch.mapping or "{}")


def _dossiers(codes, point_id):
    query = select(Dossier).where(
        Dossier.status != "draft", or_(Dossier.code.in_(codes), Dossier.portal_code.in_(codes))
    )
    if point_id is not None:
        query = query.where(Dossier.point_id == point_id)
    found = {}
    for dossier in db.session.scalars(query):
        for code in (dossier.code, dossier.portal_code):
            if code:
                found[code.upper()] = dossier
    return found


def plan(batch, mapping):
    """What importing `batch` with `mapping` ({"code": column, "status": column}) would change."""
    _header, rows = table(batch)
    code_at, status_at = mapping.get("code"), mapping.get("status")
    result = Plan()
    if code_at is None or status_at is None:
        return result
    cells = [(n, row[code_at].upper(), row[status_at]) for n, row in enumerate(rows, start=2)
             if len(row) > max(code_at, status_at) and row[code_at]]  # fmt: skip
    found = _dossiers([code for _n, code, _w in cells], batch.point_id)
    for number, code, word in cells:
        dossier = found.get(code)
        if dossier is None:
            result.unmatched.append((number, code))
            continue
        status = portal_csv.status_of(word)
        if status is None:
            result.unknown.append((number, code, word))
        elif status == dossier.status:
            result.unchanged += 1
        else:
            result.changes.append((number, dossier, dossier.status, status, word))
    return result


def _set_status(dossier, status, note, user):
    event = DossierEvent(
        status=status, from_status=dossier.status, note=note, user_id=getattr(user, "id", None)
    )
    dossier.events.append(event)
    dossier.status = status
    dossier.finished_at = (dossier.finished_at or utcnow()) if status in FINISHED else None


def apply(batch, mapping, user=None):
    """Import: apply the plan's changes (a batch is imported once); returns the number changed."""
    if batch.status != "preview":
        raise PortalImportError("not_in_preview")
    result = plan(batch, mapping)
    for _number, dossier, from_status, to_status, _word in result.changes:
        _set_status(dossier, to_status, f"Nhập từ tệp một cửa #{batch.id}", user)
        db.session.add(
            ImportChange(batch=batch, dossier_id=dossier.id, from_status=from_status, to_status=to_status)
        )
    batch.mapping = json.dumps(mapping)
    batch.status, batch.applied_at = "applied", utcnow()
    audit.record(
        "dossier.import",
        "import",
        batch.id,
        user=user,
        point_id=batch.point_id,
        after={"file": batch.filename, "changed": len(result.changes), "unmatched": len(result.unmatched)},
    )
    db.session.commit()
    return len(result.changes)


def undo(batch, user=None):
    """Put back the statuses the import changed, where nothing has moved the dossier since."""
    if batch.status != "applied":
        raise PortalImportError("not_applied")
    restored = 0
    for change in batch.changes:
        if change.dossier.status == change.to_status:
            _set_status(change.dossier, change.from_status, f"Hoàn tác nhập tệp #{batch.id}", user)
            restored += 1
    batch.status, batch.undone_at = "undone", utcnow()
    audit.record("dossier.import_undo", "import", batch.id, user=user, point_id=batch.point_id,
                 after={"restored": restored})  # fmt: skip
    db.session.commit()
    return restored


def recent(point_id=None, limit=20):
    query = select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)
    if point_id is not None:
        query = query.where(ImportBatch.point_id == point_id)
    return list(db.session.scalars(query))
