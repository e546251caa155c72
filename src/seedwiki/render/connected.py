"""connected: the pages that connect seeds: one page per entity and an index of them, quotations
by speaker, and the timeline. Every fact links back to the paragraph it comes from.

Long lists are split into pages of `PAGE_SIZE` items (`…/page-2/`, …), so no page grows with the
corpus beyond that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from .entities import KINDS, Entity, Matcher, Mention, speaker_entity
from .link import slugify
from .model import BOILERPLATE, TIMESTAMP, Corpus, SeedEntry
from .parse import find_dates, parse_date
from .render import (
    Page,
    QuoteMark,
    block_label,
    crumbs,
    display_name,
    escape_text,
    front_matter,
    html_table,
    md_table,
    page_links,
    page_path,
    paged,
    render_catalogue,
    render_seed_page,
    shorten,
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


def _paginate(base: str, title: str, intro: str, items: list[str], up: str, crumb: str = "", section: str = "") -> Iterator[Page]:
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
        body = (front_matter(heading) + crumb + f"# {escape_text(heading)}\n\n" + _section_facet(section) + f"{intro}\n{nav}"
                + _lighter("\n".join(chunk)) + "\n\n" + nav)
        yield Page(page_path(base, number), body.replace("{up}", up + ("" if number == 1 else "../")).encode())


def _section_facet(section: str) -> str:
    """Which part of the wiki a page is, for search's filters."""
    if not section:
        return ""
    facets = escape_text(json.dumps({"section": [section]}))
    return f'<div class="sw-facets" hidden data-pagefind-ignore data-search-exclude><span data-pagefind-meta="facets">{facets}</span></div>\n\n'


def _lighter(markdown: str) -> str:
    """Lists that repeat the seeds' words (mentions, quotations, dates), weighted below the seeds'
    own text in search: a seed's paragraph ranks above a page quoting it."""
    return f'<div class="sw-listing" data-pagefind-weight="0.3" markdown="block">\n\n{markdown}\n\n</div>\n'


# --- entities ---------------------------------------------------------------------------------------


def entity_mentions(corpus: Corpus, connections: Connections) -> dict[str, list[tuple[SeedEntry, Mention]]]:
    """Every entity's mentions, seed by seed."""
    found: dict[str, list[tuple[SeedEntry, Mention]]] = {e.id: [] for e in connections.entities}
    for entry in corpus.entries:
        for mention in connections.mentions.get(entry.slug, []):
            found[mention.entity].append((entry, mention))
    return found


def mention_count(pairs: list[tuple[SeedEntry, Mention]]) -> str:
    seeds = {entry.slug for entry, _ in pairs}
    return f"{len(pairs):,} mention{'' if len(pairs) == 1 else 's'} in {len(seeds):,} seed{'' if len(seeds) == 1 else 's'}"


def _entity_crumb(entity: Entity) -> str:
    return (f'<nav class="sw-crumbs" aria-label="Breadcrumb"><a href="../index.html">Entities</a> › '
            f'<a href="../index.html#{escape_text(slugify(entity.kind))}">{escape_text(entity.kind.capitalize())}</a></nav>\n\n')


