"""What connects the seeds, computed once on the whole corpus: each seed's facts (`SeedFacts`:
targets, mentions, dates, who says each quotation), then the indexes the pages need: each
entity's mentions grouped by seed, the inverse relations, which seeds an entity published, the
quotations by speaker, and the timeline. All of it in one frozen `Site`, indexed in one pass over
the corpus (linear in seeds, mentions and relations); `render` only formats it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from ..memo import Memo, remembered
from ..model import BOILERPLATE, TIMESTAMP, Corpus, Document, Quote, SeedEntry
from ..parse import find_dates, parse_date
from .corpus import slugify
from .entities import Entity, Matcher, Mention, document_mentions, speaker_entity
from .targets import Target, block_label, entry_targets, paragraph_anchor

INVERSE = {"member of": "Members", "commander of": "Commanded by", "located in": "Places in it"}
_YEAR = re.compile(r"\b(?:in|since|by|during|until|from|after|before|of|early|late|mid-)\s+(?P<y>(?:19|20)\d{2})\b(?!-\d)", re.IGNORECASE)


SNIPPETS = 2  # a seed's first mentions of an entity an entity page shows with their words; the others as paragraph links
MORE_LINKS = 8  # further paragraphs linked, then "and N more"


@dataclass(frozen=True, slots=True)
class MentionsShown:
    """What an entity page shows of one seed's mentions of it: the seed's page and title, the
    count, the first `SNIPPETS` paragraphs (anchor, label, the words around the mention: `snippet_window`) and links to
    the next `MORE_LINKS` (anchor, label, anchor, label, …: one flat tuple), then how many more. Part of the seed's facts (made once
    per seed; under serve an unchanged seed keeps the same), and an item's inputs on the entity
    page: a seed edited elsewhere shows the same, and its entity pages are not made again."""

    url: str
    title: str
    count: int
    snippets: tuple[tuple[str, str, str, int, int, bool, bool], ...]  # anchor, label and the mention's `snippet_window`
    more: tuple[str, ...]
    extra: int


SNIPPET_WIDTH = 70  # the characters shown either side of a mention on an entity page


def snippet_window(text: str, start: int, end: int, width: int) -> tuple[str, int, int, bool, bool]:
    """What a snippet shows of the words at `start`–`end` in `text` (`render.connections._snippet`):
    the text from `width` characters before them to `width` after, their place in it, and whether
    the text goes on before and after it. An edit of the text beyond it shows the same."""
    first = max(0, start - width)
    return text[first:end + width], start - first, end - first, start > width, end + width < len(text)


def mentions_shown(entry: SeedEntry, mentions: Sequence[Mention], labels: dict[int, str] | None = None) -> MentionsShown:
    """`labels`: the seed's block labels (`block_label`) made so far for its other entities (filled here)."""
    first: dict[int, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.block, mention)
    blocks = list(first)
    document = entry.document
    labels = {} if labels is None else labels
    for i in blocks[:SNIPPETS + MORE_LINKS]:
        if i not in labels:
            labels[i] = block_label(document, i)
    snippets = tuple((paragraph_anchor(i), labels[i], *snippet_window(document.blocks[i].text, first[i].start, first[i].end, SNIPPET_WIDTH))
                     for i in blocks[:SNIPPETS])
    more = tuple(part for i in blocks[SNIPPETS:SNIPPETS + MORE_LINKS] for part in (paragraph_anchor(i), labels[i]))
    return MentionsShown(entry.url, document.title, len(mentions), snippets, more, len(blocks) - SNIPPETS - MORE_LINKS)


@dataclass(frozen=True, slots=True)
class SeedMentions:
    """One seed's mentions of one entity: what its entity page shows of them (with their count)."""

    entry: SeedEntry
    shown: MentionsShown


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """A speaker's quotations across the corpus: their entity (when the glossary names them), the
    name the seeds use, the heading id on the quotes page, and (seed, quotation) pairs in order."""

    key: str  # entity id, else the case-folded name
    entity: str | None
    name: str
    anchor: str
    quotes: tuple[tuple[SeedEntry, Quote], ...]


@dataclass(frozen=True, slots=True)
class Event:
    """A dated fact: a seed's publication date (`block` None when no paragraph states it, `start`
    -1) or a date its text states (the span `start`–`end` in block `block`)."""

    date: str  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str
    entry: SeedEntry
    block: int | None
    start: int = -1
    end: int = -1

    @property
    def published(self) -> bool:
        return self.start < 0


