"""connected: what connects the seeds, computed once on the whole corpus (the link stage's
second half): where each seed mentions each entity, each entity's mentions grouped by seed, the
inverse relations, which seeds an entity published, who says each quotation, and the timeline.

Everything is indexed in one pass over the corpus (linear in seeds, mentions and relations);
`render` only formats it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, partial

from .entities import Entity, Matcher, Mention, document_mentions, speaker_entity
from .link import slugify
from .memo import Memo, remembered
from .model import BOILERPLATE, TIMESTAMP, Corpus, Document, Quote, SeedEntry
from .parse import find_dates, parse_date

INVERSE = {"member of": "Members", "commander of": "Commanded by", "located in": "Places in it"}
_YEAR = re.compile(r"\b(?:in|since|by|during|until|from|after|before|of|early|late|mid-)\s+(?P<y>(?:19|20)\d{2})\b(?!-\d)", re.IGNORECASE)


@dataclass(frozen=True)
class SeedMentions:
    """One seed's mentions of one entity, in reading order."""

    entry: SeedEntry
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class SpeakerQuotes:
    """A speaker's quotations across the corpus: their entity (when the glossary names them), the
    name the seeds use, the heading id on the quotes page, and (seed, quotation) pairs in order."""

    key: str  # entity id, else the case-folded name
    entity: str | None
    name: str
    anchor: str
    quotes: tuple[tuple[SeedEntry, Quote], ...]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Connections:
    """The glossary's entities and where the seeds mention them, with the indexes the pages need."""

    entities: tuple[Entity, ...] = ()
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # by seed slug, in reading order
    matcher: Matcher = field(default_factory=lambda: Matcher(()))  # the glossary's aliases, for speakers too
    corpus: Corpus = field(default_factory=lambda: Corpus(()))
    memo: Memo | None = field(default=None, compare=False)  # the previous build's results (under serve)

    @cached_property
    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def by_entity(self) -> dict[str, list[SeedMentions]]:
        """Every entity's mentions, grouped by seed in corpus order (one pass over the seeds)."""
        found: dict[str, list[SeedMentions]] = {e.id: [] for e in self.entities}
        for entry in self.corpus.entries:
            grouped = remembered(self.memo, ("grouped", entry.slug), entry.document, partial(_grouped, self.mentions.get(entry.slug, [])))
            for entity, mentions in grouped:
                found[entity].append(SeedMentions(entry, mentions))
        return found

    @cached_property
    def mention_totals(self) -> dict[str, int]:
        """Every entity's number of mentions (counted once: each seed page's previews show them)."""
        return {entity: sum(len(group.mentions) for group in groups) for entity, groups in self.by_entity.items()}

    def mention_total(self, entity: str) -> int:
        return self.mention_totals[entity]

    @cached_property
    def inverse(self) -> dict[str, list[tuple[str, Entity]]]:
        """Per entity, the relations others have to it: (relation, other entity), one pass."""
        found: dict[str, list[tuple[str, Entity]]] = {}
        for other in self.entities:
            for kind, target in other.relations:
                found.setdefault(target, []).append((kind, other))
        return found

    @cached_property
    def published(self) -> dict[str, list[SeedEntry]]:
        """Per entity, the seeds whose outlet it is."""
        found: dict[str, list[SeedEntry]] = {}
        for entry in self.corpus.entries:
            outlet = entry.document.value("outlet")
            if outlet and (entity := speaker_entity(outlet, self.matcher)):
                found.setdefault(entity, []).append(entry)
        return found

    @cached_property
    def speakers(self) -> list[SpeakerQuotes]:
        """The quotations with a named speaker, grouped by speaker, most quoted first."""
        groups: dict[str, tuple[str | None, str, str, list[tuple[SeedEntry, Quote]]]] = {}
        for entry in self.corpus.entries:
            document = entry.document
            for quote in document.quotes:
                speaker = quote_speaker(document, quote)
                if speaker is None:
                    continue
                key, anchor = self.speaker_key(speaker)
                entity = key if key in self.by_id else None
                groups.setdefault(key, (entity, speaker, anchor, []))[3].append((entry, quote))
        order = sorted(groups, key=lambda k: (-len(groups[k][3]), k))
        return [SpeakerQuotes(key, groups[key][0], groups[key][1], groups[key][2], tuple(groups[key][3])) for key in order]

    @cached_property
    def unattributed(self) -> list[tuple[SeedEntry, Quote]]:
        """Quotations and reported statements whose speaker the text does not name, in corpus order."""
        return [(entry, quote) for entry in self.corpus.entries for quote in entry.document.quotes
                if quote.form in ("quoted", "unquoted") and quote_speaker(entry.document, quote) is None]

    def speaker_key(self, speaker: str) -> tuple[str, str]:
        """How the quotes page groups a speaker: their entity's id, else their name; and the heading's id."""
        if (known := self._speaker_keys.get(speaker)) is not None:
            return known
        entity = speaker_entity(speaker, self.matcher)
        name = name_key(speaker)
        key = (entity, f"by-{entity}") if entity else (name, "by-" + (slugify(name) or "speaker"))
        self._speaker_keys[speaker] = key
        return key

    @cached_property
    def _speaker_keys(self) -> dict[str, tuple[str, str]]:
        return {}  # speaker_key's answers: each seed page asks again for every quotation's speaker

    @cached_property
    def events(self) -> list[Event]:
        return timeline_events(self.corpus, self.memo)

    def names(self, entry: SeedEntry) -> tuple[str, ...]:
        """The names of the entities a seed mentions, sorted (search filters by them)."""
        return tuple(sorted({self.by_id[m.entity].name for m in self.mentions.get(entry.slug, ())}))


