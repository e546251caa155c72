"""The pages that connect seeds, formatted from the link stage's `Site`: one page per entity and
an index of them, quotations by speaker, and the timeline; on the seed page, its entity links,
quotation marks, entity previews and the list of what it mentions. Every fact links back to the
paragraph it comes from.

Long lists are split into pages of `PAGE_SIZE` items (`…/page-2/`, …), so no page grows with the
corpus beyond that. An entity's mentions are one item per seed: a count and the first snippets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import partial
from operator import attrgetter
from typing import TypeVar

from ..escape import display_name, escape_text
from ..i18n import number as number_text
from ..i18n import plural, word
from ..link import slugify
from ..link.entities import KINDS, RELATIONS, Entity, Mention
from ..link.site import INVERSE, Event, MentionsShown, SeedFacts, Site, SpeakerQuotes, snippet_window
from ..link.targets import block_label, paragraph_anchor, part_page, seed_parts
from ..memo import Memo, rendered, rendered_each
from ..model import Deferred, Page, Quote, SeedEntry
from .catalogue import catalogue_is_split, crumbs, render_catalogue
from .html import UP, Item, heading, href, html_page, html_table, link, page_links, page_path, paged, paginate, script_runs, up
from .original import original_page, source_text
from .seed import QuoteMark, seed_page, shorten

T = TypeVar("T")
PAGE_SIZE = 100  # list items per page (seeds mentioning an entity, quotations, timeline events); keeps each section within search indexers' limits
INDEX_PAGE_SIZE = 500  # entities per page of the entity index
LISTING = '<div class="sw-listing">'  # lists that repeat the seeds' words: not indexed for search (plugin/search.py)
# Words that are not quoted speech are shown without quotation marks, and say what they are (words.json keys).
FORM_NOTES = {"answer": "form_answer", "unquoted": "form_unquoted", "turn": "form_turn"}
# Why a quotation is listed under its speaker (model.QuoteBasis); "resolved" names its paragraph.
BASIS_NOTES = {"clause": "basis_clause", "sentence": "basis_sentence", "interviewee": "basis_interviewee", "turn": "basis_turn"}


def kind_name(kind: str, capital: bool = False) -> str:
    """An entity kind ("armed group") or relation ("member of") in the site's language; `capital`: as a heading."""
    key = kind.replace(" ", "_")
    name = word(f"kind_{key}") if kind in KINDS else word(f"relation_{key}") if kind in RELATIONS else kind
    return name[:1].upper() + name[1:] if capital else name


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}/index.md"


def _label(entry: SeedEntry, index: int | None) -> str:
    """How a link names its place in a seed, as citations do: "¶6", "Q8, ¶18" in question 8's unit, or "page"."""
    return word("label_page") if index is None else block_label(entry.document, index)


def _seed_href(here: str, entry: SeedEntry, index: int | None = None) -> str:
    return href(here, f"{entry.url}index.md", "" if index is None else paragraph_anchor(index))


def _section_facet(section: str) -> str:
    """Which part of the wiki a page is, for search's filters."""
    facets = escape_text(json.dumps({"section": [word(section)]}, ensure_ascii=False))
    return f'<div class="sw-facets" hidden data-pagefind-ignore data-search-exclude><span data-pagefind-meta="facets">{facets}</span></div>'


def _snippet(text: str, start: int, end: int, cut_before: bool, cut_after: bool) -> str:
    """The words at `start`–`end` of a `link.site.snippet_window` in bold with the words either side,
    all escaped; where the paragraph goes on, a word cut short left out and "…" in its place."""
    before = text[:start]
    after = text[end:]
    before = ("…" + before.split(" ", 1)[-1]) if cut_before else before

    after = (after.rsplit(" ", 1)[0] + "…") if cut_after else after

    return f"{escape_text(_one_space(before))}<strong>{escape_text(text[start:end])}</strong>{escape_text(_one_space(after))}"


