"""Schemas of the YAML files under data/ and a loader that reports the file, entry, field and line.

Every problem becomes one ``DataError`` whose message names the file, the entry
(its id, or its position) and the field, with the YAML line where there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, ClassVar, Literal, Optional, Union

import yaml
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl,
                      TypeAdapter, ValidationError, model_validator)

from article_md.errors import ContentError, yaml_syntax_error
from article_md.site import SafeLoader


class DataError(ContentError):
    """One readable message about a bad data file; the build stops with it."""


# ---------------------------------------------------------------- identifiers

DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s]+$")
ARXIV_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z][a-z.\-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")


def check_doi(value: str) -> str:
    if not DOI_RE.match(value):
        raise ValueError(f"malformed DOI {value!r} (expected 10.<registrant>/<suffix>)")
    return value


def check_arxiv(value: str) -> str:
    if not ARXIV_RE.match(value):
        raise ValueError(f"malformed arXiv id {value!r} (expected e.g. 1706.03762)")
    return value


def check_isbn(value: str) -> str:
    digits = value.replace("-", "").replace(" ", "").upper()
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        expected = str((10 - total % 10) % 10)
    elif len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        expected = "X" if check == 10 else str(check)
    else:
        raise ValueError(f"malformed ISBN {value!r} (expected 10 or 13 digits)")
    if digits[-1] != expected:
        raise ValueError(f"ISBN {value!r} has a wrong check digit (expected {expected})")
    return value


_HTTP_URL = TypeAdapter(HttpUrl)
SOURCE_FORMS = "an http(s) URL, doi:10.<registrant>/<suffix>, arXiv:<id> or ISBN <10 or 13 digits>"


def check_source(value: str) -> str:
    """Where an entry was verified: a URL, or doi:…, arXiv:…, ISBN … (checked like the fields)."""
    if value.startswith(("http://", "https://")):
        try:
            _HTTP_URL.validate_python(value)
        except ValidationError:
            raise ValueError(f"malformed URL {value!r}") from None
        return value
    for prefix, check in (("doi:", check_doi), ("arXiv:", check_arxiv), ("ISBN ", check_isbn)):
        if value.startswith(prefix):
            check(value[len(prefix):].strip())
            return value
    raise ValueError(f"{value!r} is not {SOURCE_FORMS} (give the primary source you checked)")


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value):
    """YAML reads 2026-12-03 as a date; a quoted '2026-12-03' is accepted too, nothing else."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date YYYY-MM-DD, got a date and time {value.isoformat(' ')!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date (expected YYYY-MM-DD)") from None
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


def _not_in_future(value: dt.date) -> dt.date:
    today = dt.date.today()
    if value > today:
        raise ValueError(f"date {value.isoformat()} is in the future (today is {today.isoformat()}); "
                         "give the day the source was checked")
    return value


Doi = Annotated[str, AfterValidator(check_doi)]
Arxiv = Annotated[str, AfterValidator(check_arxiv)]
Isbn = Annotated[str, AfterValidator(check_isbn)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


# -------------------------------------------------------------------- models

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


HAN = re.compile(r"[\u3400-\u9fff]")


def _english(model, *fields: str, if_chinese: tuple[str, ...] = ()):
    """Every Chinese text a page shows has its English twin (field + '_en'); the fields in
    ``if_chinese`` (names, venues) need one only where they are written in Chinese."""
    needed = [*fields, *(name for name in if_chinese if HAN.search(getattr(model, name) or ""))]
    for name in needed:
        if getattr(model, name) is not None and getattr(model, f"{name}_en") is None:
            raise ValueError(f"field '{name}_en': required field is missing (the English of "
                             f"'{name}', for the English edition)")
    return model


class Verified(Strict):
    """The primary source an entry was checked against, and when."""
    source: Annotated[str, Field(min_length=1), AfterValidator(check_source)]
    date: Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_not_in_future)]


