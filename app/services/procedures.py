"""Browsing and searching procedures, ignoring Vietnamese diacritics; their folded search text."""

from sqlalchemy import and_, event, select

from ..extensions import db
from ..models import Procedure
from .text import fold, search_terms

SEARCHED = ("code", "name_vi", "name_en", "category_vi", "category_en", "summary_vi", "summary_en")


def search_text(procedure):
    """What search looks in: code, names, category and summary, folded to plain ASCII."""
    return " ".join(fold(part) for part in (getattr(procedure, name) for name in SEARCHED) if part)


@event.listens_for(Procedure, "before_insert")
@event.listens_for(Procedure, "before_update")
def _keep_search_text(mapper, connection, procedure):
    procedure.search_text = search_text(procedure)


def search(query=None):
    """Active procedures whose text holds every word of `query` (accents ignored).

    Best matches first: the query as a phrase in the name, then all its words in the name,
    then anywhere in the description; ties keep the display order. An empty query, or one
    of punctuation only, lists them all in display order.
    """
    stmt = select(Procedure).where(Procedure.active.is_(True))
    terms = search_terms(query or "")
    if terms:
        stmt = stmt.where(and_(*(Procedure.search_text.contains(term, autoescape=True) for term in terms)))
    found = db.session.scalars(stmt.order_by(Procedure.sort_order, Procedure.name_vi)).all()
    if not terms:
        return found
    phrase = " ".join(terms)

    def rank(procedure):
        names = " ".join(fold(n) for n in (procedure.name_vi, procedure.name_en) if n)
        if phrase in names:
            return 0
        return 1 if all(term in names for term in terms) else 2

    return sorted(found, key=rank)  # sorted() is stable: display order within a rank


def by_code(code):
    return db.session.scalars(select(Procedure).filter_by(code=code, active=True)).first()


def grouped(procedures):
    """[(category, [procedures])] keeping the order procedures came in."""
    groups = {}
    for procedure in procedures:
        groups.setdefault(procedure.t("category"), []).append(procedure)
    return list(groups.items())
