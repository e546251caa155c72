"""entities: the curated glossary (`glossary.yml`) and where the seeds mention its entities.

Mentions are found with one Aho-Corasick automaton per case rule (pyahocorasick), so the cost is
one pass over each text whatever the number of aliases. An alias matches whole words only; an
acronym (an alias without lower-case letters, such as "SDF" or "CJTF-OIR") matches its exact
case, any other alias matches in any case. Overlapping candidates resolve leftmost-longest, so
"Deir Ezzor 24" (the outlet) wins over "Deir Ezzor" (the place).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import jsonschema

from ..curate import line_of, load_yaml, one_line, schema_error
from ..errors import SeedwikiError
from ..ingest import entry_kind, read_regular
from ..model import BOILERPLATE, Corpus, Document
from .targets import paragraph_anchor

GLOSSARY_MAX_BYTES = 8 * 1024 * 1024
KINDS = ["person", "organisation", "armed group", "place", "facility", "operation"]
RELATIONS = ["member of", "commander of", "located in"]
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}\Z"  # \Z: `$` would accept a final newline

GLOSSARY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["entities"],
    "properties": {
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "name", "kind", "description"],
                "properties": {
                    "id": {"type": "string", "pattern": ID_PATTERN},
                    "name": {"type": "string", "minLength": 1, "maxLength": 200},
                    "kind": {"enum": KINDS},
                    "aliases": {"type": "array", "items": {"type": "string", "minLength": 2, "maxLength": 200}, "uniqueItems": True},
                    "description": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "relations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "minProperties": 1,
                            "maxProperties": 1,
                            "propertyNames": {"enum": RELATIONS},
                            "additionalProperties": {"type": "string", "pattern": ID_PATTERN},
                        },
                    },
                },
            },
        },
    },
}


class GlossaryError(SeedwikiError):
    """The glossary cannot be read or does not fit its schema."""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]  # every name that counts as a mention, the display name first
    description: str
    relations: tuple[tuple[str, str], ...]  # (relation, entity id)


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str  # entity id
    block: int  # index into Document.blocks
    start: int  # offsets in the block's text
    end: int


def read_glossary(path: Path, raw: bytes | None = None) -> tuple[Entity, ...]:
    """The glossary's entities (none without a glossary), validated; errors name `glossary.yml:LINE`.
    `raw`: the file's bytes, already read (`glossary_bytes`)."""
    if raw is None and entry_kind(path) is None:
        return ()
    data, node = load_yaml(path, GLOSSARY_MAX_BYTES, GlossaryError, "glossary", raw)
    if not data:
        raise GlossaryError(path, "the glossary is empty (or only comments)", "add `entities:` with a list of entities (`entities: []` for none yet), or remove the file", line=1)
    for err in jsonschema.Draft202012Validator(GLOSSARY_SCHEMA).iter_errors(data):
        raise schema_error(path, node, err, GlossaryError)
    items = [dict(item) for item in data["entities"]]
    for index, item in enumerate(items):
        item["name"] = one_line(path, node, ["entities", index, "name"], item["name"], GlossaryError)
        for number, alias in enumerate(item.get("aliases", [])):
            one_line(path, node, ["entities", index, "aliases", number], alias, GlossaryError)
        item["description"] = one_line(path, node, ["entities", index, "description"], item["description"], GlossaryError, prose=True)
    first: dict[str, int] = {}  # each id's first entity (a dict, not a list search: linear in the glossary)
    for index, item in enumerate(items):
        first.setdefault(item["id"], index)
    owner: dict[str, int] = {}
    for index, item in enumerate(items):
        if first[item["id"]] != index:
            raise GlossaryError(path, f"the id {item['id']!r} is used twice", "give each entity its own id", line=line_of(node, ["entities", index, "id"]))
        for number, relation in enumerate(item.get("relations", [])):
            (kind, target), = relation.items()
            if target not in first:
                raise GlossaryError(path, f"`{kind}: {target}` names no entity", "use the id of an entity in this glossary", line=line_of(node, ["entities", index, "relations", number]))
        for number, alias in enumerate([item["name"], *item.get("aliases", [])]):
            key = _key(alias)
            if owner.setdefault(key, index) != index:
                other = items[owner[key]]["id"]
                where = ["entities", index, "aliases", number - 1] if number else ["entities", index, "name"]
                raise GlossaryError(path, f"{alias!r} already names {other}", "an alias must name one entity only; remove it from one of them", line=line_of(node, where))
    return tuple(
        Entity(
            id=item["id"],
            name=item["name"],
            kind=item["kind"],
            aliases=tuple(dict.fromkeys([item["name"], *item.get("aliases", [])])),
            description=item["description"],
            relations=tuple(next(iter(r.items())) for r in item.get("relations", [])),
        )
        for item in items
    )