def _one_space(text: str) -> str:
    r"""`re.sub(r"\s+", " ", text)`, from `str.split` (whose whitespace is `\s`'s: `str.isspace`),
    in a third of the CPU: every run of whitespace one space, at either end too. Text whose only
    whitespace is single spaces is returned as it is, found without splitting it (every other
    whitespace character is unprintable: `str.isprintable`)."""
    if text.isprintable() and "  " not in text:
        return text
    words = text.split()
    if not words:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + " ".join(words) + (" " if text[-1].isspace() else "")


def _group_heading(level: int, anchor: str, inner: str, name: str) -> Item:
    return Item(heading(level, anchor, inner), (level, anchor, name))


# --- entities ---------------------------------------------------------------------------------------


def mention_count(total: int, seeds: int) -> str:
    """"N mentions in M seeds", in the site's language."""
    return word("mentions_in", mentions=plural("mention_n", total), seeds=plural("seed_n", seeds))


def _entity_crumb(entity: Entity, where: tuple[str, str]) -> str:
    """Entities › Kind: the index, and the place on it that lists the entity (its kind's heading,
    or the list of entities no seed mentions)."""
    return (f'<nav class="sw-crumbs" aria-label="{word("breadcrumb")}">{link(href(UP, "entities/index.md"), word("section_entities"))} › '
            f'{link(href(UP, *where), escape_text(kind_name(entity.kind, capital=True)))}</nav>')


def _seed_item(shown: MentionsShown, titles: dict[str, str] | None = None) -> str:
    """One seed's mentions of an entity: its title, the count, the first `link.site.SNIPPETS` with their
    words, then links to the other paragraphs. `titles`: each seed's title as shown (escaped), as
    already made for another entity's page in this pass (filled here): a seed is listed by every
    entity it names."""
    base = href(UP, f"{shown.url}index.md") + "#"  # + anchor: `href(UP, page, anchor)`, the page's part made once
    if titles is None:
        titles = {}
    if (title := titles.get(shown.title)) is None:
        title = titles[shown.title] = escape_text(display_name(shown.title))
    first = shown.snippets[0][0]
    parts = [word("seed_mentions", title=link(base + first, title), mentions=plural("mention_n", shown.count))]
    parts.append("; ".join(f"{link(base + anchor, label)} {_snippet(text, start, end, cut_before, cut_after)}"
                           for anchor, label, text, start, end, cut_before, cut_after in shown.snippets))
    if shown.more:
        more = ", ".join(link(base + anchor, label) for anchor, label in zip(shown.more[::2], shown.more[1::2], strict=True))
        extra = shown.extra
        parts.append(word("also", links=more) + (plural("more_paragraphs", extra) if extra > 0 else ""))
    return "<li>" + " ".join(parts[:2]) + "".join(parts[2:]) + "</li>"


def _index_rows(site: Site) -> list[tuple[str, Entity]]:
    """The entity index's rows: the mentioned entities by kind, then by name."""
    rows: list[tuple[str, Entity]] = []
    for kind in KINDS:
        members = sorted((e for e in site.entities if site.by_entity[e.id] and e.kind == kind), key=lambda e: e.name.casefold())
        rows += [(kind, e) for e in members]
    return rows


