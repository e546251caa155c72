"""curate: a seed's optional sidecar `seeds/<stem>.yml` adds curated metadata to its `Document`.

Sidecars are read with a safe YAML loader that refuses aliases, duplicate keys and Python tags,
and are validated against `SIDECAR_SCHEMA`. Every error names the sidecar and its line.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from pathlib import Path

import jsonschema
import yaml

from .errors import SeedwikiError
from .ingest import SIDECAR_SUFFIX, entry_kind, read_regular
from .model import BOILERPLATE, PARAGRAPH, SOURCE_URL_PATTERN, TAG_PATTERN, Document, Metadata

SIDECAR_MAX_BYTES = 256 * 1024
KINDS = ["interview", "transcript", "press release", "news article", "statement"]
# Patterns match the whole value: `\Z`, not `$` (which also matches before a final newline).
SLUG_PATTERN = r"^[\w][\w-]{0,79}\Z"

SIDECAR_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 300},
        "slug": {"type": "string", "pattern": SLUG_PATTERN},
        "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?\Z"},
        "date_precision": {"enum": ["day", "month", "year"]},
        "date_basis": {"enum": ["stated", "inferred"]},
        "date_reason": {"type": "string", "minLength": 1},
        "outlet": {"type": "string", "minLength": 1},
        "source_url": {"type": "string", "pattern": SOURCE_URL_PATTERN},
        "archive_url": {"type": "string", "pattern": SOURCE_URL_PATTERN},
        "kind": {"enum": KINDS},
        "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z"},
        "summary": {"type": "string", "minLength": 1},
        "tags": {"type": "array", "items": {"type": "string", "pattern": TAG_PATTERN}, "uniqueItems": True},
        "speakers": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "boilerplate": {
            "type": "object",
            "patternProperties": {r"^p[1-9][0-9]*\Z": {"type": "boolean"}},
            "additionalProperties": False,
        },
        "note": {"type": "string", "minLength": 1},
    },
    "dependentRequired": {"date_precision": ["date"], "date_basis": ["date"], "date_reason": ["date"]},
    "if": {"properties": {"date_basis": {"const": "inferred"}}, "required": ["date_basis"]},
    "then": {"required": ["date_reason"]},
}


class CurationError(SeedwikiError):
    """A sidecar cannot be read or does not fit the schema."""


class _SidecarLoader(yaml.SafeLoader):
    """Safe loading, plus: no aliases (no "billion laughs"), no duplicate keys, dates stay strings."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed in a sidecar", problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                what = {list: "a list", dict: "a mapping", bool: "true/false", type(None): "empty", int: "a number", float: "a number"}.get(type(key), f"a {type(key).__name__}")
                raise yaml.MarkedYAMLError(problem=f"a key must be text, not {what}", problem_mark=key_node.start_mark)
            if key in seen:
                raise yaml.MarkedYAMLError(problem=f"the key {key!r} appears twice", problem_mark=key_node.start_mark)
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


# Dates are checked by this module, so YAML must not turn them into date objects first.
_SidecarLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_suffix(SIDECAR_SUFFIX)


def line_of(node: yaml.Node | None, path: list) -> int:
    """The 1-based line of the value at `path` (keys and list indexes) in the composed YAML."""
    if node is None:
        return 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == key), None)
            if match is None:
                break
            node = match[0] if key == path[-1] else match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node.start_mark.line + 1


def load_yaml(path: Path, max_bytes: int, error: type[SeedwikiError], what: str, raw: bytes | None = None) -> tuple[dict, yaml.Node | None]:
    """A curated YAML file (a sidecar, the glossary) as a mapping, with its composed node tree for
    line numbers. Safe loading without aliases, tags, duplicate keys or keys that are not text; only
    a regular file is read (no symbolic link, folder or pipe); every error names the line. `raw`:
    the file's bytes, already read so (`ingest.read_regular`)."""
    if raw is None:
        raw = read_regular(path, error, what)
    if len(raw) > max_bytes:
        raise error(path, f"the {what} is {len(raw):,} bytes, more than {max_bytes:,}", f"keep the {what} to curated metadata", line=1)
    try:
        text = raw.decode("utf-8-sig")
        node = yaml.compose(text, Loader=_SidecarLoader)
        data = yaml.load(text, Loader=_SidecarLoader)
    except UnicodeDecodeError as err:
        raise error(path, f"byte {err.start} is not valid UTF-8", f"save the {what} as UTF-8", line=raw.count(b"\n", 0, err.start) + 1) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if mark is not None and err.context_mark is not None and mark.line >= text.count("\n") and "end" in (err.problem or ""):
            mark = err.context_mark  # "…but got <stream end>": point at what was left open
        message = (err.problem or err.context or "invalid YAML").replace("\n", " ").rstrip(";")
        if "could not determine a constructor" in message:
            message = "tags such as !!python/object are not allowed"
        hint = "quote the key if it is meant as text" if message.startswith("a key must be text") else "fix the YAML at that line"
        raise error(path, message, hint, line=mark.line + 1 if mark else 1) from None
    except yaml.YAMLError as err:
        raise error(path, f"invalid YAML ({err})", "fix the YAML", line=1) from None
    if data is None:
        return {}, node
    if not isinstance(data, dict):
        raise error(path, f"a {what} must be a mapping of keys to values", "write `key: value` lines", line=1)
    return data, node


