"""Public pages: news, newly issued documents, the ward map and useful links."""

from flask import abort, request, send_file
from flask_babel import gettext as _

from ...auth_roles import public
from ...htmx import render
from ...services import outreach
from ...services.points import default_point, resolve_point
from . import bp


def _page_number():
    return max(request.args.get("page", 1, type=int) or 1, 1)


@bp.get("/news")
@public
def news():
    posts = outreach.news_page(default_point(), page=_page_number())
    return render("outreach/news.html", "outreach/_news_list.html", posts=posts)


@bp.get("/news/<int:post_id>")
@public
def post(post_id):
    found = outreach.published_post(post_id)
    if found is None:
        abort(404, description=_("This news item does not exist or is not published yet."))
    return render("outreach/post.html", post=found)


@bp.get("/documents")
@public
def documents():
    page = outreach.documents_page(default_point(), page=_page_number())
    return render("outreach/documents.html", "outreach/_documents_list.html", documents=page)


@bp.get("/documents/<int:document_id>/download")
@public
def download(document_id):
    document, path = outreach.attachment(document_id)
    if document is None:
        abort(404, description=_("This document has no attachment to download."))
    response = send_file(
        path,
        mimetype=document.mime_type,
        as_attachment=True,
        download_name=document.original_name,
        max_age=3600,
        conditional=True,
    )
    # Never rendered by the browser as a page of ours, whatever the file holds.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.get("/map")
@public
def ward_map():
    return render("outreach/map.html", point=resolve_point())


@bp.get("/links")
@public
def links():
    return render("outreach/links.html", links=outreach.links(default_point()))
