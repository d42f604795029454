"""One place that decides between a full page and the fragment htmx asked for."""

from flask import make_response, render_template, request


def is_htmx():
    # History restores are plain page loads (htmx.config.historyRestoreAsHxRequest = false).
    return request.headers.get("HX-Request") == "true"


def render(page, fragment=None, status_code=200, **context):
    """Render `fragment` for htmx requests and `page` (which includes it) otherwise."""
    template = fragment if fragment and is_htmx() else page
    response = make_response(render_template(template, **context), status_code)
    response.vary.add("HX-Request")
    return response


def refused_status(otherwise=409):
    """A refused action shown in place: 200 for htmx (so the message is swapped in), else `otherwise`."""
    return 200 if is_htmx() else otherwise