def glossary_bytes(path: Path) -> bytes | None:
    """The bytes of the glossary at `path`, read as `read_glossary` reads them (a regular file, no
    link followed; its errors); None without a glossary."""
    if entry_kind(path) is None:
        return None
    return read_regular(path, GlossaryError, "glossary")


def is_acronym(alias: str) -> bool:
    return not any(ch.islower() for ch in alias) and any(ch.isupper() for ch in alias)


def _key(alias: str) -> str:
    """How an alias is matched: acronyms exactly, everything else case-folded."""
    alias = unicodedata.normalize("NFC", " ".join(alias.split()))
    return alias if is_acronym(alias) else _lower(alias)


def _lower(text: str) -> str:
    """Lower case with the same length (a character whose lower case is longer stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or (not ch.isascii() and unicodedata.category(ch)[0] == "M")  # no ASCII character is a mark


class Matcher:
    """Finds every alias of every entity in a text, in one pass per case rule."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.exact = ahocorasick.Automaton()
        self.folded = ahocorasick.Automaton()
        for entity in entities:
            for alias in entity.aliases:
                key = _key(alias)
                automaton = self.exact if is_acronym(key) else self.folded
                automaton.add_word(key, (entity.id, len(key)))
        self.empty = not entities
        for automaton in (self.exact, self.folded):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(entity id, start, end) of every whole-word mention, leftmost-longest, without overlaps."""
        if self.empty:
            return []
        candidates = []
        for automaton, haystack in ((self.exact, text), (self.folded, _lower(text))):
            if not len(automaton):
                continue
            for end, (entity, length) in automaton.iter(haystack):
                start, stop = end - length + 1, end + 1
                if (start == 0 or not _is_word(text[start - 1])) and (stop == len(text) or not _is_word(text[stop])):
                    candidates.append((start, -(stop - start), entity))
        found, reach = [], 0
        for start, negative_length, entity in sorted(candidates):
            if start >= reach:
                found.append((entity, start, start - negative_length))
                reach = start - negative_length
        return found


def document_mentions(document: Document, matcher: Matcher) -> list[Mention]:
    """One document's mentions (page furniture left out), in reading order."""
    return [
        Mention(entity, index, start, end)
        for index, block in enumerate(document.blocks)
        if block.kind != BOILERPLATE
        for entity, start, end in matcher.find(block.text)
    ]


def speaker_entity(name: str, matcher: Matcher) -> str | None:
    """The entity a quotation's speaker is, when the whole speaker name is one of its aliases."""
    matches = matcher.find(name)
    if len(matches) == 1:
        entity, start, end = matches[0]
        rest = (name[:start] + name[end:]).strip(" ,.")
        if rest.lower() in ("", "the"):
            return entity
    return None


