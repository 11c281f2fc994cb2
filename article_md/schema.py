"""Schemas of the YAML files under data/ and a loader that reports the file, entry, field and line.

Every problem becomes one ``DataError`` whose message names the file, the entry
(its id, or its position) and the field, with the YAML line where there is one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, Optional

import yaml
from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, HttpUrl,
                      ValidationError, model_validator)

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


class Correction(Strict):
    """What the source article said (quoted in Chinese, with an English translation),
    and why the site says something else."""
    original: Text
    original_en: Text
    reason: Text
    reason_en: Text


class _Publication(Strict):
    """Fields shared by everything a page can cite."""
    id: Id
    title: Text
    authors: list[Text] = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    doi: Optional[Doi] = None
    arxiv: Optional[Arxiv] = None
    isbn: Optional[Isbn] = None
    url: Optional[HttpUrl] = None
    summary: Optional[Text] = None
    summary_en: Optional[Text] = None
    correction: Optional[Correction] = None

    @model_validator(mode="after")
    def _has_identifier(self):
        if not (self.doi or self.arxiv or self.isbn or self.url):
            raise ValueError("needs at least one identifier: doi, arxiv, isbn or url")
        return _english(self, "summary")


class Work(_Publication):
    """A paper, article or web page (papers.yml, reading.yml, sources.yml)."""
    venue: Text
    venue_en: Optional[Text] = None

    @model_validator(mode="after")
    def _venue_in_english(self):
        return _english(self, if_chinese=("venue",))


class Book(_Publication):
    """A book (books.yml)."""
    publisher: Text
    chinese_edition: Optional[Text] = None
    chinese_edition_en: Optional[Text] = None

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


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _describe(error: dict) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "required field is missing"
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
            field = ".".join(loc)
            field_line = item["__lines__"].get(loc[0], line) if loc else line
            field_part = f", field '{field}'" if field else ""
            raise DataError(f"{display}, {name} (line {field_line}){field_part}: "
                            f"{_describe(first)}") from None
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
