"""An e-mail (`.eml`, RFC 5322) read with the standard library's `email`: its From, To, Date and
Subject as header lines, then its text/plain part, else the text of its text/html part (no
script or style). From, Date and Subject are its author, date and title."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from ..errors import IngestError
from . import Extracted, clean, stated, stated_date

_HEADERS = ("From", "To", "Date", "Subject")


class _Text(HTMLParser):
    """The text of an HTML part: block elements on lines of their own, script and style left out."""

    SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
    BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "section", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(" ".join(data.split(" ")) if data.strip() else (" " if data else ""))


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    blocks = "".join(parser.parts).split("\n\n")
    return "\n\n".join(" ".join(b.split()) for b in blocks if b.strip())


def extract(raw: bytes, path: Path) -> Extracted:
    unreadable = "check that the file is a whole e-mail as a mail program saves it (.eml), or remove it"
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        headers = {name: str(message[name]) for name in _HEADERS if message[name] is not None}
        part = message.get_body(preferencelist=("plain", "html"))
        body = "" if part is None else part.get_content()
        if not isinstance(body, str):
            body = ""
        if part is not None and part.get_content_subtype() == "html":
            body = html_text(body)
        found = stated("title", headers.get("Subject"), "e-mail header: Subject")
        sender = message["From"]
        addresses = getattr(sender, "addresses", ()) if sender is not None else ()
        if addresses:
            found += stated("author", addresses[0].display_name or addresses[0].addr_spec, "e-mail header: From")
        date = message["Date"]
        when = getattr(date, "datetime", None) if date is not None else None
        if when is not None:
            found += stated_date(when.date(), "e-mail header: Date")
    except IngestError:
        raise
    except Exception as err:  # the email package raises many kinds on broken input
        raise IngestError(path, f"the e-mail cannot be read ({type(err).__name__})", unreadable) from None
    if not body.strip() and not headers:
        raise IngestError(path, "the file holds no e-mail headers and no text part", unreadable)
    head = "\n".join(f"{name}: {' '.join(value.split())}" for name, value in headers.items())
    return Extracted(clean(head + "\n\n" + body), found=tuple(found))
