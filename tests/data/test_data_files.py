"""Bad data never reaches the page: one message naming file, entry, field (and line).

Each case edits a temporary copy of data/ (or of the project, for the build cases).
"""

import datetime
import shutil

import pytest

from tests.conftest import ROOT
from tests.site.conftest import content_check_error, copy_project, mkdocs_build

from article_md.schema import DataError, check_isbn, check_source, load_all


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _error(data_dir) -> str:
    with pytest.raises(DataError) as info:
        load_all(data_dir, data_dir.parent)
    return str(info.value)


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_committed_data_is_valid():
    loaded = load_all(ROOT / "data", ROOT)
    assert {name: len(entries) for name, entries in loaded.items()} == {
        "books.yml": 4, "tools.yml": 4, "papers.yml": 3, "reading.yml": 3,
        "sources.yml": 19, "faq.yml": 4}


CASES = [
    # (file, old text, new text, expected message parts)
    ("books.yml", "  issued: 2016\n", "  issued: 2016\n   bad: [\n",
     ["data/books.yml: YAML syntax error at line"]),
    ("books.yml", "  issued: 2016\n", "  issued: twenty-sixteen\n",
     ["data/books.yml, entry 'goodfellow2016' (line 5), field 'issued': expected a year (e.g. 2017) or a day YYYY-MM-DD, got 'twenty-sixteen'"]),
    ("books.yml", "  publisher: MIT Press\n  isbn: \"978-0-262-03561-3\"\n",
     "  isbn: \"978-0-262-03561-3\"\n",
     ["data/books.yml, entry 'goodfellow2016'", "field 'publisher': required field is missing"]),
    ("books.yml", "  issued: 2016\n", "  issued: 2016\n  pubisher: MIT\n",
     ["data/books.yml, entry 'goodfellow2016' (line 6), field 'pubisher': unknown field"]),
    ("books.yml", '  isbn: "978-0-262-03561-3"', '  isbn: "978-0-262-03561-4"',
     ["data/books.yml, entry 'goodfellow2016' (line 7), field 'isbn':", "wrong check digit (expected 3)"]),
    ("books.yml", '  isbn: "978-0-262-03561-3"', '  isbn: "978-0-262"',
     ["field 'isbn':", "malformed ISBN"]),
    ("books.yml", '  isbn: "978-0-262-03561-3"', "  isbn: 9780262035613",
     ["field 'isbn': expected text, got int 9780262035613 (put the value in quotes)"]),
    ("papers.yml", "  doi: 10.1038/nature14539", "  doi: nature14539",
     ["data/papers.yml, entry 'lecun2015' (line 11), field 'doi': malformed DOI 'nature14539'"]),
    ("papers.yml", '  arxiv: "1706.03762"', '  arxiv: "17-06-03762"',
     ["data/papers.yml, entry 'vaswani2017'", "field 'arxiv': malformed arXiv id"]),
    ("papers.yml", "- id: vaswani2017", "- id: lecun2015",
     ["data/papers.yml, entry 'lecun2015', field 'id': duplicate id (already used in data/papers.yml)"]),
    ("reading.yml", "- id: zhang2017", "- id: goodfellow2016",
     ["data/reading.yml, entry 'goodfellow2016', field 'id': duplicate id (already used in data/books.yml)"]),
    ("tools.yml", "  status: retired", "  status: dead",
     ["data/tools.yml, entry 'mxnet'", "field 'status':", "'active' or 'retired'"]),
    ("tools.yml", "  url: https://pytorch.org/", "  url: javascript:alert(1)",
     ["data/tools.yml, entry 'pytorch'", "field 'url':"]),
    ("sources.yml", "  arxiv: \"1708.07747\"\n", "",
     ["data/sources.yml, entry 'xiao2017'", "needs at least one identifier"]),
    ("faq.yml", "  question: 什么是大模型？\n", "",
     ["data/faq.yml, entry 'what-is-large-model'", "field 'question': required field is missing"]),
    ("books.yml", "    original: 《Python深度学习》（François Chollet著）\n", "",
     ["data/books.yml, entry 'chollet2021'", "field 'correction.original': required field is missing"]),
    # What the citation styles need: each kind of work its fields, every author by name
    ("papers.yml", "  container: Nature\n", "",
     ["data/papers.yml, entry 'lecun2015' (line 2), field 'container': required field is missing "
      "(a work of type 'article-journal' needs container, volume, pages)"]),
    ("sources.yml", "  type: article-newspaper\n", "  type: newspaper\n",
     ["data/sources.yml, entry 'wudao2021' (line 7), field 'type':", "'article-journal', 'paper-conference'"]),
    ("sources.yml", "  type: article-newspaper\n", "",
     ["data/sources.yml, entry 'wudao2021' (line 3), field 'type': required field is missing"]),
    ("sources.yml", "  authors: [Coco Feng]\n  issued: 2021-06-02\n", "  authors: [Coco Feng]\n",
     ["data/sources.yml, entry 'wudao2021' (line 3), field 'issued': required field is missing"]),
    ("papers.yml", "Aidan N. Gomez, Łukasz Kaiser, Illia Polosukhin]", "Aidan N. Gomez, et al.]",
     ["data/papers.yml, entry 'vaswani2017' (line 27), field 'authors.6': 'et al.' is not a name: list every author"]),
    ("sources.yml", "  authors: [{literal: Meta}]", "  authors: [Meta]",
     ["field 'authors.0': 'Meta' has no given name: write an organization as {literal: Meta}"]),
    ("sources.yml", "  authors: [{literal: Meta}]", "  authors: [{name: Meta}]",
     ["field 'authors.0': expected a name ('Given Family', a name in Chinese characters, "
      "{family: ..., given: ...} or, for an organization, {literal: ...}), got {'name': 'Meta'}"]),
    # The English edition: every Chinese text has its English twin
    ("books.yml", "  summary_en: A systematic textbook", "  summary_zz: A systematic textbook",
     ["data/books.yml, entry 'goodfellow2016'", "field 'summary_zz': unknown field"]),
    ("sources.yml", "  summary_en: Reports on WuDao 2.0", "  # summary_en: Reports on WuDao 2.0",
     ["data/sources.yml, entry 'wudao2021'",
      "field 'summary_en': required field is missing (the English of 'summary'"]),
    ("faq.yml", "  question_en: What is a large model?\n", "",
     ["data/faq.yml, entry 'what-is-large-model'", "field 'question_en': required field is missing"]),
    ("tools.yml", "  maintainer_en: PyTorch Foundation (part of the Linux Foundation)\n", "",
     ["data/tools.yml, entry 'pytorch'", "field 'maintainer_en': required field is missing"]),
    ("reading.yml", "    reason_en: Wrong author.", "    reason_zh: Wrong author.",
     ["data/reading.yml, entry 'rush2018'", "field 'correction.reason_en': required field is missing"]),
    ("faq.yml", "optimizations. The small model", "optimizations [@lecun2015]. The small model",
     ["data/faq.yml, entry 'efficiency'", "field 'answer_en': cites dao2022, dean2012, han2016, hinton2015, "
      "huang2019, lecun2015 where 'answer' cites dao2022, dean2012, han2016, hinton2015, "
      "huang2019; both editions must cite the same references"]),
    # Every entry records the primary source it was checked against, and when
    ("books.yml", "  verified:\n    source: https://www.deeplearningbook.org/\n    date: 2026-12-03\n", "",
     ["data/books.yml, entry 'goodfellow2016' (line 2), field 'verified': required field is missing",
      "add 'verified:' with 'source:'", "and 'date:' (the day you checked it, YYYY-MM-DD)"]),
    ("tools.yml", "  verified:\n    source: https://github.com/tensorflow/tensorflow\n    date: 2026-12-03\n", "",
     ["data/tools.yml, entry 'tensorflow' (line 2), field 'verified': required field is missing"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/\n", "",
     ["data/books.yml, entry 'goodfellow2016' (line 13), field 'verified.source': required field is missing",
      "an http(s) URL, doi:10.<registrant>/<suffix>, arXiv:<id> or ISBN"]),
    ("books.yml", "    date: 2026-12-03\n", "",
     ["data/books.yml, entry 'goodfellow2016' (line 13), field 'verified.date': required field is missing",
      "YYYY-MM-DD"]),
    ("books.yml", "  verified:\n    source: https://www.deeplearningbook.org/\n    date: 2026-12-03\n",
     "  verified: https://www.deeplearningbook.org/\n",
     ["data/books.yml, entry 'goodfellow2016' (line 13), field 'verified': expected a mapping of 'source' and 'date'"]),
    # ... a bad source
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: deeplearningbook.org",
     ["data/books.yml, entry 'goodfellow2016' (line 14), field 'verified.source': 'deeplearningbook.org' is not "
      "an http(s) URL, doi:10.<registrant>/<suffix>, arXiv:<id> or ISBN <10 or 13 digits>"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: javascript:alert(1)",
     ["field 'verified.source': 'javascript:alert(1)' is not an http(s) URL"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: https://",
     ["field 'verified.source': malformed URL 'https://'"]),
    ("papers.yml", "    source: doi:10.1038/nature14539", "    source: doi:nature14539",
     ["data/papers.yml, entry 'lecun2015' (line 22), field 'verified.source': malformed DOI 'nature14539'"]),
    ("papers.yml", "    source: arXiv:1706.03762", "    source: arXiv:17-06-03762",
     ["data/papers.yml, entry 'vaswani2017'", "field 'verified.source': malformed arXiv id '17-06-03762'"]),
    ("papers.yml", "    source: arXiv:1706.03762", "    source: arxiv.org/abs/1706.03762",
     ["data/papers.yml, entry 'vaswani2017'", "field 'verified.source': 'arxiv.org/abs/1706.03762' is not"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: ISBN 978-0-262-03561-4",
     ["field 'verified.source': ISBN '978-0-262-03561-4' has a wrong check digit (expected 3)"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: 9780262035613",
     ["field 'verified.source': expected text, got int 9780262035613 (put the value in quotes)"]),
    # ... a bad date
    ("books.yml", "    date: 2026-12-03", "    date: 2026-13-40",
     ["data/books.yml, entry 'goodfellow2016' (line 15), field 'verified.date': '2026-13-40' is not a valid date "
      "(expected YYYY-MM-DD)"]),
    ("books.yml", "    date: 2026-12-03", "    date: 3 December 2026",
     ["data/books.yml, entry 'goodfellow2016' (line 15), field 'verified.date': expected a date YYYY-MM-DD, "
      "got '3 December 2026'"]),
    ("books.yml", "    date: 2026-12-03", "    date: 2026-12-03 10:30:00",
     ["field 'verified.date': expected a date YYYY-MM-DD, got a date and time '2026-12-03 10:30:00'"]),
    ("books.yml", "    date: 2026-12-03", "    date: 20261203",
     ["field 'verified.date': expected a date YYYY-MM-DD, got 20261203"]),
    ("books.yml", "    date: 2026-12-03", "    date: 2999-01-01",
     ["data/books.yml, entry 'goodfellow2016' (line 15), field 'verified.date': date 2999-01-01 is in the future",
      "give the day the source was checked"]),
    ("books.yml", "    source: https://www.deeplearningbook.org/", "    source: https://www.deeplearningbook.org/\n    checked_by: me",
     ["data/books.yml, entry 'goodfellow2016' (line 15), field 'verified.checked_by': unknown field"]),
    # A correction quotes the source; its English translation only where the quote is not English
    ("books.yml", "    translation_en: Deep Learning with Python (by François Chollet)\n", "",
     ["data/books.yml, entry 'chollet2021'", "field 'correction.translation_en': required field is missing "
      "(the English translation of 'original', which is Chinese)"]),
    ("papers.yml", "    reason: 第一作者名为", "    translation_en: Attention Is All You Need\n    reason: 第一作者名为",
     ["data/papers.yml, entry 'vaswani2017'", "field 'correction.translation_en': 'original' is English already; "
      "remove 'translation_en'"]),
    ("books.yml", "    translation_en: Deep Learning with Python", "    original_en: Deep Learning with Python",
     ["data/books.yml, entry 'chollet2021'", "field 'correction.original_en': unknown field"]),
]


@pytest.mark.parametrize("name, old, new, parts", CASES, ids=[f"{c[0]}:{i}" for i, c in enumerate(CASES)])
def test_bad_entry_is_named(data_dir, name, old, new, parts):
    _replace(data_dir / name, old, new)
    message = _error(data_dir)
    for part in parts:
        assert part in message, message
    assert "\n" not in message  # one line


def test_empty_file(data_dir):
    (data_dir / "tools.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert _error(data_dir) == "data/tools.yml: the file is empty; expected a list of entries"


def test_wrong_top_level_type(data_dir):
    (data_dir / "faq.yml").write_text("question: 什么是大模型？\nanswer: 见第 2 节\n", encoding="utf-8")
    assert _error(data_dir) == "data/faq.yml: expected a list of entries at the top level, found a mapping"


def test_entry_that_is_not_a_mapping(data_dir):
    (data_dir / "papers.yml").write_text("- just a title\n", encoding="utf-8")
    assert _error(data_dir) == "data/papers.yml, entry 1: expected a mapping of fields, found str"


def test_file_that_is_not_utf8(data_dir):
    (data_dir / "books.yml").write_bytes("- id: x\n  title: 深度学习\n".encode("gb18030"))
    message = _error(data_dir)
    assert message.startswith("data/books.yml: not UTF-8 (byte 0x")


def test_missing_file(data_dir):
    (data_dir / "reading.yml").unlink()
    assert _error(data_dir) == "data/reading.yml: missing data file"


@pytest.mark.parametrize("isbn", ["978-0-262-03561-3", "9781617296864", "0-262-03924-9", "043942089X"])
def test_valid_isbns(isbn):
    assert check_isbn(isbn) == isbn


@pytest.mark.parametrize("source", ["https://arxiv.org/abs/1706.03762", "doi:10.1038/nature14539",
                                    "arXiv:1706.03762", "arXiv:1706.03762v7", "ISBN 978-0-262-03561-3",
                                    "ISBN 9781633436589"])
def test_valid_sources(source):
    assert check_source(source) == source


def test_quoted_date_is_read_as_a_date(data_dir):
    _replace(data_dir / "books.yml", "    date: 2026-12-03", "    date: \"2026-12-03\"")
    books = load_all(data_dir, data_dir.parent)["books.yml"]
    assert books[0].verified.date == datetime.date(2026, 12, 3)


def test_every_entry_is_verified_on_a_past_day():
    for name, entries in load_all(ROOT / "data", ROOT).items():
        if name == "faq.yml":
            continue
        for entry in entries:
            assert entry.verified.date <= datetime.date.today(), (name, entry.id)


def test_english_edition_shows_the_original_where_it_is_english():
    loaded = load_all(ROOT / "data", ROOT)
    papers = {entry.id: entry for entry in loaded["papers.yml"]}
    books = {entry.id: entry for entry in loaded["books.yml"]}
    vaswani = papers["vaswani2017"].correction
    assert vaswani.translation_en is None and vaswani.original_en == vaswani.original
    chollet = books["chollet2021"].correction
    assert chollet.original_en == chollet.translation_en != chollet.original


def test_corrections_quote_the_source_article_exactly():
    article = (ROOT / "source" / "article.md").read_text(encoding="utf-8")
    for name, entries in load_all(ROOT / "data", ROOT).items():
        if name == "faq.yml":
            continue
        for entry in entries:
            if entry.correction is not None:
                assert entry.correction.original in article, (name, entry.id)


# ------------------------------------------------- through the check every build runs first

def _check_fails(tmp_path, monkeypatch, edit) -> str:
    project = copy_project(tmp_path / "project")
    edit(project)
    return content_check_error(project, monkeypatch)


def test_bad_data_stops_the_build_before_anything_is_written(tmp_path, monkeypatch):
    message = _check_fails(tmp_path, monkeypatch, lambda p: _replace(
        p / "data" / "papers.yml", "  doi: 10.1038/nature14539", "  doi: https://doi.org/10.1038/nature14539"))
    assert "data/papers.yml, entry 'lecun2015' (line 11), field 'doi': malformed DOI" in message


def test_unknown_citation_key_in_faq_answer_stops_the_build(tmp_path, monkeypatch):
    def both_editions(project):  # the Chinese and the English answer cite alike
        faq = project / "data" / "faq.yml"
        faq.write_text(faq.read_text(encoding="utf-8").replace("[@dean2012]", "[@nobody]"),
                       encoding="utf-8")
    message = _check_fails(tmp_path, monkeypatch, both_editions)
    assert "data/faq.yml, entry 'efficiency', field 'answer': citation [@nobody]" in message


def test_html_and_script_in_data_are_escaped(tmp_path):
    project = copy_project(tmp_path / "project")
    _replace(project / "data" / "books.yml",
             "  summary: 深度学习领域的系统教材",
             "  summary: <script>alert('x')</script> <img src=x onerror=alert(1)> *强调* [链接](javascript:alert(1)) $x$ \\(y\\) 深度学习领域的系统教材")
    _replace(project / "data" / "faq.yml", "  question: 什么是大模型？",
             '  question: 什么是<b>大</b>模型？"引号"')
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    books = (site / "07-resources" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in books and "<img src=x" not in books
    assert 'href="javascript' not in books and "<em>强调</em>" not in books
    assert "&lt;script&gt;alert" in books or "&#60;script&#62;alert" in books
    assert 'class="arithmatex"' not in books
    faq = (site / "09-faq" / "index.html").read_text(encoding="utf-8")
    assert "<b>大</b>" not in faq and "引号" in faq
