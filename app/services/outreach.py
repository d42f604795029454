"""News posts, issued documents and useful links: what the public pages list and staff edit."""

import re

from sqlalchemy import or_, select

from ..extensions import db
from ..models import Document, Link, Post, ServicePoint
from ..timeutil import utcnow
from . import audit, uploads
from .points import active_points
from .text import fold

NEWS_PER_PAGE = 10
DOCUMENTS_PER_PAGE = 20

# What the audit log keeps of each kind of content (the attachment's description, never its bytes).
POST_FIELDS = (
    "title_vi",
    "title_en",
    "body_vi",
    "body_en",
    "body_format",
    "pinned",
    "point_id",
    "published_at",
)
DOCUMENT_FIELDS = (
    "title_vi",
    "title_en",
    "number",
    "issued_on",
    "issuer",
    "point_id",
    "original_name",
    "mime_type",
    "size_bytes",
)
LINK_FIELDS = ("title_vi", "title_en", "url", "sort_order", "point_id")


def slugify(title):
    return re.sub(r"[^a-z0-9]+", "-", fold(title or "")).strip("-")[:120] or "tin"


def _for_point(model, point):
    if point is None:
        return True
    return or_(model.point_id == point.id, model.point_id.is_(None))


def staff_point(user):
    """The point whose content a user may edit: None for an admin (every point's and city-wide)."""
    return None if user.role == "admin" else user.point_id


def points_to_offer(item=None):
    """The points an admin may place an item at: the active ones, plus the item's own if it has closed since."""
    points = active_points()
    if item is not None and item.point_id is not None and all(p.id != item.point_id for p in points):
        points.append(db.session.get(ServicePoint, item.point_id))
    return points


def points_by_id():
    """Every service point by id: where an admin's list says each item is shown."""
    return {point.id: point for point in db.session.scalars(select(ServicePoint))}


def _editable(model, user):
    """Admins edit everything; other staff only their own point's rows (never city-wide ones)."""
    if user is None or user.role == "admin":
        return True
    return model.point_id == user.point_id if user.point_id is not None else model.point_id.is_(None)


def editable(model, record_id, user):
    """One row a user may edit, or None (missing, or another point's)."""
    return db.session.scalars(select(model).where(model.id == record_id, _editable(model, user))).first()


def _audit(action, record_type, obj, user, ip, before, after):
    """One audit entry, added to the session so it commits (or rolls back) with the change."""
    if user is not None:
        audit.record(
            action,
            record_type,
            obj.id,
            user=user,
            point_id=getattr(obj, "point_id", None),
            before=before,
            after=after,
            ip=ip,
        )


# --- Posts ---------------------------------------------------------------------------------


