"""Under serve, the theme's static files as MkDocs lists them for each rebuild are kept
(`plugin.ThemeListing`): a kept listing is the one MkDocs makes, and a file added to or removed
from a theme folder is in the next one."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from seedwiki.plugin.plugin import ThemeListing


def _project(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "overrides" / "assets").mkdir(parents=True)
    (root / "overrides" / "assets" / "one.css").write_text("a{}\n")
    (root / "mkdocs.yml").write_text("site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\n")
    return root / "mkdocs.yml"


def _theme_files(config_file: Path, listing: ThemeListing | None) -> list[str]:
    """The theme's files MkDocs adds to a build (`Files.add_files_from_theme`), with `listing` or without."""
    config = load_config(config_file=str(config_file))
    if listing is not None:
        listing.install(config.theme)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f"{file.abs_src_path}" for file in files)


def test_a_kept_listing_is_what_mkdocs_lists_and_follows_files_added_and_removed(tmp_path):
    config_file = _project(tmp_path)
    listing = ThemeListing()
    first = _theme_files(config_file, listing)
    assert first == _theme_files(config_file, None) and str(tmp_path / "overrides" / "assets" / "one.css") in first
    assert listing.held is not None
    assert _theme_files(config_file, listing) == first  # kept
    (tmp_path / "overrides" / "assets" / "two.js").write_text("1;\n")
    (tmp_path / "overrides" / "extra").mkdir()
    (tmp_path / "overrides" / "extra" / "three.svg").write_text("<svg/>\n")
    added = _theme_files(config_file, listing)
    assert added == _theme_files(config_file, None)
    assert {str(tmp_path / "overrides" / "assets" / "two.js"), str(tmp_path / "overrides" / "extra" / "three.svg")} <= set(added)
    (tmp_path / "overrides" / "assets" / "one.css").unlink()
    removed = _theme_files(config_file, listing)
    assert removed == _theme_files(config_file, None) and str(tmp_path / "overrides" / "assets" / "one.css") not in removed


def test_another_listing_of_the_templates_is_not_kept(tmp_path):
    config = load_config(config_file=str(_project(tmp_path)))
    listing = ThemeListing()
    listing.install(config.theme)
    env = config.theme.get_env()
    assert "assets/one.css" in env.list_templates(filter_func=lambda name: name.endswith(".css"))
    (tmp_path / "overrides" / "assets" / "one.css").rename(tmp_path / "overrides" / "assets" / "two.css")
    found = env.list_templates(filter_func=lambda name: name.endswith(".css"))
    assert "assets/two.css" in found and "assets/one.css" not in found
    assert listing.held is None