# --- suggestions for the curator -------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d][\w’'.-]*|\d[\w.:-]*|[^\w\s]", re.UNICODE)
_TITLES = {"Col.", "Colonel", "Maj.", "Gen.", "Lt.", "Capt.", "Sgt.", "Mr.", "Mrs.", "Ms.", "Dr.", "Brig.", "Adm.", "President", "Minister", "Sheikh", "General", "Major", "Commander"}
_CONNECTORS = {"of", "the", "for", "and", "al", "el", "bin", "ibn", "de", "la"}
_SENTENCE_STARTERS = {"The", "A", "An", "In", "On", "At", "Is", "Are", "Was", "Unlike", "While", "Our", "Many", "This", "That",
                      "These", "Those", "Due", "With", "If", "We", "It", "They", "He", "She", "His", "Her", "Their", "As", "But",
                      "And", "Or", "So", "For", "From", "To", "Last", "Recently", "How", "What", "Who", "Why", "When", "Where", "Do", "Does",
                      "There", "Here", "You", "I", "January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                      "Saturday", "Sunday"}


def _abbreviation(token: str) -> bool:
    return token.endswith(".") and (len(token) <= 4 or token.count(".") > 1)


def candidate_names(text: str, matcher: Matcher) -> list[str]:
    """Names a glossary might be missing: runs of capitalised words within a sentence ("of", "al-"
    may join them), acronyms, and names after titles such as "Col." or "Maj. Gen.", minus what
    the glossary already covers."""
    covered = [(start, end) for _, start, end in matcher.find(text)]  # in order, without overlaps
    runs: list[tuple[bool, list[re.Match]]] = [(True, [])]  # (starts a sentence, its tokens)
    sentence_start, after_title = True, False
    mention = 0  # the first mention that does not end before the token (tokens come in order)
    for match in _TOKEN.finditer(text):
        token = match.group()
        word = token if _abbreviation(token) else token.rstrip(".")
        while mention < len(covered) and covered[mention][1] <= match.start():
            mention += 1
        inside = mention < len(covered) and covered[mention][0] <= match.start()
        connector = runs[-1][1] and word.lower() in _CONNECTORS and not after_title  # a person's name has no "of"
        if inside or not (word[:1].isupper() or connector) or word in _TITLES:
            runs.append((False, []))
            after_title = word in _TITLES or (after_title and not runs[-2][1])
        else:
            if not runs[-1][1]:
                runs[-1] = (sentence_start, [])
            runs[-1][1].append(match)
        ends_sentence = token in (".", "!", "?", ":") or (token.endswith(".") and not _abbreviation(token))
        if ends_sentence or token in (",", ";") or (token.endswith(",") and len(token) > 1):
            runs.append((False, []))  # a sentence or clause ends here
        sentence_start = ends_sentence or (sentence_start and not word[:1].isalnum())
    names = []
    for at_start, run in runs:
        words = [m.group() if _abbreviation(m.group()) else re.sub(r"[’']s$", "", m.group().rstrip(".,")) for m in run]
        while words and (words[0] in _SENTENCE_STARTERS or words[0].lower() in _CONNECTORS):
            words.pop(0)
            at_start = False
        while words and words[-1].lower() in _CONNECTORS:
            words.pop()
        single = len(words) == 1 and not words[0][:1].isdigit() and (is_acronym(words[0]) or not at_start) and len(words[0]) >= 2
        if len(words) >= 2 or single:
            names.append(" ".join(words))
    return names


def suggest(corpus: Corpus, entities: tuple[Entity, ...]) -> list[tuple[str, int, list[str]]]:
    """Names in the seeds that no glossary alias covers: (name, count, where), most frequent first."""
    matcher = Matcher(entities)
    counts: Counter = Counter()
    where: dict[str, dict[str, None]] = {}  # the places of each name, in order, each once
    for entry in corpus.entries:
        for index, block in enumerate(entry.document.blocks):
            if block.kind == BOILERPLATE:
                continue
            for name in candidate_names(block.text, matcher):
                counts[name] += 1
                where.setdefault(name, {})[f"{entry.url}#{paragraph_anchor(index)}"] = None
    return [(name, count, list(where[name])) for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