class Correction(Strict):
    """What the source article said (quoted exactly as it stands in source/article.md, with an
    English translation where it is not English already), and why the site says something else."""
    original: Text
    translation_en: Optional[Text] = None
    reason: Text
    reason_en: Text

    @model_validator(mode="after")
    def _translated(self):
        if HAN.search(self.original) and self.translation_en is None:
            raise ValueError("field 'translation_en': required field is missing (the English "
                             "translation of 'original', which is Chinese)")
        if not HAN.search(self.original) and self.translation_en is not None:
            raise ValueError("field 'translation_en': 'original' is English already; remove "
                             "'translation_en'")
        return self

    @property
    def original_en(self) -> str:
        """What the English edition shows: the translation, or the original if it is English."""
        return self.translation_en or self.original


class Name(Strict):
    """A person's name in parts, where the family name is not simply the last word."""
    family: Text
    given: Text


class Organization(Strict):
    """An organization as author (a company, a team)."""
    literal: Text


NAME_FORMS = ("'Given Family', a name in Chinese characters, {family: ..., given: ...} "
              "or, for an organization, {literal: ...}")


def _name(value):
    """A name as written: "Given Family" (the last word is the family name), a name in
    Chinese characters (kept whole), or a mapping for the others."""
    if isinstance(value, str):
        if value.strip().lower().rstrip(".") == "et al":
            raise ValueError("'et al.' is not a name: list every author (the citation styles "
                             "shorten long lists themselves)")
        if not HAN.search(value) and " " not in value.strip():
            raise ValueError(f"{value!r} has no given name: write an organization as "
                             f"{{literal: {value}}}, or a person as {{family: ..., given: ...}}")
        return value
    if isinstance(value, dict):
        fields = {k: v for k, v in value.items() if not k.startswith("__")}
        if set(fields) in ({"family", "given"}, {"literal"}) and all(
                isinstance(v, str) and v.strip() for v in fields.values()):
            return Name(**fields) if "family" in fields else Organization(**fields)
    raise ValueError(f"expected a name ({NAME_FORMS}), got {_strip_lines(value)!r}")


Author = Annotated[Union[Text, Name, Organization], BeforeValidator(_name)]


def _issued(value):
    """A year (2017) or a day (2021-06-02), as the source gives it."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1900 <= value <= 2100:
            raise ValueError(f"year {value} is out of range (1900-2100)")
        return value
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError(f"expected a year (e.g. 2017) or a day YYYY-MM-DD, got {value!r}")
    return _iso_date(value)


def _text_number(value):
    """A volume, issue, edition or page range: text, though YAML reads 521 as a number."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Number = Annotated[Text, BeforeValidator(_text_number)]

# What each kind of work needs besides id, title, authors, issued and verified, for the
# citation styles (GB/T 7714-2025 and IEEE) to print a complete reference.
WORK_TYPES: dict[str, tuple[str, ...]] = {
    "article-journal": ("container", "volume", "pages"),   # a journal article
    "paper-conference": ("container",),                     # a paper in proceedings
    "article": ("arxiv",),                                  # a preprint (arXiv)
    "article-newspaper": ("container", "url"),              # a news article
    "post-weblog": ("container", "url"),                    # a blog post
    "webpage": ("container", "url"),                        # a page of a website
    "report": ("publisher", "url"),                         # a technical report
    "software": ("publisher", "url"),                       # a software release
}


UNDATED = ("webpage",)  # the kinds of work that may have no date of publication


