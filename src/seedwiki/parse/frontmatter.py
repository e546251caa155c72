"""Front matter: a YAML (`---` … `---`) or TOML (`+++` … `+++`) header at the top of a seed.

It states the title (`title:`, `headline:` or `subject:`), the date (the first of `date:`,
`published:`, `pubDate:` … that holds one), source URL, author and tags. It is read safely (YAML
without tags or aliases, at most `FRONT_MATTER_MAX_BYTES`); it stays verbatim in the seed's text as
one unit of page furniture. Front matter that cannot be read leaves every value unknown and a notice.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass

import yaml

from ..model import SOURCE_URL_PATTERN, TAG_PATTERN, Span
from .dates import parse_date

FRONT_MATTER_MAX_BYTES = 64 * 1024
_OPENING = re.compile(r"\A\ufeff?[^\S\n]*\n*(?P<fence>---|\+\+\+)[^\S\n]*\n")
_TITLE_MAX = 300
_TAG = re.compile(TAG_PATTERN)
# The first line of a block that means to be front matter: a name, then `:` (YAML) or `=` (TOML).
_KEY_LINE = {
    "---": re.compile(r"\s*([\"']?)[\w-]+\1[^\S\n]*:(\s|$)"),
    "+++": re.compile(r"\s*(\[[\w.\"' -]+\][^\S\n]*$|([\"']?)[\w.-]+\2[^\S\n]*=)", re.MULTILINE),
}


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's place in the text and what it states (None or () when it does not say)."""

    span: Span  # the fences included
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    source_url: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    notice: str | None = None  # why nothing, or not everything, was read from it


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (and so billion laughs) and every explicit tag."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not read in front matter")
        tag = getattr(self.peek_event(), "tag", None)
        if tag not in (None, "!"):
            raise yaml.YAMLError(f"tags ({tag}) are not read in front matter")
        return super().compose_node(parent, index)


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the top of `text`, or None when the text does not start with a fence."""
    opening = _OPENING.match(text)
    if not opening:
        return None
    fence = opening["fence"]
    closing = re.compile(r"^" + re.escape(fence) + r"[^\S\n]*$", re.MULTILINE).search(text, opening.end())
    if not closing:
        return None  # a lone `---` is a rule or a separator, not front matter
    span = Span(text.index(fence, opening.start()), closing.end())
    body = text[opening.end():closing.start()]
    # Only a block that reads as a mapping of names to values is front matter; a `---` rule with
    # prose up to a later `---` is text. A block whose first line names a value (`title: …`,
    # `title = …`) but cannot be read is front matter with a notice.
    if len(body.encode("utf-8", "surrogatepass")) > FRONT_MATTER_MAX_BYTES:
        if not _KEY_LINE[fence].match(body):
            return None
        return FrontMatter(span, notice=f"front matter of more than {FRONT_MATTER_MAX_BYTES // 1024} KB is not read")
    try:
        data = yaml.load(body, Loader=_SafeLoader) if fence == "---" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as err:
        if not _KEY_LINE[fence].match(body):
            return None
        reason = str(err).splitlines()[0] if str(err) else err.__class__.__name__
        return FrontMatter(span, notice=f"front matter not read ({reason[:120]})")
    if not isinstance(data, dict) or not data:
        return None
    return _values(span, {str(k).casefold(): v for k, v in data.items()})


def _text(value) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value if 0 < len(value) <= _TITLE_MAX else None
    return None


def _first(data: dict, *names: str):
    return next((data[n] for n in names if data.get(n) not in (None, "", [], {})), None)


def _date(value) -> tuple[str, str] | None:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat(), "day"
    if isinstance(value, datetime.date):
        return value.isoformat(), "day"
    if isinstance(value, str):
        return parse_date(value)
    return None


def _names(value) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(t for item in items if (t := _text(item if isinstance(item, str) else (item.get("name") if isinstance(item, dict) else None))))


_DATE_NAMES = ("date", "published", "pubdate", "publishdate", "published_at", "created")


def _values(span: Span, data: dict) -> FrontMatter:
    # the first of the names that holds a date: a `date:` that holds a span ("4–6 June 2021") gives way to `pubDate:`
    date = next((found for name in _DATE_NAMES if (found := _date(data.get(name)))), None)
    url = _text(_first(data, "source_url", "source", "url", "link", "canonical", "canonical_url", "original_url"))
    authors = _names(_first(data, "author", "authors", "byline") or [])
    named = _names(_first(data, "tags", "keywords", "categories") or [])
    tags = tuple(dict.fromkeys(t for t in named if _TAG.match(t)))
    dropped = sum(1 for t in named if not _TAG.match(t))
    return FrontMatter(
        span,
        title=_text(_first(data, "title", "headline", "subject")),
        date=date[0] if date else None,
        date_precision=date[1] if date else None,
        source_url=url if url and re.match(SOURCE_URL_PATTERN, url) else None,
        author=", ".join(authors) or None,
        tags=tags,
        notice=(f"{dropped} tag{'s' if dropped > 1 else ''} of the front matter not used (a tag is words, spaces, "
                "hyphens and apostrophes, at most 60 characters)") if dropped else None,
    )
