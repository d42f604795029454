"""Staff pages: write news, upload documents, manage links, moderate comments."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ...auth_roles import roles_required
from ...clients import client_key
from ...forms.outreach import CITY_WIDE, ConfirmForm, DocumentForm, LinkForm, PostForm
from ...htmx import is_htmx, render
from ...models import Link, Post
from ...services import feedback as feedback_service
from ...services import outreach, uploads
from . import bp

STAFF = ("staff",)
NO_STORE = {"Cache-Control": "no-store"}


def _staff():
    """Who acted and from where, for the audit log the services write."""
    return dict(user=current_user._get_current_object(), ip=client_key())


def _page_number():
    return max(request.args.get("page", 1, type=int) or 1, 1)


def _staff_page(template, fragment=None, status=200, **context):
    # Admins see every point's items, so each says where it is shown; staff see only their own.
    places = outreach.points_by_id() if current_user.role == "admin" else None
    response = render(template, fragment, status_code=status, places=places, **context)
    response.headers.update(NO_STORE)
    return response


def _offer_places(form, item=None):
    """Admins pick where an item is shown: one service point or the whole city (no preselection for
    a new item, so city-wide is always a choice made). Other staff get no such field."""
    if current_user.role != "admin":
        del form.place
        return
    points = outreach.points_to_offer(item)
    form.place.choices = [
        SelectChoice("", _("Choose where it is shown")),
        SelectChoice(CITY_WIDE, _("The whole city: every service point")),
    ] + [SelectChoice(str(point.id), point.t("name")) for point in points]
    if request.method == "GET" and item is not None:
        form.place.data = CITY_WIDE if item.point_id is None else str(item.point_id)


def _point_id(form):
    """The point an item saved from this form belongs to: staff's own, or the one an admin picked."""
    return form.chosen_point_id() if "place" in form else outreach.staff_point(current_user)


def _upload_message(reason):
    return {
        "empty": _("The file is empty. Choose the file again."),
        "too_large": _("The file is too large: at most %(mb)d MB.", mb=uploads.max_bytes() // (1024 * 1024)),
        "type": _(
            "This type of file is not accepted. Upload a PDF, Word (DOC, DOCX), Excel (XLS, XLSX), "
            "JPG or PNG file."
        ),
    }[reason]


# --- News ----------------------------------------------------------------------------------


@bp.get("/admin/outreach/posts")
@roles_required(*STAFF)
def staff_posts():
    return _staff_page(
        "outreach/staff/posts.html",
        posts=outreach.all_posts(_page_number(), user=current_user),
        confirm=ConfirmForm(),
    )


@bp.route("/admin/outreach/posts/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def staff_post_new():
    return _edit_post(None)


@bp.route("/admin/outreach/posts/<int:post_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def staff_post_edit(post_id):
    post = outreach.editable(Post, post_id, current_user) or abort(404)
    return _edit_post(post)


def _edit_post(post):
    form = PostForm(obj=post)
    _offer_places(form, post)
    if form.validate_on_submit():
        data = {
            name: form[name].data
            for name in ("title_vi", "title_en", "body_vi", "body_en", "pinned", "body_format")
        }
        data["point_id"] = _point_id(form)  # staff edit only their own point's, so it stays theirs
        saved = outreach.save_post(post, data, **_staff())
        flash(_("The news item is saved."))
        shown_at = saved.point.slug if saved.point else None  # the post as its own point's residents see it
        return redirect(url_for("outreach.post", post_id=saved.id, point=shown_at), code=303)
    return _staff_page("outreach/staff/post_form.html", form=form, post=post)


@bp.post("/admin/outreach/posts/<int:post_id>/delete")
@roles_required(*STAFF)
def staff_post_delete(post_id):
    if ConfirmForm().validate_on_submit():
        outreach.delete_post(post_id, **_staff()) or abort(404)
    return redirect(url_for("outreach.staff_posts"), code=303)


# --- Documents -----------------------------------------------------------------------------


@bp.route("/admin/outreach/documents", methods=["GET", "POST"])
@roles_required(*STAFF)
def staff_documents():
    form = DocumentForm()
    _offer_places(form)
    status = 200
    if form.validate_on_submit():
        upload = form.attachment.data
        try:
            data = {
                name: form[name].data for name in ("title_vi", "title_en", "number", "issued_on", "issuer")
            }
            data["point_id"] = _point_id(form)
            outreach.add_document(
                data,
                upload.stream,
                upload.filename,
                **_staff(),
            )
        except uploads.UploadError as error:
            form.attachment.errors = [_upload_message(error.reason)]
            status = 422
        else:
            flash(_("The document is published."))
            return redirect(url_for("outreach.staff_documents"), code=303)
    return _staff_page(
        "outreach/staff/documents.html",
        status=status,
        form=form,
        documents=outreach.documents_page(page=_page_number(), user=current_user),
        confirm=ConfirmForm(),
        max_mb=uploads.max_bytes() // (1024 * 1024),
    )


@bp.post("/admin/outreach/documents/<int:document_id>/delete")
@roles_required(*STAFF)
def staff_document_delete(document_id):
    if ConfirmForm().validate_on_submit():
        outreach.delete_document(document_id, **_staff()) or abort(404)
    return redirect(url_for("outreach.staff_documents"), code=303)


# --- Links ---------------------------------------------------------------------------------


@bp.route("/admin/outreach/links", methods=["GET", "POST"])
@roles_required(*STAFF)
def staff_links():
    return _edit_link(None)


@bp.route("/admin/outreach/links/<int:link_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def staff_link_edit(link_id):
    return _edit_link(outreach.editable(Link, link_id, current_user) or abort(404))


def _edit_link(link):
    form = LinkForm(obj=link)
    _offer_places(form, link)
    if form.validate_on_submit():
        data = {name: form[name].data for name in ("title_vi", "title_en", "url", "sort_order")}
        data["point_id"] = _point_id(form)
        outreach.save_link(link, data, **_staff())
        flash(_("The link is saved."))
        return redirect(url_for("outreach.staff_links"), code=303)
    return _staff_page(
        "outreach/staff/links.html",
        form=form,
        link=link,
        links=outreach.links(user=current_user),
        confirm=ConfirmForm(),
    )


@bp.post("/admin/outreach/links/<int:link_id>/delete")
@roles_required(*STAFF)
def staff_link_delete(link_id):
    if ConfirmForm().validate_on_submit():
        outreach.delete_link(link_id, **_staff()) or abort(404)
    return redirect(url_for("outreach.staff_links"), code=303)


# --- Comments ------------------------------------------------------------------------------


@bp.get("/admin/outreach/comments")
@roles_required(*STAFF)
def staff_comments():
    return _staff_page(
        "outreach/staff/comments.html",
        ratings=feedback_service.pending_comments(_page_number(), point_id=current_user.point_id),
        confirm=ConfirmForm(),
    )


@bp.post("/admin/outreach/comments/<int:rating_id>")
@roles_required(*STAFF)
def staff_comment_moderate(rating_id):
    decision = request.form.get("decision")
    if not ConfirmForm().validate_on_submit() or decision not in ("approved", "rejected"):
        abort(400)
    rating = feedback_service.moderate(rating_id, decision, **_staff())
    if rating is None:
        abort(404)
    if is_htmx():
        return _staff_page("outreach/staff/_moderated.html", rating=rating)
    return redirect(url_for("outreach.staff_comments"), code=303)