def news_page(point=None, page=1, per_page=NEWS_PER_PAGE, now=None):
    """Published posts, pinned first, newest first."""
    stmt = (
        select(Post)
        .where(_for_point(Post, point), Post.published_at <= (now or utcnow()))
        .order_by(Post.pinned.desc(), Post.published_at.desc(), Post.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def published_post(post_id, point=None, now=None):
    """A published post as a point's page shows it: its own or a city-wide one; None otherwise."""
    return db.session.scalars(
        select(Post).where(
            Post.id == post_id, _for_point(Post, point), Post.published_at <= (now or utcnow())
        )
    ).first()


def all_posts(page=1, user=None):
    return db.paginate(
        select(Post).where(_editable(Post, user)).order_by(Post.published_at.desc(), Post.id.desc()),
        page=page,
        per_page=30,
        error_out=False,
    )


def save_post(post, data, user=None, ip=None):
    """Create (post=None) or update a post from a dict of form fields; returns it."""
    creating = post is None
    before = None if creating else audit.snapshot(post, POST_FIELDS)
    post = post or Post()
    for name in ("title_vi", "title_en", "body_vi", "body_en", "pinned", "body_format", "point_id"):
        if name in data:
            setattr(post, name, data[name])
    post.title_en = post.title_en or None
    post.body_en = post.body_en or None
    post.slug = slugify(post.title_vi)
    if data.get("published_at"):
        post.published_at = data["published_at"]
    elif creating:
        post.published_at = utcnow()
    if not creating:
        post.updated_at = utcnow()
    db.session.add(post)
    db.session.flush()
    _audit(
        "post.create" if creating else "post.update",
        "post",
        post,
        user,
        ip,
        before,
        audit.snapshot(post, POST_FIELDS),
    )
    db.session.commit()
    return post


def _delete_audited(model, record_id, kind, fields, user, ip):
    """Delete one row and record what it held, in one transaction; None if not there (or not the user's)."""
    row = editable(model, record_id, user)
    if row is not None:
        _audit(f"{kind}.delete", kind, row, user, ip, audit.snapshot(row, fields), None)
        db.session.delete(row)
        db.session.commit()
    return row


def delete_post(post_id, user=None, ip=None):
    return _delete_audited(Post, post_id, "post", POST_FIELDS, user, ip)


# --- Documents -----------------------------------------------------------------------------


def documents_page(point=None, page=1, per_page=DOCUMENTS_PER_PAGE, user=None):
    """Public: a point's own documents and city-wide ones; staff (user): the ones they may edit."""
    stmt = (
        select(Document)
        .where(_for_point(Document, point) if user is None else _editable(Document, user))
        .order_by(Document.issued_on.desc(), Document.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def add_document(data, stream=None, filename=None, user=None, ip=None):
    """A new document; the attachment is checked and stored first (raises uploads.UploadError)."""
    stored = uploads.store(stream, filename) if stream is not None else None
    document = Document(
        title_vi=data["title_vi"],
        title_en=data.get("title_en") or None,
        number=data.get("number") or None,
        issued_on=data["issued_on"],
        issuer=data["issuer"],
        point_id=data.get("point_id"),
    )
    if stored:
        document.file_key, document.original_name = stored.key, stored.original_name
        document.mime_type, document.size_bytes = stored.mime_type, stored.size
    db.session.add(document)
    try:
        db.session.flush()
        _audit(
            "document.create", "document", document, user, ip, None, audit.snapshot(document, DOCUMENT_FIELDS)
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        if stored:
            uploads.remove(stored.key)
        raise
    return document


def delete_document(document_id, user=None, ip=None):
    document = editable(Document, document_id, user)
    if document is None:
        return None
    key = document.file_key
    _audit("document.delete", "document", document, user, ip, audit.snapshot(document, DOCUMENT_FIELDS), None)
    db.session.delete(document)
    db.session.commit()
    uploads.remove(key)
    return document


def attachment(document_id, point=None):
    """(document, path on disk) of a document's attachment as a point's page lists it, or (None, None)."""
    document = db.session.scalars(
        select(Document).where(Document.id == document_id, _for_point(Document, point))
    ).first()
    if document is None:
        return None, None
    path = uploads.path_for(document.file_key)
    return (document, path) if path else (None, None)


# --- Links ---------------------------------------------------------------------------------


def links(point=None, user=None):
    """Public: a point's own links and city-wide ones; staff (user): the ones they may edit."""
    where = _for_point(Link, point) if user is None else _editable(Link, user)
    return db.session.scalars(select(Link).where(where).order_by(Link.sort_order, Link.id)).all()


def save_link(link, data, user=None, ip=None):
    creating = link is None
    before = None if creating else audit.snapshot(link, LINK_FIELDS)
    link = link or Link()
    link.title_vi = data["title_vi"]
    link.title_en = data.get("title_en") or None
    link.url = data["url"]
    link.sort_order = data.get("sort_order") or 100
    if "point_id" in data:
        link.point_id = data["point_id"]
    db.session.add(link)
    db.session.flush()
    _audit(
        "link.create" if creating else "link.update",
        "link",
        link,
        user,
        ip,
        before,
        audit.snapshot(link, LINK_FIELDS),
    )
    db.session.commit()
    return link


def delete_link(link_id, user=None, ip=None):
    return _delete_audited(Link, link_id, "link", LINK_FIELDS, user, ip)
