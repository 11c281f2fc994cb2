"""The citable data entries as CSL-JSON and BibTeX: what the styles format and readers download.

``csl_item(entry, lang)`` maps a Book or Work (``article_md.schema``) to a CSL-JSON
item, in the edition's language where a field has an ``_en`` twin. Derived, never
typed twice: the item's ``language`` (a title in Chinese characters is Chinese),
an arXiv preprint's publisher, number and DOI (arXiv's own, 10.48550/arXiv.<id>),
the arXiv page as the URL of a paper that has no other, and the access date of
an online source (the day it was verified).

``downloads(options)`` gives the references page's two files, every cited entry in
the order of its number: ``references.bib`` (BibTeX, written by bibtexparser) and
``references.json`` (CSL-JSON). MkDocs adds them to each edition's files
(``hooks/content.py``); for other builders::

    python -m article_md.bibliography -f mkdocs.en.yml --site-dir site-zensical/en
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry, Field

from article_md.citations import library
from article_md.errors import ContentError
from article_md.schema import HAN, Name, Organization
from article_md.site import display, edition_options, read_config

FILES = {"bibtex": "references.bib", "csl": "references.json"}
ARXIV_DOI = "10.48550/arXiv.{}"


def _date(value) -> dict:
    if isinstance(value, dt.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    return {"date-parts": [[int(value)]]}


def csl_name(name) -> dict:
    if isinstance(name, Organization):
        return {"literal": name.literal}
    if isinstance(name, Name):
        return {"family": name.family, "given": name.given}
    if HAN.search(name):
        return {"literal": name}
    given, _, family = name.strip().rpartition(" ")
    return {"family": family, "given": given}


def display_name(name) -> str:
    """A name as a reader writes it: "Given Family", or the organization."""
    if isinstance(name, Organization):
        return name.literal
    if isinstance(name, Name):
        return f"{name.given} {name.family}"
    return name


def language(entry) -> str:
    return "zh" if HAN.search(entry.title) else "en"


def _field(entry, name: str, lang: str):
    if lang == "en" and getattr(entry, f"{name}_en", None) is not None:
        return getattr(entry, f"{name}_en")
    return getattr(entry, name, None)


def csl_item(entry, lang: str = "zh") -> dict:
    """One entry as CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item = {"id": entry.id, "type": entry.type, "language": language(entry),
            "title": entry.title, "author": [csl_name(name) for name in entry.authors],
            **({"issued": _date(entry.issued)} if entry.issued is not None else {})}
    fields = {"container-title": _field(entry, "container", lang),
              "volume": getattr(entry, "volume", None), "issue": getattr(entry, "issue", None),
              "page": getattr(entry, "pages", None), "publisher": getattr(entry, "publisher", None),
              "publisher-place": getattr(entry, "publisher_place", None),
              "edition": getattr(entry, "edition", None), "ISBN": entry.isbn, "DOI": entry.doi,
              "URL": str(entry.url) if entry.url else None}
    if entry.arxiv:
        if entry.type == "article":  # the preprint itself
            fields.update({"publisher": "arXiv", "number": f"arXiv:{entry.arxiv}",
                           "DOI": entry.doi or ARXIV_DOI.format(entry.arxiv)})
        elif not entry.url:
            fields["URL"] = f"https://arxiv.org/abs/{entry.arxiv}"
    if fields["URL"] and not fields["DOI"]:
        fields["accessed"] = _date(entry.verified.date)
    item.update({key: value for key, value in fields.items() if value is not None})
    return item


# ------------------------------------------------------------------- BibTeX

BIBTEX_TYPES = {"article-journal": "article", "article-newspaper": "article",
                "paper-conference": "inproceedings", "book": "book", "report": "techreport"}


def _bibtex_name(name) -> str:
    part = csl_name(name)
    if "literal" in part:
        return "{" + part["literal"] + "}"
    return f"{part['family']}, {part['given']}"