def connect(corpus: Corpus, entities: tuple[Entity, ...], matcher: Matcher | None = None, memo: Memo | None = None) -> Connections:
    """The corpus's connections: every mention found once, the indexes built on first use. With a
    `memo` (begun with these entities), an unchanged seed's mentions are the previous build's."""
    matcher = matcher or Matcher(entities)
    mentions = {
        entry.slug: remembered(memo, ("mentions", entry.slug), entry.document, partial(document_mentions, entry.document, matcher))
        for entry in corpus.entries
    }
    return Connections(entities, mentions, matcher, corpus, memo)


def _grouped(mentions: list[Mention]) -> tuple[tuple[str, tuple[Mention, ...]], ...]:
    """A seed's mentions by entity, in order of first mention."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.entity, []).append(mention)
    return tuple((entity, tuple(found)) for entity, found in grouped.items())


def name_key(name: str) -> str:
    """One key for the spellings of one name: case, accents, hyphens and spacing aside
    ("Mazloum Abdî", "MAZLOUM ABDI" and "Mazloum-Abdi" are one speaker)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", plain.casefold().replace("’", "'")))


def quote_speaker(document: Document, quote: Quote) -> str | None:
    """Who says a quotation: its speaker, or for an interview's answer the interviewee."""
    interviewee = dict(document.value("speakers")).get("interviewee")
    return quote.speaker or (interviewee if quote.basis == "interviewee" else None)


def timeline_events(corpus: Corpus, memo: Memo | None = None) -> list[Event]:
    """Publication dates of the seeds, and every date their text states (day, month or year)."""
    events = []
    for entry in corpus.entries:
        document = entry.document
        dates = remembered(memo, ("dates", entry.slug), document, partial(document_dates, document))
        events += [Event(date, precision, entry, block, start, end) for date, precision, block, start, end in dates]
    return sorted(events, key=lambda e: (e.date, e.entry.slug, -1 if e.block is None else e.block))


def document_dates(document: Document) -> list[tuple[str, str, int | None, int, int]]:
    """A document's dated facts, as the fields of `Event` after `entry`."""
    found: list[tuple[str, str, int | None, int, int]] = []
    if date := document.value("date"):
        # the paragraph that states the date, when one does (a curated date may have none)
        stated = next((i for i, b in enumerate(document.blocks) if b.kind == TIMESTAMP and (parse_date(b.text) or ("",))[0] == date), None)
        found.append((date, document.value("date_precision") or "day", stated, -1, -1))
    for index, block in enumerate(document.blocks):
        if block.kind in (BOILERPLATE, TIMESTAMP):
            continue
        dates = [(span.start, span.end, value, precision) for span, value, precision in find_dates(block.text)]
        dates += [(m.start("y"), m.end("y"), m["y"], "year") for m in _YEAR.finditer(block.text)
                  if not any(s <= m.start("y") < e for s, e, _, _ in dates)]
        found += [(value, precision, index, start, end) for start, end, value, precision in dates]
    return found