class _Publication(Strict):
    """Fields shared by everything a page can cite."""
    id: Id
    title: Text
    authors: list[Author] = Field(min_length=1)
    # the year or day of publication; a web page that gives none has no date
    # (its references show the day it was accessed, ``verified.date``)
    issued: Optional[Annotated[Union[int, dt.date], BeforeValidator(_issued)]] = None
    doi: Optional[Doi] = None
    arxiv: Optional[Arxiv] = None
    isbn: Optional[Isbn] = None
    url: Optional[HttpUrl] = None
    summary: Optional[Text] = None
    summary_en: Optional[Text] = None
    correction: Optional[Correction] = None
    verified: Verified

    @property
    def year(self) -> Optional[int]:
        if self.issued is None:
            return None
        return self.issued if isinstance(self.issued, int) else self.issued.year

    @model_validator(mode="after")
    def _has_identifier(self):
        if not (self.doi or self.arxiv or self.isbn or self.url):
            raise ValueError("needs at least one identifier: doi, arxiv, isbn or url")
        if self.issued is None and self.type not in UNDATED:
            raise ValueError("field 'issued': required field is missing (the year, or the day "
                             "YYYY-MM-DD, of publication)")
        return _english(self, "summary")


class Work(_Publication):
    """A paper, article or web page (papers.yml, reading.yml, sources.yml); ``type`` says
    which (the CSL item type) and which of the fields below it needs (WORK_TYPES)."""
    type: Literal[tuple(WORK_TYPES)]  # type: ignore[valid-type]
    container: Optional[Text] = None    # journal, proceedings, newspaper, blog or site
    container_en: Optional[Text] = None
    volume: Optional[Number] = None
    issue: Optional[Number] = None
    pages: Optional[Number] = None
    publisher: Optional[Text] = None

    @model_validator(mode="after")
    def _fields_of_its_type(self):
        for name in WORK_TYPES[self.type]:
            if getattr(self, name) is None:
                raise ValueError(f"field '{name}': required field is missing (a work of type "
                                 f"{self.type!r} needs {', '.join(WORK_TYPES[self.type])})")
        return _english(self, if_chinese=("container",))


class Book(_Publication):
    """A book (books.yml)."""
    publisher: Text
    publisher_place: Optional[Text] = None
    edition: Optional[Number] = None
    chinese_edition: Optional[Text] = None
    chinese_edition_en: Optional[Text] = None

    type: ClassVar[str] = "book"

    @model_validator(mode="after")
    def _chinese_edition_in_english(self):
        return _english(self, "chinese_edition")


class Tool(Strict):
    """A framework or tool (tools.yml)."""
    id: Id
    name: Text
    maintainer: Text
    maintainer_en: Optional[Text] = None
    url: HttpUrl
    status: Literal["active", "retired"]
    summary: Text
    summary_en: Text
    correction: Optional[Correction] = None
    verified: Verified

    @model_validator(mode="after")
    def _maintainer_in_english(self):
        return _english(self, if_chinese=("maintainer",))


class Faq(Strict):
    """A question and its answer (faq.yml); answers may cite with [@key]."""
    id: Id
    question: Text
    question_en: Text
    answer: Text
    answer_en: Text
    correction: Optional[Correction] = None

    @model_validator(mode="after")
    def _same_citations(self):
        cited = sorted(re.findall(r"@([\w-]+)", " ".join(re.findall(r"\[@[^\]]*\]", self.answer))))
        cited_en = sorted(re.findall(r"@([\w-]+)", " ".join(re.findall(r"\[@[^\]]*\]", self.answer_en))))
        if cited != cited_en:
            raise ValueError("field 'answer_en': cites " + (", ".join(cited_en) or "nothing")
                             + " where 'answer' cites " + (", ".join(cited) or "nothing")
                             + "; both editions must cite the same references")
        return self


# file name -> model; one file per kind of entry
SCHEMAS: dict[str, type[Strict]] = {
    "books.yml": Book,
    "tools.yml": Tool,
    "papers.yml": Work,
    "reading.yml": Work,
    "sources.yml": Work,
    "faq.yml": Faq,
}
CITABLE = ("books.yml", "papers.yml", "reading.yml", "sources.yml")


# -------------------------------------------------------------------- loader

class _LineLoader(SafeLoader):
    """Safe loader that remembers the line of each mapping and of each of its keys."""


def _construct_mapping(loader, node, deep=False):
    mapping = SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value
                            if isinstance(k, yaml.ScalarNode)}
    return mapping


