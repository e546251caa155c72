"""A long seed over several pages (`link.targets.seed_parts`): only above the threshold, never
inside a block or a question's unit, every anchor kept at the seed's page and its text shown on
exactly one part's page; `check.parts_faithful` notices a part that lost a paragraph."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import pytest

from seedwiki.check import parts_faithful
from seedwiki.escape import escape_text
from seedwiki.link.targets import PART_BLOCKS, PART_CHARS, entry_anchors, entry_targets, part_page, seed_parts
from seedwiki.model import Seed, SeedEntry
from seedwiki.parse import parse
from seedwiki.render import html_ids, seed_page

ANSWER = "We continue to work with our partners to ensure the safety and stability of the region, as we said before."


def _entry(text: str, slug: str = "long") -> SeedEntry:
    seed = Seed(path=Path(f"{slug}.txt"), raw=text.encode(), sha256=hashlib.sha256(text.encode()).hexdigest(), encoding="UTF-8", text=text)
    return SeedEntry(parse(seed), slug, ("Undated",))


def _interview(size: int) -> str:
    """Numbered questions whose answers run to one, two or three paragraphs, up to `size` characters."""
    out, n = ["Interview with the spokesman, full record\n\n"], 0
    while sum(map(len, out)) < size:
        n += 1
        out.append(f"{n}- What happens next in the region, question {n}?\n\n" + "".join(f"{ANSWER} ({n}.{k})\n\n" for k in range(1 + n % 3)))
    return "".join(out)[:size].rsplit("\n\n", 1)[0] + "\n"


@functools.cache
def _long() -> SeedEntry:
    """An interview of three parts' worth of text (parsed once)."""
    return _entry(_interview(3 * PART_CHARS))


def _paragraphs(size: int) -> str:
    body, n = "Minutes of the council\n\n", 0
    while len(body) < size:
        n += 1
        body += f"Paragraph {n}. {ANSWER}\n\n"
    return body


def test_a_seed_up_to_the_threshold_is_one_part_and_a_longer_one_several():
    text = _paragraphs(PART_CHARS - 300)
    short = _entry(text[:PART_CHARS])
    assert len(short.document.seed.text) <= PART_CHARS
    assert seed_parts(short.document) == (range(len(short.document.blocks)),)
    longer = _entry(text + "One more paragraph, over the threshold now; " * 10 + "\n")
    assert len(longer.document.seed.text) > PART_CHARS
    parts = seed_parts(longer.document)
    assert len(parts) > 1
    assert [i for part in parts for i in part] == list(range(len(longer.document.blocks)))  # every block once, in order
    assert all(len(part) <= PART_BLOCKS for part in parts)  # paragraphs only: a part may end after any of them


def test_a_part_never_begins_inside_a_question_and_its_answers():
    entry = _long()
    document = entry.document
    parts = seed_parts(document)
    assert len(parts) > 3
    part_of_block = {i: k for k, part in enumerate(parts) for i in part}
    units: dict[int, set[int]] = {}
    for index, owner in enumerate(document.question_of):
        if owner is not None:
            units.setdefault(owner, set()).add(part_of_block[index])
    assert len(units) > 100 and all(len(found) == 1 for found in units.values())
    for part in parts[1:]:
        assert document.blocks[part.start].kind == "question"  # each later part opens with a question
    targets = {t.anchor: t for t in entry_targets(entry)}
    for number, found in units.items():
        assert targets[f"q{number}"].part == min(found) + 1


def test_a_unit_longer_than_a_part_stays_whole():
    long_answer = "".join(f"{ANSWER} ({k})\n\n" for k in range(2 * PART_BLOCKS))
    text = "Interview\n\n1- First question?\n\nShort answer.\n\n2- The long one?\n\n" + long_answer + "3- Last question?\n\nLast answer.\n" + _interview(PART_CHARS)[10:]
    document = _entry(text).document
    parts = seed_parts(document)
    unit = [i for i, owner in enumerate(document.question_of) if owner == 2]
    assert len(unit) > PART_BLOCKS
    assert any(set(unit) <= set(part) for part in parts)


def _write_parts(entry: SeedEntry, site: Path) -> list[str]:
    """The seed's pages (every part) under `site` as the build names them; their bodies."""
    bodies = []
    for part in range(1, len(seed_parts(entry.document)) + 1):
        body = seed_page(entry, part=part).content.decode()
        folder = site / part_page(entry.slug, part)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(body, encoding="utf-8")
        bodies.append(body)
    return bodies


def test_every_anchor_is_on_the_seeds_page_and_its_text_on_exactly_one_part(tmp_path):
    entry = _long()
    bodies = _write_parts(entry, tmp_path)
    first = html_ids(bodies[0])
    anchors = entry_anchors(entry)
    assert all(anchor in first for anchor in anchors)
    for target in entry_targets(entry):
        if not target.anchor:
            continue
        shown = [k for k, body in enumerate(bodies, 1) if re.search(rf'<(?!span\b)\w+ id="{target.anchor}"', body)]
        assert shown == [target.part], (target.anchor, shown)
        if target.anchor.startswith("p") and target.kind != "title":
            body = bodies[target.part - 1]
            assert re.search(rf'<(?:p|h3) id="{target.anchor}"', body)
    assert parts_faithful(tmp_path, entry) == []


def test_the_check_notices_a_part_that_lost_a_paragraph(tmp_path):
    entry = _long()
    _write_parts(entry, tmp_path)
    third = seed_parts(entry.document)[2]
    page = tmp_path / part_page(entry.slug, 3) / "index.html"
    lost = next(i for i in third if entry.document.blocks[i].kind == "answer")
    body = page.read_text(encoding="utf-8")
    page.write_text(re.sub(rf'<p id="p{lost + 1}"[^>]*>.*?</p>', "", body, count=1, flags=re.S), encoding="utf-8")
    assert parts_faithful(tmp_path, entry) == [f"seeds/long/part-3/ lacks #p{lost + 1}"]


def test_the_check_notices_a_paragraph_whose_text_changed_on_its_part(tmp_path):
    entry = _long()
    _write_parts(entry, tmp_path)
    page = tmp_path / part_page(entry.slug, 2) / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("stability of the region", "stability of the nation", 1), encoding="utf-8")
    assert any("does not hold" in fault for fault in parts_faithful(tmp_path, entry))


@pytest.mark.parametrize("part", [1, 2])
def test_a_parts_page_links_the_parts_around_it_and_names_itself(part):
    entry = _long()
    count = len(seed_parts(entry.document))
    body = seed_page(entry, part=part).content.decode()
    assert body.count('class="sw-part-nav"') == 2  # above and below the text
    assert f"part {part} of {count}" in body
    assert ('rel="prev"' in body) == (part > 1) and 'rel="next"' in body
    if part == 1:
        assert 'id="parts"' in body and body.count("data-sw-part=") == count - 1
    else:
        assert 'data-sw-seed="../../../seeds/long/index.html"' in body and 'id="parts"' not in body
        title = escape_text(f"{entry.document.title} (part {part} of {count})")  # found in search as this part of the seed
        assert f'<span data-pagefind-meta="title">{title}</span>' in body


def test_an_ordinary_seeds_page_has_no_parts():
    entry = _entry(_interview(PART_CHARS // 2))
    body = seed_page(entry).content.decode()
    assert "sw-part" not in body and "data-sw-part" not in body and len(seed_parts(entry.document)) == 1
