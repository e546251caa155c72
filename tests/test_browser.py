"""The built site in a real browser (chromium via Playwright), served on 127.0.0.1."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from seedwiki.build import Project, load_corpus
from seedwiki.link.permalinks import update_lock

from .conftest import build_site, make_project, mkdocs_build, serve_directory


def _seed(title: str) -> bytes:
    return f"{title}\nA paragraph of text.\n".encode()


@pytest.fixture(scope="module")
def three_outlets_url(tmp_path_factory):
    seeds = {}
    for name, outlet, date in (("a", "Beta Post", "2021-05-01"), ("b", "Alpha Times", "2023-01-02"), ("c", "Gamma Daily", "2022-07-03")):
        seeds[f"{name}.txt"] = _seed(f"Story {name.upper()}")
        seeds[f"{name}.yml"] = f"outlet: {outlet}\ndate: {date}\nkind: news article\n".encode()
    site = build_site(tmp_path_factory.mktemp("outlets"), seeds)
    with serve_directory(site.site_dir) as url:
        yield url


def _column(page, header: str) -> list[str]:
    headers = page.locator("article table th").all_inner_texts()
    index = headers.index(header) + 1
    return page.locator(f"article table tbody tr td:nth-child({index})").all_inner_texts()


def test_the_catalogue_sorts_by_outlet_date_and_kind_with_mouse_and_keyboard(browser_page, three_outlets_url):
    page = browser_page.page
    page.goto(three_outlets_url + "catalogue/")
    assert _column(page, "Date") == ["2 January 2023", "3 July 2022", "1 May 2021"]  # newest first as built, read as dates
    outlet = page.locator("article table th", has_text="Outlet")
    outlet.click()
    assert _column(page, "Outlet") == ["Alpha Times", "Beta Post", "Gamma Daily"]
    assert outlet.get_attribute("aria-sort") == "ascending"
    outlet.focus()
    page.keyboard.press("Enter")
    assert _column(page, "Outlet") == ["Gamma Daily", "Beta Post", "Alpha Times"]
    page.locator("article table th", has_text="Date").click()
    assert _column(page, "Date") == ["1 May 2021", "3 July 2022", "2 January 2023"]  # sorted by the date, not its words


SEED_000 = "seeds/000_dfaa4f2b2677d4d0/"


def _clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_of_a_question_carries_the_address_the_page_is_read_at(browser_page, real_site_url):
    """The real site is built with the local default address (127.0.0.1:8000): the link names the
    address the page is served at instead (another port)."""
    page = browser_page.page
    page.goto(real_site_url + SEED_000)
    question = page.locator("#q8 > h3")
    question.hover()
    question.get_by_role("button", name="Copy link to Q8").click()
    assert _clipboard(page) == f"{real_site_url}{SEED_000}#q8"
    assert page.locator(".sw-status").inner_text() == "Copied the link to Q8"


def test_a_paragraph_number_and_its_copy_buttons_are_reachable_by_keyboard(browser_page, real_site_url):
    page = browser_page.page
    page.goto(real_site_url + SEED_000)
    permalink = page.locator("#p18 a.sw-permalink")
    assert permalink.evaluate("a => getComputedStyle(a, '::before').content") == '"¶18"'  # shown without hovering
    copy_link = page.locator("#p18 .sw-copy button[aria-label='Copy link to Q8, ¶18']")
    expect(copy_link).to_be_hidden()
    permalink.focus()
    expect(copy_link).to_be_visible()
    for _ in range(4):  # the entity links in the paragraph, then the buttons
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy link to Q8, ¶18":
            break
    page.keyboard.press("Enter")
    assert _clipboard(page) == f"{real_site_url}{SEED_000}#p18"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy citation of Q8, ¶18"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.sw-status').textContent.startsWith('Copied the citation')")
    assert _clipboard(page).startswith("Myles Caggins. Interview with Col. Myles Caggins (Deir Ezzor 24), Q8, ¶18. Deir Ezzor 24, n.d.")


@pytest.mark.parametrize(("anchor", "selector"), [("q8", "#q8"), ("p18", "#p18"), ("p17", "#p17")])
def test_a_deep_link_scrolls_the_block_into_view_highlights_it_and_keeps_the_anchor(browser_page, real_site_url, anchor, selector):
    page = browser_page.page
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(f"{real_site_url}{SEED_000}#{anchor}")
    page.wait_for_timeout(200)
    box = page.locator(selector).bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert header["height"] <= box["y"] < 700, "the target is below the sticky header and on screen"
    background = page.locator(selector).evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("location.hash") == f"#{anchor}"


def test_a_question_link_marks_the_question_and_its_whole_answer(browser_page, real_site_url):
    page = browser_page.page
    page.goto(f"{real_site_url}{SEED_000}#q8")
    unit = page.locator("#q8").bounding_box()
    for inside in ("#p17", "#p18"):  # the question, then its answer
        box = page.locator(inside).bounding_box()
        assert unit["y"] <= box["y"] and box["y"] + box["height"] <= unit["y"] + unit["height"] + 0.5
    assert page.locator("#q8 #p18").count() == 1 and page.locator("#q8 #p19").count() == 0  # the next question is not in it
    toc = page.locator("nav.md-nav--secondary a[href='#p17']:visible")  # the question is still in the table of contents
    assert toc.count() == 1 and toc.inner_text().startswith("Q8 · There are great fears")  # its number once, then its words


@pytest.fixture
def renamed_seed_site_url(tmp_path):
    """A tiny site whose seed a.txt was published as seeds/a/, then renamed to seeds/alpha/."""
    root = make_project(tmp_path / "renamed", {"a.txt": b"Alpha\nOne.\nTwo.\n"})
    update_lock(Project(root).lock_path, load_corpus(Project(root)))
    (root / "seeds" / "a.yml").write_text("slug: alpha\n")
    assert mkdocs_build(root).returncode == 0
    with serve_directory(root / "site") as url:
        yield url


def test_the_old_address_of_a_renamed_seed_lands_on_the_same_paragraph(renamed_seed_site_url, browser_page):
    page = browser_page.page
    page.goto(renamed_seed_site_url + "seeds/a/#p3")
    page.wait_for_url(renamed_seed_site_url + "seeds/alpha/#p3")
    assert page.locator("#p3").inner_text().startswith("Two.")
