"""Public pages: news, newly issued documents, the ward map and useful links.

News, documents and links are a service point's own plus the city-wide ones. The point is
`?point=<slug>` (an unknown or closed one is a 404), else the deployment's first; a post or an
attachment of another point is a 404 there, exactly as the list leaves it out.
"""

from flask import abort, request, send_file
from flask_babel import gettext as _

from ...auth_roles import public
from ...htmx import render
from ...services import outreach
from ...services.points import default_point, point_by_slug, resolve_point
from . import bp


def _page_number():
    return max(request.args.get("page", 1, type=int) or 1, 1)


def _here():
    """(the point whose items the page shows, the query arguments that keep it in links)."""
    slug = request.args.get("point")
    if slug:
        return point_by_slug(slug), {"point": slug}
    return default_point(), {}


@bp.get("/news")
@public
def news():
    point, here = _here()
    posts = outreach.news_page(point, page=_page_number())
    return render("outreach/news.html", "outreach/_news_list.html", posts=posts, here=here)


@bp.get("/news/<int:post_id>")
@public
def post(post_id):
    point, here = _here()
    found = outreach.published_post(post_id, point)
    if found is None:
        abort(404, description=_("This news item does not exist or is not published yet."))
    return render("outreach/post.html", post=found, here=here)


@bp.get("/documents")
@public
def documents():
    point, here = _here()
    page = outreach.documents_page(point, page=_page_number())
    return render("outreach/documents.html", "outreach/_documents_list.html", documents=page, here=here)


@bp.get("/documents/<int:document_id>/download")
@public
def download(document_id):
    document, path = outreach.attachment(document_id, _here()[0])
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
    return render("outreach/map.html", point=resolve_point(request.args.get("point")))


@bp.get("/links")
@public
def links():
    return render("outreach/links.html", links=outreach.links(_here()[0]))
