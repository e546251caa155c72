"""The glossary, mention detection, and the pages that connect seeds: entities, quotes, timeline, tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from seedwiki.link import link
from seedwiki.link.entities import Entity, GlossaryError, Matcher, candidate_names, read_glossary
from seedwiki.model import Seed
from seedwiki.parse import parse
from seedwiki.render.connections import first_mentions
from seedwiki.render.seed import QuoteMark, marked_text

from .conftest import ROOT
from .test_cli import _seedwiki

SEED_000, SEED_001 = "000_dfaa4f2b2677d4d0", "001_daa0dd757af5786e"


def _entity(id_, *aliases, kind="organisation"):
    return Entity(id_, aliases[0], kind, aliases, "x", ())


def _found(matcher, text):
    return [(entity, text[start:end]) for entity, start, end in matcher.find(text)]


MATCHER = Matcher((
    _entity("sdf", "Syrian Democratic Forces", "SDF"),
    _entity("is", "Daesh", "ISIS", "داعش", kind="armed group"),
    _entity("deir-ezzor", "Deir Ezzor", "دير الزور", kind="place"),
    _entity("de24", "Deir Ezzor 24"),
    _entity("coalition", "Coalition", "U.S.-led Coalition"),
    _entity("un", "UN"),
))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The SDF and the Syrian Democratic Forces", [("sdf", "SDF"), ("sdf", "Syrian Democratic Forces")]),
        ("the sdf said", []),  # acronyms match their exact case only
        ("the coalition and the COALITION", [("coalition", "coalition"), ("coalition", "COALITION")]),  # names in any case
        ("Daesh’s fighters and ISIS-held towns", [("is", "Daesh"), ("is", "ISIS")]),  # punctuation ends a word
        ("Daeshism, SDFs, unDaesh, UNESCO, UNDaesh", []),  # never inside a longer word
        ("Deir Ezzor 24 reported from Deir Ezzor", [("de24", "Deir Ezzor 24"), ("deir-ezzor", "Deir Ezzor")]),  # longest wins
        ("The U.S.-led Coalition", [("coalition", "U.S.-led Coalition")]),
        ("قال إن داعش في دير الزور", [("is", "داعش"), ("deir-ezzor", "دير الزور")]),  # Arabic aliases in Arabic text
        ("الداعشية", []),
        ("the UN and the un", [("un", "UN")]),
    ],
)
def test_mentions_are_whole_words_alias_aware_and_case_rules_hold(text, expected):
    assert _found(MATCHER, text) == expected


def test_the_matcher_handles_thousands_of_entities_in_one_pass():
    entities = tuple(_entity(f"e{i}", f"Name{i} Place", f"N{i}X") for i in range(5000))
    matcher = Matcher(entities)
    text = " ".join(f"Name{i} Place and N{i}X," for i in range(0, 5000, 7))
    found = matcher.find(text)
    assert len(found) == 2 * len(range(0, 5000, 7))
    assert found[0][0] == "e0" and found[-1][0] == "e4998"


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        ("entities:\n  - id: a\n    name: A\n    kind: person\n    description: x\n    alias: [b]\n", 6, "unknown key `alias`; did you mean `aliases`?"),
        ("entities:\n  - id: a\n    name: A\n    kind: wizard\n    description: x\n", 4, "`entities.0.kind` is 'wizard'; use one of: person"),
        ("entities:\n  - id: A B\n    name: A\n    kind: person\n    description: x\n", 2, "id 'A B' is not a safe path segment"),
        ("entities:\n  - id: a\n    name: A\n    kind: person\n", 2, "'description' is a required property"),
        ("entities:\n  - {id: a, name: A, kind: person, description: x}\n  - {id: a, name: B, kind: person, description: y}\n", 3, "the id 'a' is used twice"),
        ("entities:\n  - {id: a, name: A, kind: person, description: x, aliases: [Same]}\n  - {id: b, name: Same, kind: place, description: y}\n", 3, "'Same' already names a"),
        ("entities:\n  - id: a\n    name: A\n    kind: person\n    description: x\n    relations:\n      - member of: nobody\n", 7, "`member of: nobody` names no entity"),
        ("entities:\n  - id: a\n    name: A\n    kind: person\n    description: x\n    relations:\n      - friend of: a\n", 7, "'friend of'"),
        ("entities: &x\n  - *x\n", 2, "aliases (*name) are not allowed"),
        ("entities:\n  - id: !!python/object/apply:os.system ['true']\n", 2, "tags such as !!python/object are not allowed"),
    ],
)
def test_glossary_errors_name_the_line(tmp_path, yaml_text, line, message):
    path = tmp_path / "glossary.yml"
    path.write_text(yaml_text)
    with pytest.raises(GlossaryError) as err:
        read_glossary(path)
    assert err.value.report().startswith(f"{path}:{line}: ")
    assert message in err.value.report()


def test_a_relation_may_name_an_entity_listed_after_it(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("entities:\n  - {id: town, name: Town, kind: place, description: x, relations: [{located in: region}]}\n"
                    "  - {id: region, name: Region, kind: place, description: y}\n")
    assert [e.relations for e in read_glossary(path)] == [(("located in", "region"),), ()]


@pytest.mark.slow
def test_an_id_used_twice_is_reported_where_it_is_used_again_in_a_long_glossary(tmp_path):
    path = tmp_path / "glossary.yml"
    items = [f"  - {{id: e{i}, name: Name {i}, kind: place, description: x}}\n" for i in range(3000)]
    items.insert(2500, "  - {id: e7, name: Other, kind: place, description: y}\n")
    path.write_text("entities:\n" + "".join(items))
    with pytest.raises(GlossaryError) as err:
        read_glossary(path)
    assert err.value.report().startswith(f"{path}:2502: the id 'e7' is used twice")


def test_a_paragraph_links_each_entity_it_names_at_its_first_mention_only():
    text = "Report\n\nAlpha met Beta in Alpha. Gamma and Beta spoke.\n\nBeta left.\n"
    entities = (_entity("a", "Alpha"), _entity("b", "Beta"), _entity("g", "Gamma"))
    site = link([parse(Seed(Path("r.txt"), b"", "0" * 64, "UTF-8", text))], entities)
    found = first_mentions(site.facts[site.entries[0].slug].mentions)
    assert {block: [(m.entity, m.start) for m in mentions] for block, mentions in found.items()} == {1: [("a", 0), ("b", 10), ("g", 25)], 2: [("b", 0)]}


def test_quotations_and_entity_links_nest_in_a_paragraph_and_a_link_across_a_quotations_edge_is_left_out():
    text = 'Alpha said "Beta and Alpha stay," Gamma added.'
    quote = (text.index('"'), text.index(",") + 2)
    beta, alpha, stay, gamma = text.index("Beta"), text.index("Alpha", 1), text.index("stay"), text.index("Gamma")
    links = [(0, 5, "a"), (beta, beta + 4, "b"), (alpha, alpha + 5, "a"), (stay, gamma + 5, "x"), (gamma, gamma + 5, "g")]
    assert marked_text(text, links, [QuoteMark(*quote, "Alpha", "q")]) == (
        '<a href="a">Alpha</a> said <span class="sw-quote" data-speaker="Alpha">&quot;<a href="b">Beta</a> and <a href="a">Alpha</a> stay,&quot;</span>'
        '<a class="sw-quote-by" href="q" data-speaker="Alpha" aria-label="Quoted: Alpha; every quotation of Alpha" data-search-exclude data-pagefind-ignore></a>'
        '&#32;<a href="g">Gamma</a> added.')


def test_names_a_glossary_covers_are_not_suggested_wherever_they_stand():
    matcher = Matcher((_entity("a", "Alpha Place", kind="place"), _entity("b", "Beta Front")))
    text = "Jane Roe met Alpha Place staff, Beta Front fighters and Omar Khalil in Raqqa. " * 3
    assert candidate_names(text, matcher) == ["Jane Roe", "Omar Khalil", "Raqqa"] * 3


@pytest.mark.slow
def test_the_projects_glossary_is_valid_and_covers_the_seeds_people_groups_and_places():
    entities = {e.id: e for e in read_glossary(ROOT / "glossary.yml")}
    for wanted in ("myles-caggins", "john-w-brennan-jr", "global-coalition", "sdf", "islamic-state", "cjtf-oir",
                   "sojtf-oir", "deir-ezzor", "hasakah", "ghuwayran-prison", "al-baghuz", "iraq", "syria"):
        assert wanted in entities


# --- the real site ----------------------------------------------------------------------------------


def _soup(site, page):
    return BeautifulSoup(site.html(page), "html.parser")


def _entity_links(site, slug):
    article = _soup(site, f"seeds/{slug}").select_one("article")
    in_text = {a["href"].split("/")[-2] for a in article.select(".sw-p a[href*='entities/'], h3.sw-q a[href*='entities/']")}
    listed = {a["href"].split("/")[-2] for a in article.select("#entities + .sw-derived a[href*='entities/']")}
    return in_text, listed


@pytest.mark.parametrize(
    ("slug", "entities"),
    [
        (SEED_000, {"myles-caggins", "global-coalition", "sdf", "islamic-state", "sojtf-oir", "deir-ezzor", "al-baghuz", "syria"}),
        (SEED_001, {"john-w-brennan-jr", "global-coalition", "sdf", "islamic-state", "cjtf-oir", "hasakah", "ghuwayran-prison", "iraq", "syria"}),
    ],
)
def test_seed_pages_link_to_the_entities_they_mention(real_site, slug, entities):
    in_text, listed = _entity_links(real_site, slug)
    assert entities <= in_text
    assert entities <= listed


def test_entity_links_do_not_change_the_text(real_site):
    source = (ROOT / "seeds" / f"{SEED_000}.txt").read_text(encoding="utf-8").splitlines()
    paragraph = _soup(real_site, f"seeds/{SEED_000}").select_one("#p2")
    paragraph.select_one("a.sw-permalink").decompose()
    assert paragraph.get_text() == source[1]
    assert [a.get_text() for a in paragraph.select("a")] == ["Deir Ezzor 24 network", "international Coalition", "Colonel Myles Caggins"]


@pytest.mark.parametrize("entity", ["syria", "sdf", "islamic-state", "global-coalition"])
def test_an_entity_page_lists_mentions_from_every_seed_that_mentions_it(real_site, entity):
    soup = _soup(real_site, f"entities/{entity}")
    hrefs = [a["href"] for a in soup.select("article li a")]
    for slug in (SEED_000, SEED_001):
        assert any(f"seeds/{slug}/index.html#p" in h for h in hrefs), hrefs
    assert all(re.search(r"#p\d+$", h) for h in hrefs)


def test_the_entity_index_groups_by_kind(real_site):
    headings = [h.get_text(strip=True).rstrip("¶") for h in _soup(real_site, "entities").select("article h2")]
    assert headings == ["Person", "Organisation", "Armed group", "Place", "Facility"]  # no seed mentions an operation yet
    unmentioned = _soup(real_site, "entities").select_one("article p.sw-unmentioned")
    assert unmentioned is not None and unmentioned.select("a[href$='/index.html']")  # listed apart, not in the tables


def test_the_quotes_page_attributes_brennan_and_caggins(real_site):
    soup = _soup(real_site, "quotes")
    sections = {}
    for heading in soup.select("article h2"):
        items = heading.find_next("ul").select("li")
        sections[heading.get_text(strip=True).rstrip("¶")] = items
    assert len(sections["Myles Caggins"]) == 9  # the nine interview answers
    assert len(sections["John W. Brennan Jr."]) == 6  # four quotations and two statements without quotation marks
    assert len(sections["Global Coalition"]) == 1  # "desperate attacks"; the statement's words (¶6, ¶8) name no one
    unattributed = [li.get_text() for li in sections["Unattributed"]]
    assert len(unattributed) == 2 and unattributed[0].startswith(("“Daesh’s desperate attacks", "“Daesh's desperate attacks"))
    resolved = next(li for li in sections["John W. Brennan Jr."] if li.get_text().startswith("“Detainees who did not"))
    assert "attributed by the wiki, from ¶10" in resolved.get_text()
    assert resolved.select("a")[-1]["href"].endswith(f"seeds/{SEED_001}/index.html#p10")
    first = next(li for li in sections["John W. Brennan Jr."] if li.get_text().startswith("“In their"))
    assert first.get_text().startswith("“In their desperate attempt to display relevance")
    assert first.select_one("a")["href"].endswith(f"seeds/{SEED_001}/index.html#p10")
    statements = [li.get_text() for li in sections["John W. Brennan Jr."] if "reported without quotation marks" in li.get_text()]
    assert len(statements) == 2 and not any(text.startswith("“") for text in statements)
    assert any(text.startswith("The groups responsible for this brazen attack are now ultimately weaker") for text in statements)


def test_the_timeline_shows_stated_dates_and_seed_dates_linked_to_paragraphs(real_site):
    items = {li.select_one("strong").get_text(): li for li in _soup(real_site, "timeline").select("article li") if li.select_one("strong")}
    expected = {"2014": "#p13", "2017": "#p13", "2022-01-20": "#p7", "2022-01-23": "#p3"}
    for date, anchor in expected.items():
        link = items[date].select("a")[-1]["href"]
        assert link.endswith(f"seeds/{SEED_001}/index.html{anchor}"), (date, link)
    assert "(year)" in items["2014"].get_text() and "(day)" in items["2022-01-20"].get_text()
    assert "Thursday" not in " ".join(li.get_text() for li in items.values())  # relative dates are left out
    undated = _soup(real_site, "timeline").select_one("#undated").find_next("ul").get_text()
    assert "Interview with Col. Myles Caggins" in undated


def test_tags_come_from_sidecars_and_have_an_index(real_site):
    tags = _soup(real_site, "tags")
    ids = {h["id"] for h in tags.select("article h2[id^='tag:']")}
    assert {"tag:hasakah", "tag:interview"} <= ids
    hasakah = tags.select_one("#tag\\:hasakah").find_next("ul")
    assert "ISIS escape attempt" in hasakah.get_text()


def test_suggest_entities_lists_names_the_glossary_lacks_with_counts_and_places():
    result = _seedwiki(ROOT, "suggest-entities")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(re.match(r"^\s+1  COVID  —  seeds/000_dfaa4f2b2677d4d0/#p8$", line) for line in lines)
    assert not any("  Daesh  " in line or "  Brennan  " in line for line in lines)  # in the glossary


def test_suggest_entities_without_a_glossary_lists_the_people_and_groups(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Report\nCol. Jane Roe of the Example Front met UNHCR staff in Raqqa province.\n")
    lines = _seedwiki(tmp_path, "suggest-entities").stdout.splitlines()
    names = {re.match(r"^\s*\d+  (.+?)  —  ", line).group(1) for line in lines}
    assert {"Jane Roe", "Example Front", "UNHCR", "Raqqa"} <= names


def test_mentions_are_one_compact_item_per_seed_in_linked_pages_of_100(tmp_path):
    from .conftest import build_site

    root = tmp_path / "p"
    root.mkdir()
    (root / "glossary.yml").write_text("entities:\n  - {id: alpha, name: Alpha Place, kind: place, description: A place.}\n")
    seeds = {f"s{n:03}.txt": f"Report {n}\nLine one names Alpha Place.\n".encode() for n in range(120)}
    seeds["many.txt"] = ("Many\n" + "".join(f"Line {n} names Alpha Place.\n" for n in range(150))).encode()
    site = build_site(root, seeds)
    first, second = _soup(site, "entities/alpha"), _soup(site, "entities/alpha/page-2")
    # one item per seed: 121 seeds, 100 on the first page
    assert len(first.select("article li")) == 100 and len(second.select("article li")) == 21
    many = next(li for li in first.select("article li") + second.select("article li") if li.select_one("a").get_text() == "Many")
    text = many.get_text()
    assert "150 mentions" in text and "and 140 more paragraphs" in text
    assert len(many.select("strong")) == 2  # the first two with their words, then paragraph links
    assert [a["href"] for a in many.select("a")][:3] == ["../../seeds/many/index.html#p2"] * 2 + ["../../seeds/many/index.html#p3"]
    assert second.select_one("p.sw-pages a")["href"] == "../../../entities/alpha/index.html"


@pytest.mark.parametrize(
    ("names", "same"),
    [(("Mazloum Abdî", "MAZLOUM ABDI", "Mazloum-Abdi", "mazloum  abdi"), True), (("Ann Smith", "Anna Smith"), False),
     (("أحمد حسن", "أحمد  حسن"), True)],
)
def test_spellings_of_one_name_are_one_speaker(names, same):
    from seedwiki.link.site import name_key

    assert (len({name_key(n) for n in names}) == 1) is same


def test_entity_previews_are_the_escaped_json_of_every_named_entity_when_made_once_per_entity():
    """Each entity's member of the previews' JSON is made once a pass and shared between seeds:
    each page's attribute is still the whole JSON object, escaped as one text."""
    import json
    from types import SimpleNamespace

    from seedwiki.escape import escape_text
    from seedwiki.render.connections import entity_previews, kind_name, mention_count

    hostile = Entity("x-1", 'He said "{{ no }}" <b>', "person", ('He said "{{ no }}" <b>',), "line one\n  \n[a](b) *c* — «d» ' ` {: .x}", ())
    plain = Entity("y", "Daesh", "armed group", ("Daesh", "داعش"), "", ())
    views = [SimpleNamespace(named=((hostile, 3, 2), (plain, 1, 1))), SimpleNamespace(named=((plain, 1, 1),)),
             SimpleNamespace(named=((hostile, 4, 2),))]
    members: dict = {}
    for view in views:
        data = {e.id: {"name": e.name, "kind": kind_name(e.kind), "description": e.description, "mentions": mention_count(total, seeds)}
                for e, total, seeds in view.named}
        expected = f'<div class="sw-previews" hidden data-search-exclude data-entities="{escape_text(json.dumps(data, ensure_ascii=False))}"></div>'
        assert entity_previews(view, members) == expected
        assert entity_previews(view) == expected
    assert entity_previews(SimpleNamespace(named=())) == ""


