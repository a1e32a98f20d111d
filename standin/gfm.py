"""GitHub-flavoured Markdown to safe HTML, for the stand-in's pages.

`render(text)` renders what GitHub renders in issue and pull request bodies and comments:
CommonMark with GFM tables and ~~strikethrough~~, raw HTML such as <details>/<summary> kept,
and a newline inside a paragraph shown as a line break (as GitHub does in comments). The
result is then sanitised (nh3, the Ammonia sanitiser) with an allow-list, because the text comes
from the bot, which quotes what repositories' code printed: <script>, <style>, event handler
attributes (on*), javascript: and data: URLs and HTML comments never reach the page.
"""
import nh3
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": True, "breaks": True, "linkify": False}).enable(
    ["table", "strikethrough"])

_TAGS = set(nh3.ALLOWED_TAGS)
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.update({
    "th": _ATTRIBUTES.get("th", set()) | {"style"},  # markdown-it's column alignment: text-align only
    "td": _ATTRIBUTES.get("td", set()) | {"style"},
    "details": {"open"},
})
_URL_SCHEMES = {"http", "https", "mailto"}


def render(text):
    """Safe HTML for Markdown `text` (None and "" give "")."""
    if not text:
        return ""
    return sanitise(_MARKDOWN.render(text))


def sanitise(html):
    """Only allow-listed tags, attributes and URL schemes; dangerous elements lose their content."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     filter_style_properties={"text-align"}, strip_comments=True)