def _index_places(site: Site) -> dict[str, tuple[str, str]]:
    """Where the entity index lists each kind: (page, heading id) of its first row."""
    places: dict[str, tuple[str, str]] = {}
    for position, (kind, _) in enumerate(_index_rows(site)):
        places.setdefault(kind, (page_path("entities", position // INDEX_PAGE_SIZE + 1), slugify(kind)))
    return places


def render_entities(site: Site, quoted: dict[str, tuple[str, str]], memo: Memo | None = None) -> Iterator[Page | Deferred]:
    """Each entity's pages, then the index. With a `memo` (under serve), an entity's list of seeds
    and its pages are the previous build's when what they show is equal (`memo.rendered`)."""
    by_id = site.by_id
    places = _index_places(site)
    titles: dict[str, str] = {}  # each seed's title as its items show it, made once for every entity that lists it
    for entity in site.entities:
        groups = site.by_entity[entity.id]
        facts = [(word("col_kind"), escape_text(kind_name(entity.kind))),
                 (word("also_called"), ", ".join(script_runs(escape_text(a)) for a in entity.aliases[1:]) or "—")]
        facts += [(escape_text(kind_name(kind, capital=True)), link(href(UP, entity_path(target)), escape_text(by_id[target].name))) for kind, target in entity.relations]
        facts += [(escape_text(_inverse(kind)), link(href(UP, entity_path(other.id)), escape_text(other.name))) for kind, other in site.inverse.get(entity.id, ())]
        published = site.published.get(entity.id, ())
        if published:
            facts.append((word("published"), rendered(memo, ("published", entity.id), published, partial(_published_links, published))))
        facts.append((word("mentions"), mention_count(site.mention_totals[entity.id], len(groups)) if groups else word("none_yet")))
        if entity.id in quoted:
            path, anchor = quoted[entity.id]
            facts.append((word("quotations"), link(href(UP, path, anchor), word("every_quotation", name=escape_text(entity.name)))))
        intro = [f'<p class="sw-description">{escape_text(entity.description)}</p>', html_table((word("col_field"), word("col_value")), facts),
                 heading(2, "mentions", word("mentions"))]
        # what the entity's page shows of each seed (the same object for a seed unchanged under serve)
        shown = tuple(map(attrgetter("shown"), groups))
        items = rendered(memo, ("entity-items", entity.id), shown, partial(_seed_items, shown, titles))
        if not items:
            intro.append(f"<p>{word('no_mentions_yet')}</p>")
        crumb = _entity_crumb(entity, places[entity.kind] if groups else ("entities/index.md", "unmentioned"))
        parts = (entity.name, tuple(intro), crumb, items)
        yield from rendered(memo, ("entity-pages", entity.id), parts, partial(_entity_pages, entity, *parts))
    yield from _entity_index(site)


def _published_links(published: tuple[SeedEntry, ...]) -> str:
    return ", ".join(link(_seed_href(UP, e), escape_text(display_name(e.document.title))) for e in published)


def _seed_items(shown: tuple[MentionsShown, ...], titles: dict[str, str] | None = None) -> list[Item]:
    return [Item(inputs=one, make=partial(_seed_item, one, titles)) for one in shown]


def _entity_pages(entity: Entity, name: str, intro: tuple[str, ...], crumb: str, items: list[Item]) -> list[Deferred]:
    return paginate(f"entities/{entity.id}", name, list(intro), items, PAGE_SIZE, crumb=crumb, facet=_section_facet("section_entities"), wrap=LISTING)


def _inverse(kind: str) -> str:
    """A relation read from its other end ("member of" → "Members"), in the site's language."""
    return word(f"inverse_{kind.replace(' ', '_')}") if kind in INVERSE else INVERSE.get(kind, kind)


def entity_previews(view: SeedView, members: dict[tuple[Entity, int, int], str] | None = None) -> str:
    """What the page script shows when a reader hovers or focuses an entity link: the entity's
    name, kind, description and mention count, as escaped JSON in an attribute (no request needed).

    `members`: each entity's member of that JSON object, escaped, as already made for another seed
    in this pass (filled here): an entity is named by most seeds, and its member is the same on
    each page (escaping is character by character, and JSON text holds no line break)."""
    if not view.named:
        return ""
    members = {} if members is None else members
    found = []
    for named in view.named:
        if (member := members.get(named)) is None:
            e, total, seeds = named
            data = {e.id: {"name": e.name, "kind": kind_name(e.kind), "description": e.description, "mentions": mention_count(total, seeds)}}
            member = members[named] = escape_text(json.dumps(data, ensure_ascii=False)[1:-1])
        found.append(member)
    entities = escape_text("{") + ", ".join(found) + escape_text("}")
    return f'<div class="sw-previews" hidden data-search-exclude data-entities="{entities}"></div>'


def _entity_index(site: Site) -> Iterator[Page]:
    """The entity index: the mentioned entities by kind, in pages of `INDEX_PAGE_SIZE` rows (a kind's
    heading repeated on a page that continues it); the unmentioned listed apart on the first page."""
    found = site.by_entity
    rows = _index_rows(site)
    pages = paged(rows, INDEX_PAGE_SIZE)
    intro = f"<p>{word('entities_intro', count=number_text(len(rows)), glossary='<code>glossary.yml</code>')}</p>"
    unmentioned = sorted((e for e in site.entities if not found[e.id]), key=lambda e: e.name.casefold())
    for number, chunk in enumerate(pages, 1):
        path = page_path("entities", number)
        title = word("section_entities") if number == 1 else word("page_of", title=word("section_entities"), number=number)
        anchor = "entities" if number == 1 else f"entities-page-{number}"
        blocks = [heading(1, anchor, escape_text(title)), _section_facet("section_entities"), intro, _index_links(number, len(pages))]
        toc = [(1, anchor, escape_text(title))]
        for kind in dict.fromkeys(kind for kind, _ in chunk):
            name = escape_text(kind_name(kind, capital=True))
            blocks.append(heading(2, slugify(kind), name))
            toc.append((2, slugify(kind), name))
            table = [(link(href(path, entity_path(e.id)), escape_text(e.name)), escape_text(shorten(e.description, 120)),
                      number_text(site.mention_totals[e.id])) for k, e in chunk if k == kind]
            blocks.append(html_table((word("col_name"), word("col_description"), word("col_mentions")), table))
        if number == 1 and unmentioned:
            names = ", ".join(link(href(path, entity_path(e.id)), escape_text(e.name)) for e in unmentioned)
            blocks.append(f'<p id="unmentioned" class="sw-unmentioned">{word("unmentioned", names=names)}</p>')
        blocks.append(_index_links(number, len(pages)))
        yield html_page(path, title, blocks, toc=toc)


def _index_links(number: int, count: int) -> str:
    return page_links("entities", number, count)


def seed_entities(entry: SeedEntry, view: SeedView, links: dict[tuple[str, str, str], str] | None = None) -> str:
    """The seed page's "Entities" section: what it mentions, by kind, with counts. `links`: each
    entity's link from a page as deep as this one, as already made for another seed in this pass
    (filled here): an entity is named by most seeds."""
    counts: dict[str, int] = {}
    for mention in view.facts.mentions:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
    if not counts:
        return ""
    named = [entity for entity, _, _ in view.named]
    here = f"{entry.url}index.md"
    way = up(here)
    links = {} if links is None else links
    rows = []
    for kind in KINDS:
        names = sorted((e for e in named if e.kind == kind), key=lambda e: e.name.casefold())
        if names:
            shown = []
            for e in names:
                if (made := links.get((way, e.id, e.name))) is None:  # all the link is made of
                    made = links[way, e.id, e.name] = link(href(here, entity_path(e.id)), escape_text(e.name))
                shown.append(f"{made} ({counts[e.id]})")
            rows.append((escape_text(kind_name(kind, capital=True)), ", ".join(shown)))
    return heading(2, "entities", word("section_entities")) + "\n" + html_table((word("col_kind"), word("col_mentioned")), rows, "sw-derived")


def first_mentions(mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """Per block, the first mention of each entity (the ones that become links); one pass over the
    seed's mentions, whatever the number of entities a block names."""
    out: dict[int, list[Mention]] = {}
    seen: set[tuple[int, str]] = set()
    for mention in mentions:
        if (mention.block, mention.entity) not in seen:
            seen.add((mention.block, mention.entity))
            out.setdefault(mention.block, []).append(mention)
    return out


# --- quotations -------------------------------------------------------------------------------------


# what a quotation's item shows of it: every field but where it starts and ends in the text
_quote_shown = attrgetter(*(field.name for field in fields(Quote) if field.name != "span"))


def _quote_item(entry: SeedEntry, quote: Quote) -> Item:
    """One quotation, made with its page (`_quote_html`); its inputs are what it shows (a seed
    edited elsewhere lists the same), so a page whose quotations show the same is not made again:
    every field of the quotation but its span, which an edit earlier in the text moves."""
    document = entry.document
    resolved = _label(entry, quote.resolved_from) if quote.resolved_from is not None else None
    inputs = (entry.slug, document.title, document.meta.date, _quote_shown(quote), _label(entry, quote.block), resolved)
    return Item(inputs=inputs, make=partial(_quote_html, entry, quote))


def _quote_html(entry: SeedEntry, quote: Quote) -> str:
    """One quotation: its words, where it is, and why it has its speaker (or that it has none)."""
    document = entry.document
    words = " ".join(quote.text.split()).strip("\"“”„«» ")
    shown = f"“{escape_text(words)}”" if quote.form == "quoted" else escape_text(words)
    source = link(_seed_href(UP, entry, quote.block), f"{escape_text(display_name(document.title))}, {_label(entry, quote.block)}")
    notes = [word(FORM_NOTES[quote.form])] if quote.form in FORM_NOTES else []
    if quote.basis == "resolved" and quote.resolved_from is not None:
        notes.append(word("attributed_from", link=link(_seed_href(UP, entry, quote.resolved_from), _label(entry, quote.resolved_from))))
    elif quote.speaker is not None and quote.basis in BASIS_NOTES:
        notes.append(word(BASIS_NOTES[quote.basis]))
    elif quote.basis == "none":
        notes.append(word("no_speaker"))
    note = f' <span class="sw-basis">({"; ".join(notes)})</span>' if notes else ""
    return f"<li>{shown}<br>\n{source}, {escape_text(document.meta.date or word('undated'))}{note}</li>"


def _quote_items(group: SpeakerQuotes, site: Site, memo: Memo | None = None) -> list[Item]:
    name = escape_text(site.by_id[group.entity].name if group.entity else group.name)
    inner = link(href(UP, entity_path(group.entity)), name) if group.entity else name
    return [_group_heading(2, group.anchor, inner, name), *_quote_list(memo, ("quotes", group.key), group.quotes)]


def _quote_list(memo: Memo | None, key: tuple[str, ...], quotes: tuple[tuple[SeedEntry, Quote], ...]) -> list[Item]:
    """The items of `quotes`; with a memo, the previous build's for an unchanged seed's quotation."""
    return rendered_each(memo, key, quotes, _quote_pair, pairs=True)


def _quote_pair(pair: tuple[SeedEntry, Quote]) -> Item:
    return _quote_item(*pair)


def quote_pages(site: Site) -> dict[str, tuple[str, str]]:
    """Where each speaker's quotations are listed: (docs/ path of the quotes page, heading id)."""
    out: dict[str, tuple[str, str]] = {}
    position = 0
    for group in site.speakers:
        out[group.key] = (page_path("quotes", position // PAGE_SIZE + 1), group.anchor)
        position += 1 + len(group.quotes)
    return out


def render_quotes(site: Site, memo: Memo | None = None) -> Iterator[Page | Deferred]:
    items = [item for group in site.speakers for item in _quote_items(group, site, memo)]
    if site.unattributed:
        items.append(_group_heading(2, "unattributed", word("unattributed"), word("unattributed")))
        items += _quote_list(memo, ("unattributed",), site.unattributed)
    intro = [f"<p>{word('quotes_intro')}</p>"]
    yield from paginate("quotes", word("section_quotes"), intro, items, PAGE_SIZE, facet=_section_facet("section_quotes"), wrap=LISTING)


# --- timeline ---------------------------------------------------------------------------------------


def render_timeline(site: Site, memo: Memo | None = None) -> Iterator[Page | Deferred]:
    items: list[Item] = []
    year = None
    events = rendered_each(memo, ("timeline",), site.events, _event_item)  # with a memo, an unchanged seed's are the previous build's
    for event, item in zip(site.events, events, strict=True):
        if event.date[:4] != year:
            year = event.date[:4]
            items.append(_group_heading(2, year, year, year))
        items.append(item)
    undated = [e for e in site.corpus.entries if not e.document.meta.date]
    if undated:
        items.append(_group_heading(2, "undated", word("undated_heading"), word("undated_heading")))
        items += rendered_each(memo, ("undated",), undated, _undated_item)
    intro = [f"<p>{word('timeline_intro')}</p>"]
    yield from paginate("timeline", word("section_timeline"), intro, items, PAGE_SIZE, facet=_section_facet("section_timeline"), wrap=LISTING)


def _undated_item(entry: SeedEntry) -> Item:
    return Item(f"<li>{link(_seed_href(UP, entry), escape_text(display_name(entry.document.title)))}: {word('date_unknown')}</li>")


def _event_item(event: Event) -> Item:
    return Item(inputs=_event_shown(event), make=partial(_event_html, event))  # made with its page


def _event_shown(event: Event) -> tuple:
    """What the timeline shows of a dated fact (`_event_html`'s inputs): a seed edited elsewhere shows the same."""
    document = event.entry.document
    stated = None if event.block is None else document.blocks[event.block].text
    return (event.date, event.precision, event.block, event.start, event.end, event.entry.slug, document.title, document.meta.date_basis,
            stated, _label(event.entry, event.block))


def _event_html(event: Event) -> str:
    """One dated fact of the timeline: the date, what is dated and where."""
    entry, document = event.entry, event.entry.document
    if event.published:
        basis = document.meta.date_basis or "stated"
        basis_words = word(f"date_{basis}") if basis in ("stated", "inferred") else escape_text(basis)
        what = word("timeline_published", title=escape_text(display_name(document.title)), basis=basis_words)
    else:
        assert event.block is not None  # a stated date is in a block
        what = _snippet(*snippet_window(document.blocks[event.block].text, event.start, event.end, 90))
    source = link(_seed_href(UP, entry, event.block), f"{escape_text(display_name(document.title))}, {_label(entry, event.block)}")
    precision = word(f"precision_{event.precision}") if event.precision in ("day", "month", "year") else escape_text(event.precision)
    return f"<li><strong>{event.date}</strong> ({precision}): {what}<br>\n{source}</li>"


# --- the whole site ---------------------------------------------------------------------------------


def seed_pages(site: Site, quoted: dict[str, tuple[str, str]], memo: Memo | None = None) -> Iterator[Page | Deferred]:
    """Each seed's page and its raw file. With a `memo`, a seed whose view is equal to the previous
    build's has the very same view and pages (`memo.rendered`), which the writer finds unchanged at once."""
    corpus = site.corpus
    previews: dict[tuple[Entity, int, int], str] = {}  # each entity's preview, made once for all the seeds that name it
    links: dict[tuple[str, str, str], str] = {}  # each entity's link in the "Entities" section, made once for all the seeds that name it
    split = catalogue_is_split(corpus)
    crumbed: dict[tuple[str, ...], str] = {}  # each group's breadcrumb, made once for all its seeds
    # each entity as the previews show it (with a memo, the previous build's very tuple when equal)
    shown = {e.id: rendered(memo, ("preview", e.id), named, partial(_same, named))
             for e in site.entities for named in [(e, site.mention_totals[e.id], len(site.by_entity[e.id]))]}
    for entry in corpus.entries:
        if (crumb := crumbed.get(entry.group)) is None:
            crumb = crumbed[entry.group] = crumbs(entry, corpus) if split else ""
        view = seed_view(entry, site, quoted, crumb, shown, memo)
        yield from rendered(memo, ("seed-pages", entry.slug), view, partial(_seed_files, view, previews, links))


def _same(value: T) -> T:
    return value


def _seed_files(view: SeedView, previews: dict[tuple[Entity, int, int], str],
                links: dict[tuple[str, str, str], str] | None = None) -> list[Page | Deferred]:
    """A seed's pages (its part pages when long), its raw file and its original (`seed_pages`)."""
    entry = view.entry
    files: list[Page | Deferred] = [Deferred(f"{entry.url}index.md", view, partial(render_seed, view, previews=previews, links=links))]
    for part in range(2, len(seed_parts(entry.document)) + 1):  # a long seed's later parts
        files.append(Deferred(f"{part_page(entry.slug, part)}index.md", (view, part), partial(render_seed, view, part, previews=previews, links=links)))
    files.append(Deferred(f"{entry.url}source.txt", entry.document, partial(Page, f"{entry.url}source.txt", source_text(entry.document.seed))))
    if (original := original_page(entry)) is not None:
        files.append(original)
    return files


@dataclass(frozen=True)
class SeedView:
    """Everything a seed's page shows, gathered from the `Site`: the seed, its facts, its
    breadcrumb, its quotations marked with where their speakers' quotations are listed (per block),
    and each entity it names with that entity's mention and seed counts (its preview). The page is
    made from this alone, so it is also the page's inputs: an equal view, an unchanged page."""

    entry: SeedEntry
    facts: SeedFacts
    crumb: str
    marks: Mapping[int, tuple[QuoteMark, ...]]
    named: tuple[tuple[Entity, int, int], ...]  # entity, its mentions, the seeds that mention it; by id


def seed_view(entry: SeedEntry, site: Site, quoted: dict[str, tuple[str, str]], crumb: str | None = None,
              shown: Mapping[str, tuple[Entity, int, int]] | None = None, memo: Memo | None = None) -> SeedView:
    """The seed's view (`crumb`: its breadcrumb when already made; `shown`: each entity with its
    mention and seed counts, when already gathered). With a `memo`, the previous build's very view
    when made from equal parts."""
    facts = site.facts[entry.slug]
    crumb = crumbs(entry, site.corpus) if crumb is None else crumb
    if shown is None:
        shown = {i: (site.by_id[i], site.mention_totals[i], len(site.by_entity[i])) for i in facts.grouped}
    named = tuple(map(shown.__getitem__, sorted(facts.grouped)))  # each entity it mentions, once, by id
    places = tuple(quoted[speaker.key] for speaker in facts.speakers if speaker is not None)
    return rendered(memo, ("view", entry.slug), (entry, facts, crumb, places, named), partial(_seed_view, entry, facts, quoted, crumb, named))


def _seed_view(entry: SeedEntry, facts: SeedFacts, quoted: dict[str, tuple[str, str]], crumb: str, named: tuple[tuple[Entity, int, int], ...]) -> SeedView:
    here = UP  # the page's (a long seed's part pages lie a folder deeper)
    marks: dict[int, list[QuoteMark]] = {}
    document = entry.document
    for quote, speaker in zip(document.quotes, facts.speakers, strict=True):
        if speaker is None or quote.basis == "interviewee":  # an answer is labelled with its speaker instead
            continue
        start = quote.span.start - document.blocks[quote.block].span.start
        path, anchor = quoted[speaker.key]
        marks.setdefault(quote.block, []).append(QuoteMark(start, start + len(quote.text), speaker.name, href(here, path, anchor)))
    return SeedView(entry, facts, crumb, {block: tuple(found) for block, found in marks.items()}, named)


def render_seed(view: SeedView, part: int = 1, previews: dict[tuple[Entity, int, int], str] | None = None,
                links: dict[tuple[str, str, str], str] | None = None) -> Page:
    """A seed's page from its view: entity links on each entity's first mention in a block, the
    quotation marks, the section of what it mentions and the entity previews; for a long seed,
    the page of its part `part` (`link.targets.seed_parts`). `previews`: see `entity_previews`;
    `links`: see `seed_entities`."""
    entry = view.entry
    here = UP  # the page's (a part's page lies a folder deeper)
    targets = {entity: href(here, entity_path(entity)) for entity in view.facts.grouped}  # each entity's page, made once a seed
    spans = {block: [(m.start, m.end, targets[m.entity]) for m in mentions] for block, mentions in first_mentions(view.facts.mentions).items()}
    names = tuple(sorted({entity.name for entity, _, _ in view.named}))
    return seed_page(entry, spans, seed_entities(entry, view, links), view.crumb, quotes={block: list(marks) for block, marks in view.marks.items()},
                     extra=entity_previews(view, previews), entities=names, targets=view.facts.targets, part=part)


def render_site(site: Site, memo: Memo | None = None) -> Iterator[Page | Deferred]:
    """Every generated page, one at a time: seed pages (with their raw files), the catalogue, the
    entity pages, quotes and timeline. With a `memo` (under serve), what is made from the same
    inputs as in the previous build is that build's (the same pages, views and list items)."""
    quoted = quote_pages(site)
    yield from seed_pages(site, quoted, memo)
    yield from render_catalogue(site.corpus)
    yield from render_entities(site, quoted, memo)
    yield from render_quotes(site, memo)
    yield from render_timeline(site, memo)