def render_entities(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    by_id = connections.by_id
    entries = {e.slug: e for e in corpus.entries}
    found = entity_mentions(corpus, connections)
    quoted = quote_pages(corpus, connections)
    for entity in connections.entities:
        facts = [("Kind", escape_text(entity.kind)), ("Also called", ", ".join(escape_text(a) for a in entity.aliases[1:]) or "—")]
        facts += [(escape_text(kind.capitalize()), f"[{escape_text(by_id[target].name)}]({{up}}{entity_path(target)})") for kind, target in entity.relations]
        facts += [(escape_text(_INVERSE[kind]), f"[{escape_text(other.name)}]({{up}}{entity_path(other.id)})")
                  for other in connections.entities for kind, target in other.relations if target == entity.id]
        published = [e for e in corpus.entries if e.document.value("outlet") and connections.matcher.find(e.document.value("outlet"))
                     and speaker_entity(e.document.value("outlet"), connections.matcher) == entity.id]
        if published:
            facts.append(("Published", ", ".join(f"[{escape_text(display_name(e.document.title))}]({_seed_link(e, None, '{up}')})" for e in published)))
        facts.append(("Mentions", mention_count(found[entity.id]) if found[entity.id] else "none in the seeds yet"))
        if entity.id in quoted:
            path, anchor = quoted[entity.id].split("#")
            facts.append(("Quotations", f"[every quotation of {escape_text(entity.name)}]({{up}}{path.replace('index.html', 'index.md')}#{anchor})"))
        intro = f'<p class="sw-description">{escape_text(entity.description)}</p>\n\n' + md_table(("Field", "Value"), facts) + "\n## Mentions\n"
        items = []
        for slug, group in groupby(found[entity.id], key=lambda pair: pair[0].slug):
            entry = entries[slug]
            items.append(f"\n### {escape_text(display_name(entry.document.title))}\n")
            for _, mention in group:
                text = entry.document.blocks[mention.block].text
                snippet = _snippet(text, mention.start, mention.end)
                items.append(f"- [{_label(entry, mention.block)}]({_seed_link(entry, mention.block, '{up}')}): {snippet}")
        if not items:
            items.append("No seed mentions it yet.")
        yield from _paginate(f"entities/{entity.id}", entity.name, intro, items, "../../", crumb=_entity_crumb(entity), section="Entities")
    yield from _entity_index(connections, found)


def entity_previews(entry: SeedEntry, connections: Connections, found: dict[str, list[tuple[SeedEntry, Mention]]]) -> str:
    """What the page script shows when a reader hovers or focuses an entity link: the entity's
    name, kind, description and mention count, as escaped JSON in an attribute (no request needed)."""
    by_id = connections.by_id
    ids = sorted({m.entity for m in connections.mentions.get(entry.slug, [])})
    if not ids:
        return ""
    data = {i: {"name": by_id[i].name, "kind": by_id[i].kind, "description": by_id[i].description, "mentions": mention_count(found[i])} for i in ids}
    return f'<div class="sw-previews" hidden data-search-exclude data-entities="{escape_text(json.dumps(data, ensure_ascii=False))}"></div>\n\n'


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
    mentioned = [e for e in connections.entities if found[e.id]]
    lines = [front_matter("Entities"), "# Entities\n\n", _section_facet("Entities"),
             f"{len(mentioned):,} people, organisations, armed groups, places, facilities and operations from the glossary (`glossary.yml`) "
             "that the seeds mention, each with every mention.\n"]
    for kind in KINDS:
        members = sorted((e for e in mentioned if e.kind == kind), key=lambda e: e.name.casefold())
        if not members:
            continue
        lines.append(f"\n## {escape_text(kind.capitalize())} {{#{slugify(kind)}}}\n\n")
        rows = [(f"[{escape_text(e.name)}]({e.id}/index.md)", escape_text(shorten(e.description, 120)), f"{len(found[e.id]):,}") for e in members]
        lines.append(md_table(("Name", "Description", "Mentions"), rows))
    unmentioned = sorted((e for e in connections.entities if not found[e.id]), key=lambda e: e.name.casefold())
    if unmentioned:
        lines.append("\n<p class=\"sw-unmentioned\">In the glossary, but mentioned in no seed yet: "
                     + ", ".join(f'<a href="{e.id}/index.html">{escape_text(e.name)}</a>' for e in unmentioned) + ".</p>\n")
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


def speaker_key(speaker: str, connections: Connections) -> tuple[str, str]:
    """How the quotes page groups a speaker: their entity's id, else their name; and the heading's id."""
    entity = speaker_entity(speaker, connections.matcher)
    if entity:
        return entity, f"by-{entity}"
    return speaker.casefold(), "by-" + (slugify(speaker) or "speaker")


def quote_speaker(document, quote) -> str | None:
    """Who says a quotation: its speaker, or for an interview's answer the interviewee."""
    interviewee = dict(document.value("speakers")).get("interviewee")
    return quote.speaker or (interviewee if quote.basis == "interviewee" else None)


# Statements that are not quoted speech are shown without quotation marks, and say what they are.
UNQUOTED_BASES = {"unquoted", "turn"}
BASIS_NOTES = {"interviewee": " (an interview answer)", "unquoted": " (reported without quotation marks)", "turn": " (a transcript turn)"}


def quotes_by_speaker(corpus: Corpus, connections: Connections) -> dict[str, tuple[str, list[str]]]:
    """The quotes page's groups: per speaker key, its heading and its list items (Markdown)."""
    by_id = connections.by_id
    groups: dict[str, tuple[str, list[str]]] = {}
    for entry in corpus.entries:
        document = entry.document
        date = document.value("date") or "undated"
        for quote in document.quotes:
            speaker = quote_speaker(document, quote)
            if speaker is None:
                continue
            key, anchor = speaker_key(speaker, connections)
            entity = key if key in by_id else None
            name = f"[{escape_text(by_id[entity].name)}]({{up}}{entity_path(entity)})" if entity else escape_text(speaker)
            heading = f"{name} {{#{anchor}}}"
            link = _seed_link(entry, quote.block, "{up}")
            words = " ".join(quote.text.split()).strip("\"“”„«» ")
            shown = f"“{escape_text(words)}”" if quote.basis not in UNQUOTED_BASES else escape_text(words)
            item = (f"- {shown}  \n"
                    f"  [{escape_text(display_name(document.title))}, {_label(entry, quote.block)}]({link}), {escape_text(date)}"
                    + BASIS_NOTES.get(quote.basis, ""))
            groups.setdefault(key, (heading, []))[1].append(item)
    return {key: groups[key] for key in sorted(groups, key=lambda k: (-len(groups[k][1]), k))}


def quote_pages(corpus: Corpus, connections: Connections) -> dict[str, str]:
    """Where each speaker's quotations are listed, from docs/: `quotes/[page-N/]index.html#by-…`."""
    out: dict[str, str] = {}
    position = 0
    for key, (heading, items) in quotes_by_speaker(corpus, connections).items():
        number = position // PAGE_SIZE + 1
        folder = "quotes/" if number == 1 else f"quotes/page-{number}/"
        out[key] = f"{folder}index.html#{heading.rsplit('{#', 1)[1].rstrip('}')}"
        position += 1 + len(items)
    return out


# --- quotations -------------------------------------------------------------------------------------


def render_quotes(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    items = []
    for heading, quotes in quotes_by_speaker(corpus, connections).values():
        items.append(f"\n## {heading}\n")
        items += quotes
    intro = ("Every quotation the seeds attribute to a named speaker, grouped by speaker (an interview's answers "
             "count as the interviewee's), each linked to its paragraph.\n")
    yield from _paginate("quotes", "Quotes", intro, items, "../", section="Quotes")


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
    yield from _paginate("timeline", "Timeline", intro, items, "../", section="Timeline")


# --- the whole site ---------------------------------------------------------------------------------


def render_site(corpus: Corpus, connections: Connections) -> Iterator[Page]:
    """Every generated page, one at a time: seed pages (with their raw files), the catalogue, the
    entity pages, quotes and timeline."""
    found = entity_mentions(corpus, connections)
    quoted = quote_pages(corpus, connections)
    by_id = connections.by_id
    for entry in corpus.entries:
        links = {
            block: [(m.start, m.end, entity_href(m.entity)) for m in mentions]
            for block, mentions in first_mentions(entry, connections).items()
        }
        marks: dict[int, list[QuoteMark]] = {}
        document = entry.document
        for quote in document.quotes:
            speaker = quote_speaker(document, quote)
            if speaker is None or quote.basis == "interviewee":  # an answer is labelled with its speaker instead
                continue
            start = quote.span.start - document.blocks[quote.block].span.start
            href = "../../" + quoted[speaker_key(speaker, connections)[0]]
            marks.setdefault(quote.block, []).append(QuoteMark(start, start + len(quote.text), speaker, href))
        names = tuple(sorted({by_id[m.entity].name for m in connections.mentions.get(entry.slug, [])}))
        page = render_seed_page(entry, links, seed_entities(entry, connections), crumbs(entry, corpus), quotes=marks,
                                extra=entity_previews(entry, connections, found), entities=names)
        yield Page(f"{entry.url}index.md", page.encode())
        yield Page(f"{entry.url}source.txt", entry.document.seed.raw)
    yield from render_catalogue(corpus)
    yield from render_entities(corpus, connections)
    yield from render_quotes(corpus, connections)
    yield from render_timeline(corpus)
