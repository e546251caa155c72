"""connected: the pages that connect seeds: one page per entity and an index of them, quotations
by speaker, and the timeline. Every fact links back to the paragraph it comes from.

Long lists are split into pages of `PAGE_SIZE` items (`…/page-2/`, …), so no page grows with the
corpus beyond that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from .entities import KINDS, Entity, Matcher, Mention, speaker_entity
from .model import BOILERPLATE, TIMESTAMP, Corpus, SeedEntry
from .parse import find_dates, parse_date
from .render import (
    Page, block_label, crumbs, display_name, escape_text, front_matter, html_table, md_table, page_links, page_path, paged,
    render_catalogue, render_seed_page, shorten,
)

_INVERSE = {"member of": "Members", "commander of": "Commanded by", "located in": "Places in it"}
PAGE_SIZE = 100  # list items per page (mentions, quotations, timeline events); keeps each section within search indexers' limits
_YEAR = re.compile(r"\b(?:in|since|by|during|until|from|after|before|of|early|late|mid-)\s+(?P<y>(?:19|20)\d{2})\b(?!-\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Connections:
    """The glossary's entities and where each seed mentions them."""

    entities: tuple[Entity, ...] = ()
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # by seed slug
    matcher: Matcher = field(default_factory=lambda: Matcher(()))  # the glossary's aliases, for speakers too

    @property
    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}/index.md"


def entity_href(entity_id: str) -> str:
    """An entity page's address from a seed page, as raw HTML: the file itself, which every kind of
    build has (`entities/<id>/index.html`, served or opened from disk)."""
    return f"../../entities/{entity_id}/index.html"


def _seed_link(entry: SeedEntry, index: int | None, up: str) -> str:
    anchor = "" if index is None else f"#{entry.document.anchor(index)}"
    return f"{up}{entry.url}index.md{anchor}"


def _label(entry: SeedEntry, index: int | None) -> str:
    """How a link names its place in a seed, as citations do: "¶6", "Q8, ¶18" in question 8's unit, or "page"."""
    return "page" if index is None else block_label(entry.document, index)


def _paginate(base: str, title: str, intro: str, items: list[str], up: str) -> Iterator[Page]:
    """`items` (Markdown blocks; headings start with a newline and #) on `base/index.md`, then
    `base/page-N/index.md`, each linking the others.

    Links in `intro` and `items` start with the placeholder `{up}`, replaced here by the way up to
    docs/ from each page (seed text cannot contain it: `escape_text` turns braces into references)."""
    pages = paged(items, PAGE_SIZE)
    heading_item = None  # a page that starts inside a group repeats the group's heading
    for number, chunk in enumerate(pages, 1):
        if heading_item and not chunk[0].startswith("\n#"):
            chunk = [heading_item, *chunk]
        heading_item = next((item for item in reversed(chunk) if item.startswith("\n#")), heading_item)
        nav = page_links(number, len(pages))
        heading = title if number == 1 else f"{title} (page {number})"
        body = front_matter(heading) + f"# {escape_text(heading)}\n\n{intro}\n{nav}" + "\n".join(chunk) + "\n\n" + nav
        yield Page(page_path(base, number), body.replace("{up}", up + ("" if number == 1 else "../")).encode())


# --- entities ---------------------------------------------------------------------------------------