def bibtex_entry(entry, lang: str = "zh") -> Entry:
    """One entry in BibTeX's standard types and fields (+ doi, url, urldate, eprint)."""
    item = csl_item(entry, lang)
    kind = BIBTEX_TYPES.get(entry.type, "misc")
    container = {"article": "journal", "inproceedings": "booktitle"}.get(kind, "howpublished")
    values = {
        "author": " and ".join(_bibtex_name(name) for name in entry.authors),
        "title": "{" + entry.title + "}",  # as the source capitalizes it
        container: item.get("container-title"),
        "publisher" if kind != "techreport" else "institution": (
            None if entry.type == "article" else item.get("publisher")),
        "address": item.get("publisher-place"),
        "edition": item.get("edition"),
        "volume": item.get("volume"), "number": item.get("issue"),
        "pages": item["page"].replace("–", "--") if "page" in item else None,
        "year": str(entry.year) if entry.year else None,
        "month": str(entry.issued.month) if isinstance(entry.issued, dt.date) else None,
        "isbn": entry.isbn, "doi": item.get("DOI"),
        "eprint": entry.arxiv, "archiveprefix": "arXiv" if entry.arxiv else None,
        "url": item.get("URL"),
        "urldate": entry.verified.date.isoformat() if "accessed" in item else None,
        "language": "chinese" if item["language"] == "zh" else "english",
    }
    return Entry(kind, entry.id, [Field(key, value) for key, value in values.items() if value])


def bibtex(entries, lang: str = "zh") -> str:
    return bibtexparser.write_string(bibtexparser.Library([bibtex_entry(e, lang) for e in entries]))


# ------------------------------------------------------------- the article

ARTICLE_ID = "llmarticle"


def article_item(config_file: str, site_url: str = "") -> dict:
    """The article itself as CSL-JSON, in the edition ``config_file`` builds: its title is the
    edition's site_name, its address ``site_url`` (or the config's); authors and date are
    ``extra.article`` (mkdocs.common.yml, which CITATION.cff repeats)."""
    config = read_config(Path(config_file))
    article = (config.get("extra") or {}).get("article")
    where = display(Path(config_file))
    if not isinstance(article, dict) or not article.get("authors") or not article.get("date"):
        raise ContentError(f"{where}: extra.article needs 'authors' (a list) and 'date' "
                           "(YYYY-MM-DD), the article as a citable work; add them as "
                           "mkdocs.common.yml has them")
    try:
        issued = _date(dt.date.fromisoformat(str(article["date"])))
    except ValueError:
        raise ContentError(f"{where}: extra.article.date {article['date']!r} is not a date "
                           "(YYYY-MM-DD)") from None
    lang = (config.get("theme") or {}).get("language") or "en"
    return {"id": ARTICLE_ID, "type": "webpage", "language": lang, "title": config["site_name"],
            "author": [{"literal": str(name)} for name in article["authors"]],
            "issued": issued, "URL": site_url or config.get("site_url") or ""}


def article_bibtex(item: dict) -> str:
    year, month, day = (item["issued"]["date-parts"][0] + [None, None])[:3]
    fields = {"author": " and ".join("{" + a["literal"] + "}" for a in item["author"]),
              "title": "{" + item["title"] + "}", "year": str(year),
              "month": str(month) if month else None,
              "howpublished": "\\url{" + item["URL"] + "}", "url": item["URL"],
              "language": "chinese" if item["language"] == "zh" else "english"}
    entry = Entry("misc", item["id"], [Field(k, v) for k, v in fields.items() if v])
    return bibtexparser.write_string(bibtexparser.Library([entry])).strip()


# ---------------------------------------------------------------- downloads

def cited_entries(options: dict) -> list:
    """Every cited entry, in the order of its number, for the edition ``options`` describe
    (the options of article_md.datalists)."""
    lib = library(options["data_dir"], options["docs_dir"], options["config_file"],
                  options["references_page"])
    return [lib.entries[key][1] for key, _ in sorted(lib.numbers.items(), key=lambda kv: kv[1])]


def downloads(options: dict) -> dict[str, str]:
    entries = cited_entries(options)
    lang = options.get("language", "zh")
    items = [csl_item(entry, lang) for entry in entries]
    return {FILES["bibtex"]: bibtex(entries, lang),
            FILES["csl"]: json.dumps(items, ensure_ascii=False, indent=2) + "\n"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m article_md.bibliography",
                                     description="Write the references page's downloads.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--site-dir", required=True, help="the edition's built site")
    args = parser.parse_args(argv)
    try:
        options = edition_options(Path(args.config_file))["article_md.datalists"]
        for name, content in downloads(options).items():
            (Path(args.site_dir) / name).write_text(content, encoding="utf-8")
    except ContentError as error:
        print(f"ERROR - {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
