"""Post bodies as safe HTML: plain text or Markdown, always passed through nh3's allow-list."""

import re

import mistune
import nh3
from markupsafe import Markup, escape

FORMATS = ("text", "markdown")

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# escape=True: raw HTML typed into Markdown comes out as text; nh3 then removes anything left
# that is not on the allow-list (javascript: links, event handlers, style attributes).
_markdown = mistune.create_markdown(escape=True, plugins=["strikethrough", "table", "url"])
_BLANK_LINES = re.compile(r"\n\s*\n")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener nofollow ugc",
        strip_comments=True,
    )


def _text_to_html(text):
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n")) if p.strip()]
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>\n") for p in paragraphs)


def render_body(text, body_format="text"):
    """Sanitised HTML, safe to put in a page as it is."""
    if body_format == "markdown":
        html = _markdown(text)
        # Headings in a post start below the page's h1.
        html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    else:
        html = _text_to_html(text)
    return Markup(clean(html))


def plain_excerpt(text, body_format="text", length=220):
    """The first words of the body as plain text (escaped again by Jinja when shown)."""
    html = render_body(text, body_format) if body_format == "markdown" else escape(text)
    plain = _SPACES.sub(" ", _TAGS.sub(" ", str(html))).strip()
    plain = Markup(plain).unescape()
    if len(plain) <= length:
        return plain
    cut = plain[:length].rsplit(" ", 1)[0]
    return cut + "…"