def render_entities(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    by_id = connections.by_id
    entries = {e.slug: e for e in corpus.entries}
    found: dict[str, list[tuple[SeedEntry, Mention]]] = {e.id: [] for e in connections.entities}
    for entry in corpus.entries:
        for mention in connections.mentions.get(entry.slug, []):
            found[mention.entity].append((entry, mention))
    for entity in connections.entities:
        seeds = {entry.slug for entry, _ in found[entity.id]}
        facts = [("Kind", escape_text(entity.kind)), ("Also called", ", ".join(escape_text(a) for a in entity.aliases[1:]) or "—")]
        facts += [(escape_text(kind.capitalize()), f"[{escape_text(by_id[target].name)}]({{up}}{entity_path(target)})") for kind, target in entity.relations]
        facts += [(escape_text(_INVERSE[kind]), f"[{escape_text(other.name)}]({{up}}{entity_path(other.id)})")
                  for other in connections.entities for kind, target in other.relations if target == entity.id]
        facts.append(("Mentions", f"{len(found[entity.id]):,} in {len(seeds):,} seed{'' if len(seeds) == 1 else 's'}"))
        intro = f"{escape_text(entity.description)}\n\n" + md_table(("Field", "Value"), facts) + "\n## Mentions\n"
        items = []
        for slug, group in groupby(found[entity.id], key=lambda pair: pair[0].slug):
            entry = entries[slug]
            items.append(f"\n### {escape_text(display_name(entry.document.title))}\n")
            for _, mention in group:
                text = entry.document.blocks[mention.block].text
                snippet = _snippet(text, mention.start, mention.end)
                items.append(f"- [{_label(entry, mention.block)}]({_seed_link(entry, mention.block, '{up}')}): {snippet}")
        yield from _paginate(f"entities/{entity.id}", entity.name, intro, items, "../../")
    yield from _entity_index(connections, found)


def _snippet(text: str, start: int, end: int, width: int = 70) -> str:
    """The mention in bold with some words either side, all escaped."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    before = ("…" + before.split(" ", 1)[-1]) if start > width else before
    after = (after.rsplit(" ", 1)[0] + "…") if end + width < len(text) else after
    def flat(part: str) -> str:
        return re.sub(r"\s+", " ", part)

    return f"{escape_text(flat(before))}**{escape_text(text[start:end])}**{escape_text(flat(after))}"


def _entity_index(connections: Connections, found: dict) -> Iterator[Page]:
    lines = [front_matter("Entities"), "# Entities\n\n",
             f"{len(connections.entities):,} people, organisations, armed groups, places, facilities and operations from the glossary (`glossary.yml`), with every mention in the seeds.\n"]
    for kind in KINDS:
        members = sorted((e for e in connections.entities if e.kind == kind), key=lambda e: e.name.casefold())
        if not members:
            continue
        lines.append(f"\n## {escape_text(kind.capitalize())}\n\n")
        rows = [(f"[{escape_text(e.name)}]({e.id}/index.md)", escape_text(shorten(e.description, 120)), f"{len(found[e.id]):,}") for e in members]
        lines.append(md_table(("Name", "Description", "Mentions"), rows))
    yield Page("entities/index.md", "".join(lines).encode())


def seed_entities(entry: SeedEntry, connections: Connections) -> str:
    """The seed page's "Entities" section: what it mentions, by kind, with counts."""
    counts: dict[str, int] = {}
    for mention in connections.mentions.get(entry.slug, []):
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
    if not counts:
        return ""
    by_id = connections.by_id
    rows = []
    for kind in KINDS:
        names = sorted((by_id[i] for i in counts if by_id[i].kind == kind), key=lambda e: e.name.casefold())
        if names:
            rows.append((escape_text(kind.capitalize()), ", ".join(f'<a href="{entity_href(e.id)}">{escape_text(e.name)}</a> ({counts[e.id]})' for e in names)))
    return "\n## Entities\n\n" + html_table(("Kind", "Mentioned"), rows, "sw-derived")


def first_mentions(entry: SeedEntry, connections: Connections) -> dict[int, list[Mention]]:
    """Per block, the first mention of each entity (the ones that become links)."""
    out: dict[int, list[Mention]] = {}
    for mention in connections.mentions.get(entry.slug, []):
        block = out.setdefault(mention.block, [])
        if all(m.entity != mention.entity for m in block):
            block.append(mention)
    return out


# --- quotations -------------------------------------------------------------------------------------


def render_quotes(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    by_id = connections.by_id
    groups: dict[str, tuple[str, list[str]]] = {}
    for entry in corpus.entries:
        document = entry.document
        interviewee = dict(document.value("speakers")).get("interviewee")
        date = document.value("date") or "undated"
        for quote in document.quotes:
            speaker = quote.speaker or (interviewee if quote.basis == "interviewee" else None)
            if speaker is None:
                continue
            entity = speaker_entity(speaker, connections.matcher)
            key = entity or speaker.casefold()
            heading = f"[{escape_text(by_id[entity].name)}]({{up}}{entity_path(entity)})" if entity else escape_text(speaker)
            link = _seed_link(entry, quote.block, "{up}")
            words = " ".join(quote.text.split()).strip("\"“”„«» ")
            item = (f"- “{escape_text(words)}”  \n"
                    f"  [{escape_text(display_name(document.title))}, {_label(entry, quote.block)}]({link}), {escape_text(date)}"
                    + {"interviewee": " (an interview answer)", "unquoted": " (attributed without quotation marks)",
                       "turn": " (a turn in the transcript)"}.get(quote.basis, ""))
            groups.setdefault(key, (heading, []))[1].append(item)
    items = []
    for key in sorted(groups, key=lambda k: (-len(groups[k][1]), k)):
        heading, quotes = groups[key]
        items.append(f"\n## {heading}\n")
        items += quotes
    intro = ("Every quotation the seeds attribute to a named speaker, grouped by speaker (an interview's answers "
             "count as the interviewee's), each linked to its paragraph.\n")
    yield from _paginate("quotes", "Quotes", intro, items, "../")


# --- timeline ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    date: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str
    what: str  # Markdown, escaped
    entry: SeedEntry
    block: int | None  # None: the seed page (a curated date)


def timeline_events(corpus: Corpus) -> list[Event]:
    """Publication dates of the seeds, and every date their text states (day, month or year)."""
    events = []
    for entry in corpus.entries:
        document = entry.document
        if date := document.value("date"):
            # the paragraph that states the date, when one does (a curated date may have none)
            block = next((i for i, b in enumerate(document.blocks) if b.kind == TIMESTAMP and (parse_date(b.text) or ("",))[0] == date), None)
            basis = document.value("date_basis") or "stated"
            what = f"Published: {escape_text(display_name(document.title))} ({basis})"
            events.append(Event(date, document.value("date_precision") or "day", what, entry, block))
        for index, block in enumerate(document.blocks):
            if block.kind in (BOILERPLATE, TIMESTAMP):
                continue
            dates = [(span.start, span.end, value, precision) for span, value, precision in find_dates(block.text)]
            dates += [(m.start("y"), m.end("y"), m["y"], "year") for m in _YEAR.finditer(block.text)
                      if not any(s <= m.start("y") < e for s, e, _, _ in dates)]
            for start, end, value, precision in dates:
                events.append(Event(value, precision, _snippet(block.text, start, end, 90), entry, index))
    return sorted(events, key=lambda e: (e.date, e.entry.slug, -1 if e.block is None else e.block))


def render_timeline(corpus: Corpus) -> Iterator[Page]:
    items = []
    for year, group in groupby(timeline_events(corpus), key=lambda e: e.date[:4]):
        items.append(f"\n## {year}\n")
        for event in group:
            source = f"[{escape_text(display_name(event.entry.document.title))}, {_label(event.entry, event.block)}]({_seed_link(event.entry, event.block, '{up}')})"
            items.append(f"- **{event.date}** ({event.precision}): {event.what}  \n  {source}")
    undated = [e for e in corpus.entries if not e.document.value("date")]
    if undated:
        items.append("\n## Undated\n")
        items += [f"- [{escape_text(display_name(e.document.title))}]({_seed_link(e, None, '{up}')}): its publication date is unknown" for e in undated]
    intro = ("Each seed's publication date and every date its text states, in order, with its precision "
             "(day, month or year), each linked to the paragraph that states it. Relative dates "
             "(\"Thursday night\", \"last week\") are left out: the text alone does not make them certain.\n")
    yield from _paginate("timeline", "Timeline", intro, items, "../")


# --- the whole site ---------------------------------------------------------------------------------


def render_site(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    """Every generated page, one at a time: seed pages (with their raw files), the catalogue, the
    entity pages, quotes and timeline."""
    for entry in corpus.entries:
        links = {
            block: [(m.start, m.end, entity_href(m.entity)) for m in mentions]
            for block, mentions in first_mentions(entry, connections).items()
        }
        page = render_seed_page(entry, links, seed_entities(entry, connections), crumbs(entry, corpus))
        yield Page(f"{entry.url}index.md", page.encode())
        yield Page(f"{entry.url}source.txt", entry.document.seed.raw)
    yield from render_catalogue(corpus)
    yield from render_entities(corpus, connections)
    yield from render_quotes(corpus, connections)
    yield from render_timeline(corpus)