@dataclass(frozen=True, slots=True)
class SeedFacts:
    """What the link stage knows of one seed besides its document: its citable targets, its
    mentions of the glossary's entities (in reading order; the entities in order of first mention,
    each with what its page shows of them), the dates its text states, who says each quotation (`QuoteSpeaker`, one per
    `Document.quotes`), and the entity that is its outlet. Made from the document and the glossary
    alone, so under serve an unchanged seed keeps the very same facts (`link`)."""

    targets: tuple[Target, ...]
    mentions: tuple[Mention, ...]
    grouped: tuple[str, ...]  # the entities mentioned, in order of first mention
    shown: tuple[MentionsShown, ...]  # what each entity's page shows of the seed's mentions of it, in the order of `grouped`
    dates: tuple[tuple[str, str, int | None, int, int], ...]  # the fields of `Event` after `entry`
    speakers: tuple[QuoteSpeaker | None, ...]
    outlet_entity: str | None


@dataclass(frozen=True, slots=True)
class QuoteSpeaker:
    """Who says a quotation and how the quotes page groups them: their entity's id, else their
    name (`key`), and the id of the heading that lists them (`anchor`)."""

    name: str
    key: str
    anchor: str
    entity: str | None


def seed_facts(entry: SeedEntry, matcher: Matcher, entities: Mapping[str, Entity]) -> SeedFacts:
    document = entry.document
    mentions = tuple(document_mentions(document, matcher))
    speakers = []
    for quote in document.quotes:
        name = quote_speaker(document, quote)
        speakers.append(None if name is None else _quote_speaker(name, matcher, entities))
    outlet = document.meta.outlet
    grouped = _grouped(mentions)
    labels: dict[int, str] = {}  # each block's label, made once for all the entities whose mentions name it
    return SeedFacts(tuple(entry_targets(entry)), mentions, tuple(grouped), tuple(mentions_shown(entry, found, labels) for found in grouped.values()),
                     tuple(document_dates(document)), tuple(speakers), speaker_entity(outlet, matcher) if outlet else None)


def _quote_speaker(name: str, matcher: Matcher, entities: Mapping[str, Entity]) -> QuoteSpeaker:
    entity = speaker_entity(name, matcher)
    if entity:
        return QuoteSpeaker(name, entity, f"by-{entity}", entity if entity in entities else None)
    key = name_key(name)
    return QuoteSpeaker(name, key, "by-" + (slugify(key) or "speaker"), None)


@dataclass(frozen=True)
class Site:
    """The whole site as the link stage computes it, before anything is formatted: the corpus in
    order, each seed's facts, the glossary's entities with their indexes, the quotations by
    speaker, the timeline, and the permalink lock's outcome. Frozen and complete: rendering only
    reads it."""

    corpus: Corpus
    facts: Mapping[str, SeedFacts]  # by seed slug
    entities: tuple[Entity, ...] = ()
    by_id: Mapping[str, Entity] = field(default_factory=dict)
    by_entity: Mapping[str, tuple[SeedMentions, ...]] = field(default_factory=dict)  # every entity's mentions, by seed in corpus order
    mention_totals: Mapping[str, int] = field(default_factory=dict)
    inverse: Mapping[str, tuple[tuple[str, Entity], ...]] = field(default_factory=dict)  # the relations others have to an entity
    published: Mapping[str, tuple[SeedEntry, ...]] = field(default_factory=dict)  # the seeds whose outlet an entity is
    speakers: tuple[SpeakerQuotes, ...] = ()  # the quotations with a named speaker, by speaker, most quoted first
    unattributed: tuple[tuple[SeedEntry, Quote], ...] = ()  # quoted or reported words whose speaker the text does not name
    events: tuple[Event, ...] = ()
    redirects: Mapping[str, str] = field(default_factory=dict)  # old page → new page, for seeds whose slug changed
    retired: Mapping[str, str] = field(default_factory=dict)  # old page → new page, for seeds moved for a changed extraction
    unlocked: int = 0  # current pages and anchors the permalink lock does not list yet

    @property
    def entries(self) -> tuple[SeedEntry, ...]:
        return self.corpus.entries


