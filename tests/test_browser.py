"""The built site in a real browser (chromium via Playwright), served on 127.0.0.1."""

from __future__ import annotations

import pytest

from .conftest import build_site, serve_directory


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
    assert _column(page, "Date") == ["2023-01-02", "2022-07-03", "2021-05-01"]  # newest first as built
    outlet = page.locator("article table th", has_text="Outlet")
    outlet.click()
    assert _column(page, "Outlet") == ["Alpha Times", "Beta Post", "Gamma Daily"]
    assert outlet.get_attribute("aria-sort") == "ascending"
    outlet.focus()
    page.keyboard.press("Enter")
    assert _column(page, "Outlet") == ["Gamma Daily", "Beta Post", "Alpha Times"]
    page.locator("article table th", has_text="Date").click()
    assert _column(page, "Date") == ["2021-05-01", "2022-07-03", "2023-01-02"]