def _construct_timestamp(loader, node):
    """A date as YAML reads it; one that is not a real day (2026-13-40) stays text, so the
    schema names it instead of the YAML library failing outside the one-line errors."""
    try:
        return SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


# What to add where a required field is missing, for fields whose fix is not obvious.
MISSING_HINTS = {
    "verified": "add 'verified:' with 'source:' (the primary source you checked: "
                + SOURCE_FORMS + ") and 'date:' (the day you checked it, YYYY-MM-DD)",
    "verified.source": "add the primary source you checked: " + SOURCE_FORMS,
    "verified.date": "add the day you checked the source, YYYY-MM-DD",
}
MAPPINGS = {"verified": "'source' and 'date'", "correction": "'original', 'reason' and 'reason_en'"}


def _describe(error: dict, field: str = "") -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        hint = MISSING_HINTS.get(field)
        return "required field is missing" + (f" ({hint})" if hint else "")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        given = error.get("input")
        return (f"expected a mapping of {MAPPINGS.get(field, 'fields')}, got "
                f"{type(given).__name__} {given!r}")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    given = error.get("input")
    if kind == "string_type":
        return f"expected text, got {type(given).__name__} {given!r} (put the value in quotes)"
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, got {given!r}"
    if kind == "list_type":
        return f"expected a list, got {type(given).__name__} {given!r}"
    return msg


def _field_line(item: dict, loc: list[str], line: int) -> int:
    """The line of the deepest key of ``loc`` the file has (a missing key: its parent's)."""
    node = item
    for part in loc:
        if not isinstance(node, dict) or part not in node.get("__lines__", {}):
            break
        line, node = node["__lines__"][part], node.get(part)
    return line


def load_file(path: Path, display: str) -> list[Strict]:
    """Parse and validate one data file; raise DataError naming file, entry, field and line."""
    model = SCHEMAS[path.name]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{display}: not UTF-8 (byte 0x{raw[error.start]:02x} at offset "
                        f"{error.start}); save the file as UTF-8") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        raise DataError(yaml_syntax_error(display, error)) from None
    if data is None:
        raise DataError(f"{display}: the file is empty; expected a list of entries")
    if not isinstance(data, list):
        found = "a mapping" if isinstance(data, dict) else type(data).__name__
        raise DataError(f"{display}: expected a list of entries at the top level, found {found}")

    entries = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise DataError(f"{display}, entry {position}: expected a mapping of fields, "
                            f"found {type(item).__name__}")
        line = item["__line__"]
        name = f"entry {item['id']!r}" if isinstance(item.get("id"), str) else f"entry {position}"
        try:
            entries.append(model.model_validate(_strip_lines(item)))
        except ValidationError as error:
            first = error.errors()[0]
            loc = [str(part) for part in first["loc"]]
            described = _describe(first, ".".join(loc))
            # A model's own check names its field in the message ("field 'x': ..."): join it
            # to where the model sits (e.g. correction + translation_en).
            inner = re.match(r"field '([\w.]+)': (.*)$", described)
            if inner:
                loc, described = loc + inner.group(1).split("."), inner.group(2)
            field = ".".join(loc)
            field_part = f", field '{field}'" if field else ""
            raise DataError(f"{display}, {name} (line {_field_line(item, loc, line)}){field_part}: "
                            f"{described}") from None
    return entries


def load_all(data_dir: Path, root: Path) -> dict[str, list[Strict]]:
    """Every data file, validated, with ids unique across all of them."""
    loaded: dict[str, list[Strict]] = {}
    seen: dict[str, str] = {}
    for name in SCHEMAS:
        path = data_dir / name
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        if not path.is_file():
            raise DataError(f"{display}: missing data file")
        entries = load_file(path, display)
        for entry in entries:
            if entry.id in seen:
                raise DataError(f"{display}, entry {entry.id!r}, field 'id': duplicate id "
                                f"(already used in {seen[entry.id]})")
            seen[entry.id] = display
        loaded[name] = entries
    return loaded
