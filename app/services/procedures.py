"""Browsing and searching procedures, ignoring Vietnamese diacritics."""
from sqlalchemy import and_

from ..models import Procedure
from .text import search_terms


def search(query=None):
    """Active procedures whose text holds every word of `query` (accents ignored), in display order.

    An empty query, or one of punctuation only, lists them all.
    """
    stmt = Procedure.query.filter(Procedure.active.is_(True))
    terms = search_terms(query or "")
    if terms:
        stmt = stmt.filter(and_(*(Procedure.search_text.contains(term, autoescape=True) for term in terms)))
    return stmt.order_by(Procedure.sort_order, Procedure.name_vi).all()


def by_code(code):
    return Procedure.query.filter_by(code=code, active=True).first()


def grouped(procedures):
    """[(category, [procedures])] keeping the order procedures came in."""
    groups = {}
    for procedure in procedures:
        groups.setdefault(procedure.t("category"), []).append(procedure)
    return list(groups.items())