def load_sidecar(path: Path) -> tuple[dict, yaml.Node | None]:
    """The sidecar's mapping and its composed node tree (for line numbers)."""
    return load_yaml(path, SIDECAR_MAX_BYTES, CurationError, "sidecar")


def schema_error(path: Path, node: yaml.Node | None, err: jsonschema.ValidationError, error: type[SeedwikiError] | None = None) -> SeedwikiError:
    """A schema violation as `path:line: what; what to do`, at the line of the offending key or value."""
    error = error or CurationError
    location = list(err.absolute_path)
    where = ".".join(str(p) for p in location) or f"the {path.name}"
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = list(err.schema.get("properties", {}))
        unknown = sorted(set(err.instance) - set(known), key=str)[0]
        near = difflib.get_close_matches(str(unknown), known, n=1)
        hint = f"did you mean `{near[0]}`?" if near else "valid keys: " + ", ".join(known)
        return error(path, f"unknown key `{unknown}`", hint, line=line_of(node, [*location, unknown]))
    if err.validator == "required" and "date_reason" in err.message:
        return error(path, "an inferred date needs a reason", "add `date_reason: ...` saying how the date was inferred", line=line_of(node, ["date_basis"]))
    if err.validator == "required":
        return error(path, f"`{where}`: {err.message}", "add it", line=line_of(node, location))
    if err.validator == "pattern" and location[-1:] in (["slug"], ["id"]):
        return error(path, f"{location[-1]} {err.instance!r} is not a safe path segment", "use letters, digits, `-` and `_` only (at most 80), e.g. `my-seed`", line=line_of(node, location))
    if err.validator in ("enum", "const"):
        return error(path, f"`{where}` is {err.instance!r}", "use one of: " + ", ".join(map(str, err.validator_value)), line=line_of(node, location))
    if err.validator == "type":
        return error(path, f"`{where}` must be of type {err.validator_value}, not {type(err.instance).__name__}", "fix the value's type", line=line_of(node, location))
    return error(path, f"`{where}`: {err.message}", "fix the value", line=line_of(node, location))


# Curated values that are one line (names, labels, tags) may hold no line break and no control
# character; prose values shown as one paragraph (summary, date reason, description) have their
# whitespace, line breaks included, collapsed to single spaces. The note is the only multi-line value.
ONE_LINE_FIELDS = ("title", "slug", "outlet", "source_url", "archive_url", "kind", "language")
PROSE_FIELDS = ("summary", "date_reason")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_WHITESPACE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_MULTILINE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _char_name(ch: str) -> str:
    return {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}.get(ch, f"the control character U+{ord(ch):04X}")


def one_line(path: Path, node: yaml.Node | None, location: list, value: str, error: type[SeedwikiError], *, prose: bool = False) -> str:
    """`value` checked as a one-line curated value: a name or label with a line break or a control
    character is an error at its line; prose has its whitespace collapsed. Returns the value to use."""
    where = ".".join(str(p) for p in location)
    bad = (_CONTROL_BUT_WHITESPACE if prose else _CONTROL).search(value)
    if bad:
        hint = "remove it" if prose else f"write `{where}` on one line, without control characters"
        raise error(path, f"`{where}` holds {_char_name(bad.group())}", hint, line=line_of(node, location))
    if prose:
        value = " ".join(value.split())
    if not value.strip():
        raise error(path, f"`{where}` is blank", "give it a value or remove the key", line=line_of(node, location))
    return value


