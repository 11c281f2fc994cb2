"""The corrections page lists every editor's note of its edition, each linking to its place:
built from the notes and the data entries, so nothing can be left out or typed twice."""

from __future__ import annotations

import posixpath

import pytest
from bs4 import BeautifulSoup

from article_md import editor_notes
from tests.conftest import ROOT
from tests.site.conftest import EN_PAGES, PAGES

EDITIONS = {"zh": (PAGES, "mkdocs.yml", "docs"), "en": (EN_PAGES, "mkdocs.en.yml", "docs/en")}


def _article(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")


def _target(built: str, href: str) -> tuple[str, str]:
    """(built page, anchor) a link of a built page leads to (use_directory_urls)."""
    url, _, anchor = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(built), url))
    return ("index.html" if path == "." else f"{path}/index.html"), anchor


def _paragraph(block, label: str) -> str:
    """The text after the label of a note's or an entry's paragraph that starts with
    <strong>label</strong>."""
    for strong in block.find_all("strong"):
        if strong.get_text() == label and strong.parent.name == "p":
            return " ".join(strong.parent.get_text()[len(label):].lstrip(":：").split())
    return ""


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_editors_note_is_on_the_corrections_page(built_site, edition):
    pages, config, docs = EDITIONS[edition]
    words = editor_notes.edition_words(str(ROOT / config))
    listing_page = next(built for src, built in pages if src.endswith("corrections.md"))
    entries = {}
    for entry in _article(built_site / listing_page).select("div.correction-entry"):
        entries[_target(listing_page, entry.find_all("a")[-1]["href"])] = entry
    notes = []
    for src, built in pages:
        if not src.endswith(".md"):
            continue
        article = _article(built_site / built)
        written = editor_notes.parse((ROOT / docs / src.removeprefix("en/")).read_text("utf-8"),
                                     src, words)
        ids = []
        for div in article.select("div.admonition"):
            title = div.find("p", class_="admonition-title")
            if title is None or title.get_text() != words.title:
                continue
            assert div.get("id", "").startswith("correction-"), (built, div)
            ids.append(div["id"])
            entry = entries.get((built, div["id"]))
            assert entry is not None, f"{built}#{div['id']} is not on {listing_page}"
            # A page's own note shows what this site says; a data list's note stands under
            # the entry, which the corrections page names as what this site says.
            own = div["id"][len("correction-"):].isdigit()
            for part in ("source", "translation", "site") if own else ("source", "translation"):
                assert _paragraph(entry, words.labels[part]) == _paragraph(div, words.labels[part])
            assert _paragraph(entry, words.labels["source"]), (built, div["id"])
            notes.append((built, div["id"]))
        # Every note written in the page's Markdown is on the built page, with its anchor.
        assert [i for i in ids if i[len("correction-"):].isdigit()] == [
            f"correction-{note.number}" for note in written], built
    assert notes, "no editor's notes found"
    assert sorted(notes) == sorted(key for key in entries if not key[1].startswith("ref-"))


def test_the_corrections_page_is_in_both_navs_after_the_references():
    for pages in (PAGES, EN_PAGES):
        sources = [src.removeprefix("en/") for src, _ in pages]
        assert sources.index("corrections.md") == sources.index("10-references.md") + 1