def connect(corpus: Corpus, entities: tuple[Entity, ...] = (), memo: Memo | None = None, *, redirects: Mapping[str, str] | None = None,
            retired: Mapping[str, str] | None = None, unlocked: int = 0) -> Site:
    """The site: each seed's facts (with a `memo` begun with these entities, an unchanged seed's
    are the previous build's: the one place the memo is consulted), then the indexes over them,
    each in one pass."""
    matcher = Matcher(entities)
    by_id = {e.id: e for e in entities}
    facts = {entry.slug: remembered(memo, ("facts", entry.slug), entry.document, partial(seed_facts, entry, matcher, by_id))
             for entry in corpus.entries}
    found: dict[str, list[SeedMentions]] = {e.id: [] for e in entities}
    published: dict[str, list[SeedEntry]] = {}
    groups: dict[str, tuple[str | None, str, str, list[tuple[SeedEntry, Quote]]]] = {}
    unattributed: list[tuple[SeedEntry, Quote]] = []
    events: list[Event] = []
    for entry in corpus.entries:
        seed = facts[entry.slug]
        # with a memo, an unchanged seed's entries of the indexes are the previous build's very objects
        for entity, group in remembered(memo, ("mentions", entry.slug), (entry, seed), partial(_seed_mentions, entry, seed)):
            found[entity].append(group)
        if seed.outlet_entity:
            published.setdefault(seed.outlet_entity, []).append(entry)
        for quote, speaker in zip(entry.document.quotes, seed.speakers, strict=True):
            if speaker is not None:
                groups.setdefault(speaker.key, (speaker.entity, speaker.name, speaker.anchor, []))[3].append((entry, quote))
            elif quote.form in ("quoted", "unquoted"):
                unattributed.append((entry, quote))
        events += remembered(memo, ("events", entry.slug), (entry, seed), partial(_seed_events, entry, seed))
    inverse: dict[str, list[tuple[str, Entity]]] = {}
    for other in entities:
        for kind, target in other.relations:
            inverse.setdefault(target, []).append((kind, other))
    order = sorted(groups, key=lambda k: (-len(groups[k][3]), k))
    return Site(
        corpus=corpus,
        facts=facts,
        entities=entities,
        by_id=by_id,
        by_entity={entity: tuple(groups_) for entity, groups_ in found.items()},
        mention_totals={entity: sum(g.shown.count for g in groups_) for entity, groups_ in found.items()},
        inverse={entity: tuple(pairs) for entity, pairs in inverse.items()},
        published={entity: tuple(seeds) for entity, seeds in published.items()},
        speakers=tuple(SpeakerQuotes(key, groups[key][0], groups[key][1], groups[key][2], tuple(groups[key][3])) for key in order),
        unattributed=tuple(unattributed),
        events=tuple(sorted(events, key=lambda e: (e.date, e.entry.slug, -1 if e.block is None else e.block))),
        redirects=dict(redirects or {}),
        retired=dict(retired or {}),
        unlocked=unlocked,
    )


def _seed_mentions(entry: SeedEntry, seed: SeedFacts) -> tuple[tuple[str, SeedMentions], ...]:
    """A seed's entries of the entities' indexes: its mentions of each entity it names, by entity id."""
    return tuple((entity, SeedMentions(entry, shown)) for entity, shown in zip(seed.grouped, seed.shown, strict=True))


def _seed_events(entry: SeedEntry, seed: SeedFacts) -> tuple[Event, ...]:
    """A seed's entries of the timeline: its publication date and the dates its text states."""
    return tuple(Event(date, precision, entry, block, start, end) for date, precision, block, start, end in seed.dates)


def _grouped(mentions: tuple[Mention, ...]) -> dict[str, list[Mention]]:
    """A seed's mentions by entity, in order of first mention."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.entity, []).append(mention)
    return grouped


def name_key(name: str) -> str:
    """One key for the spellings of one name: case, accents, hyphens and spacing aside
    ("Mazloum Abdî", "MAZLOUM ABDI" and "Mazloum-Abdi" are one speaker)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", plain.casefold().replace("’", "'")))


def quote_speaker(document: Document, quote: Quote) -> str | None:
    """Who says a quotation: its speaker, or for an interview's answer the interviewee."""
    interviewee = dict(document.meta.speakers).get("interviewee")
    return quote.speaker or (interviewee if quote.basis == "interviewee" else None)


def document_dates(document: Document) -> list[tuple[str, str, int | None, int, int]]:
    """A document's dated facts, as the fields of `Event` after `entry`."""
    found: list[tuple[str, str, int | None, int, int]] = []
    if date := document.meta.date:
        # the paragraph that states the date, when one does (a curated date may have none)
        stated = next((i for i, b in enumerate(document.blocks) if b.kind == TIMESTAMP and (parse_date(b.text) or ("",))[0] == date), None)
        found.append((date, document.meta.date_precision or "day", stated, -1, -1))
    for index, block in enumerate(document.blocks):
        if block.kind in (BOILERPLATE, TIMESTAMP):
            continue
        dates = [(span.start, span.end, value, precision) for span, value, precision in find_dates(block.text)]
        if "19" in block.text or "20" in block.text:  # every year _YEAR finds holds one (most paragraphs hold none)
            dates += [(m.start("y"), m.end("y"), m["y"], "year") for m in _YEAR.finditer(block.text)
                      if not any(s <= m.start("y") < e for s, e, _, _ in dates)]
        found += [(value, precision, index, start, end) for start, end, value, precision in dates]
    return found