@pytest.mark.parametrize("base", ["entities", "entities/abu-kamal", "catalogue/2022/01-january", "quotes/by/x"])
def test_a_lists_page_links_are_each_pages_own(base):
    """`page_links` makes each list's links once for its first page and once for the later ones
    (one folder deeper, so alike): every page's links are still its own, as made page by page."""
    from seedwiki.i18n import word
    from seedwiki.render.html import href, link, page_links, page_path

    for count in (1, 2, 3, 12):
        for number in range(1, count + 1):
            here = page_path(base, number)
            made = [str(n) if n == number else link(href(here, page_path(base, n)), str(n)) for n in range(1, count + 1)]
            expected = "" if count == 1 else f'<p class="sw-pages">{word("pages")} {" · ".join(made)}</p>'
            assert page_links(base, number, count) == expected, (base, number, count)


_WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]  # every whitespace character (the last is U+3000)


@pytest.mark.parametrize("text", [
    "", " ", "  ", "word", " word", "word ", "two words", "two  words", " a b c ", "a\tb", "a\nb", "a\u00a0b", "a\u200eb c",
    "al-Hol \u202f camp", "\u2028", "x\u3000y", "ends in two  ",
    *(f"a{space}b" for space in _WHITESPACE), *(f"{space}edge{space}" for space in _WHITESPACE),
])
def test_a_snippet_has_each_run_of_whitespace_as_one_space(text):
    from seedwiki.render.connections import _one_space

    assert _one_space(text) == re.sub(r"\s+", " ", text)
