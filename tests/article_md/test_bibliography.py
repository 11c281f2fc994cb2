"""The citable entries as CSL-JSON and BibTeX: what the styles format and what readers download."""

import json

import bibtexparser
import jsonschema
import pytest

from tests.conftest import ROOT

from article_md.bibliography import ARXIV_DOI, article_bibtex, article_item, csl_item, downloads
from article_md.errors import ContentError
from article_md.schema import CITABLE, load_all

CSL_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
EDITIONS = {
    "zh": {"data_dir": "data", "docs_dir": "docs", "config_file": "mkdocs.yml",
           "references_page": "10-references.md", "language": "zh"},
    "en": {"data_dir": "data", "docs_dir": "docs/en", "config_file": "mkdocs.en.yml",
           "references_page": "10-references.md", "language": "en"},
}


@pytest.fixture(scope="module")
def entries():
    data = load_all(ROOT / "data", ROOT)
    return {entry.id: entry for name in CITABLE for entry in data[name]}


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_csl_json_download_validates_against_the_csl_schema(lang):
    items = json.loads(downloads(EDITIONS[lang])["references.json"])
    jsonschema.validate(items, CSL_SCHEMA)
    assert len(items) == len({item["id"] for item in items}) > 20


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_bibtex_download_parses_into_the_same_entries(lang, entries):
    files = downloads(EDITIONS[lang])
    items = json.loads(files["references.json"])
    library = bibtexparser.parse_string(files["references.bib"])
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == [item["id"] for item in items]
    for parsed in library.entries:
        entry, fields = entries[parsed.key], parsed.fields_dict
        assert fields["title"].value == "{" + entry.title + "}"
        assert fields["year"].value == str(entry.year) if entry.year else "year" not in fields
        assert len(fields["author"].value.split(" and ")) == len(entry.authors)
        for name, value in (("doi", entry.doi), ("isbn", entry.isbn), ("eprint", entry.arxiv)):
            if value:
                assert fields[name].value == value


def test_derived_fields(entries):
    preprint = csl_item(entries["xiao2017"])
    assert (preprint["publisher"], preprint["number"], preprint["DOI"]) == (
        "arXiv", "arXiv:1708.07747", ARXIV_DOI.format("1708.07747"))
    conference = csl_item(entries["vaswani2017"])
    assert conference["URL"] == "https://arxiv.org/abs/1706.03762" and "DOI" not in conference
    news = csl_item(entries["wudao2021"])
    assert news["issued"] == {"date-parts": [[2021, 6, 2]]}
    assert news["accessed"] == {"date-parts": [[2026, 12, 3]]}  # the day it was verified
    assert "accessed" not in csl_item(entries["lecun2015"])  # a DOI needs no access date
    assert news["language"] == "en"
    names = csl_item(entries["mcmahan2017"])["author"]
    assert names[0] == {"family": "McMahan", "given": "H. Brendan"}
    assert names[-1] == {"family": "Agüera y Arcas", "given": "Blaise"}
    assert csl_item(entries["meta2021"])["author"] == [{"literal": "Meta"}]


def test_the_english_edition_takes_the_english_twin_of_a_chinese_container(entries):
    chinese = [e for e in entries.values() if getattr(e, "container_en", None)]
    for entry in chinese:
        assert csl_item(entry, "en")["container-title"] == entry.container_en
        assert csl_item(entry, "zh")["container-title"] == entry.container


@pytest.mark.parametrize("config, title, url", [
    ("mkdocs.yml", "国内大模型如火如荼，国外先锋上演生死大戏", "http://127.0.0.1:8000/"),
    ("mkdocs.en.yml", "China's Large Models Boom as Foreign Pioneers Fight for Survival",
     "http://127.0.0.1:8000/en/"),
])
def test_the_article_itself(config, title, url, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("SITE_URL_EN", raising=False)
    item = article_item(config)
    assert (item["title"], item["URL"], item["type"]) == (title, url, "webpage")
    jsonschema.validate([item], CSL_SCHEMA)
    parsed = bibtexparser.parse_string(article_bibtex(item)).entries[0]
    assert parsed.fields_dict["title"].value == "{" + title + "}"
    assert parsed.fields_dict["url"].value == url


def test_the_article_without_its_authors_is_one_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nsite_url: https://example.org/\nextra:\n  article:\n    date: 2026-12-04\n",
                      encoding="utf-8")
    with pytest.raises(ContentError, match=r"mkdocs\.yml: extra\.article needs 'authors' \(a list\) and 'date'"):
        article_item(str(config))