def _clean(path: Path, node: yaml.Node | None, data: dict) -> dict:
    """The sidecar's values with every one-line value checked and every prose value collapsed."""
    data = dict(data)
    for name in ONE_LINE_FIELDS + PROSE_FIELDS:
        if name in data:
            data[name] = one_line(path, node, [name], data[name], CurationError, prose=name in PROSE_FIELDS)
    for index, tag in enumerate(data.get("tags", [])):
        one_line(path, node, ["tags", index], tag, CurationError)
    for role, name in data.get("speakers", {}).items():
        one_line(path, node, ["speakers", role], role, CurationError)
        one_line(path, node, ["speakers", role], name, CurationError)
    if "note" in data and (bad := _MULTILINE_CONTROL.search(data["note"])):
        raise CurationError(path, f"`note` holds {_char_name(bad.group())}", "remove it (the note may hold line breaks, not control characters)", line=line_of(node, ["note"]))
    return data


def _check_date(path: Path, node: yaml.Node | None, data: dict) -> tuple[str | None, str | None]:
    value = data.get("date")
    if value is None:
        return None, None
    parts = [int(p) for p in value.split("-")]
    precision = ["year", "month", "day"][len(parts) - 1]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise CurationError(path, f"date {value!r} does not exist ({err})", "give a real calendar date as YYYY-MM-DD, YYYY-MM or YYYY", line=line_of(node, ["date"])) from None
    stated = data.get("date_precision")
    if stated and stated != precision:
        raise CurationError(path, f"date {value!r} has {precision} precision but date_precision says {stated!r}", f"write the date to {stated} precision or drop date_precision", line=line_of(node, ["date_precision"]))
    return value, precision


def read_curation(path: Path, document: Document) -> tuple[Metadata, dict, yaml.Node | None]:
    """Validate a sidecar against the schema and the seed; return its metadata, all its keys and its
    composed YAML (for line numbers)."""
    data, node = load_sidecar(path)
    for err in sorted(jsonschema.Draft202012Validator(SIDECAR_SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        raise schema_error(path, node, err)
    data = _clean(path, node, data)
    date, precision = _check_date(path, node, data)
    for anchor in data.get("boilerplate", {}):
        if int(anchor[1:]) > len(document.blocks):
            raise CurationError(path, f"boilerplate names {anchor}, but the seed has {len(document.blocks)} paragraphs", "use an anchor shown on the seed's page", line=line_of(node, ["boilerplate", anchor]))
    meta = Metadata(
        title=data.get("title"),
        date=date,
        date_precision=precision,
        date_basis=data.get("date_basis", "stated" if date else None),
        date_reason=data.get("date_reason"),
        outlet=data.get("outlet"),
        source_url=data.get("source_url"),
        archive_url=data.get("archive_url"),
        kind=data.get("kind"),
        language=data.get("language"),
        summary=data.get("summary"),
        tags=tuple(data.get("tags", ())),
        speakers=tuple(data.get("speakers", {}).items()),
    )
    return meta, data, node


def curate(document: Document) -> Document:
    """Apply the seed's sidecar, when it has one."""
    path = sidecar_path(document.seed.path)
    if entry_kind(path) is None:
        return document
    meta, data, node = read_curation(path, document)
    blocks = document.blocks
    if overrides := data.get("boilerplate"):
        blocks = tuple(
            dataclasses.replace(b, kind=BOILERPLATE if overrides[f"p{i + 1}"] else PARAGRAPH) if f"p{i + 1}" in overrides else b
            for i, b in enumerate(blocks)
        )
    return dataclasses.replace(
        document,
        blocks=blocks,
        curated=meta,
        title=meta.title or document.title,
        title_basis="curated" if meta.title else document.title_basis,
        slug=data.get("slug"),
        slug_line=line_of(node, ["slug"]) if "slug" in data else None,
        note=data.get("note"),
    )


def check_orphans(seeds_dir: Path, seed_paths: list[Path]) -> None:
    """Refuse a sidecar whose seed does not exist."""
    stems = {p.stem for p in seed_paths}
    for path in sorted(seeds_dir.glob("*" + SIDECAR_SUFFIX)):
        if path.stem not in stems and not path.name.startswith("."):
            raise CurationError(path, f"this sidecar has no seed {path.stem}.txt (or .pdf, .html, .docx, .eml, .md)", "rename it to match its seed's file name, or remove it", line=1)
