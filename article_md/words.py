"""The words a reader sees, from the edition's catalogue: ``extra.words`` in its config file.

Each edition's config file (``mkdocs.yml``, ``mkdocs.en.yml``) holds everything
that edition says in its language: its nav titles, its colour-scheme toggles and,
under ``extra.words``, the words the extensions, the templates (``config.extra.words``)
and the scripts (given theirs in a ``data-words`` attribute) put on its pages.
Both builders read that file, so one catalogue per language serves Python,
Jinja and JavaScript under MkDocs and Zensical alike.

    words = catalogue("mkdocs.en.yml")
    words.section("data")["note"]          # "Editor's note"
    words.text("classifier", "right", n=3)  # "Classified correctly (3)"

A missing entry is a ContentError naming the file, the key and the language.
"""

from __future__ import annotations

from pathlib import Path

from article_md.errors import ContentError
from article_md.site import cached, display, read_config


class Section(dict):
    """One section of a catalogue; a missing key stops the build with one line."""

    def __init__(self, values: dict, where: str, name: str):
        super().__init__(values)
        self.where, self.name = where, name

    def text(self, key: str, **values) -> str:
        """An entry with its {placeholders} filled in."""
        try:
            return str(self[key]).format(**values)
        except (KeyError, IndexError, ValueError) as error:
            raise ContentError(f"{self.where}: extra.words.{self.name}.{key}: placeholder "
                               f"{error} is not one of {sorted(values)}; correct the entry") from None

    def __missing__(self, key: str):
        raise ContentError(f"{self.where}: extra.words.{self.name} has no entry {key!r}; add it "
                           "(each edition's config file has the same keys, in its own language)")


class Catalogue:
    def __init__(self, words: dict, where: str, language: str):
        self.words, self.where, self.language = words, where, language

    def section(self, name: str) -> Section:
        values = self.words.get(name)
        if not isinstance(values, dict):
            raise ContentError(f"{self.where}: extra.words has no section {name!r} "
                               f"({self.language} edition); add it")
        return Section(values, f"{self.where} ({self.language} edition)", name)

    def text(self, section: str, key: str, **values) -> str:
        """An entry with its {placeholders} filled in."""
        return self.section(section).text(key, **values)


def _watch(config_file: str):
    path = Path(config_file)
    return [path.parent / name for name in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.common.yml")
            if (path.parent / name).is_file()] + [path]


@cached(_watch)
def catalogue(config_file: str) -> Catalogue:
    """The catalogue of the edition that ``config_file`` builds."""
    config = read_config(Path(config_file))
    words = (config.get("extra") or {}).get("words")
    where = display(Path(config_file))
    if not isinstance(words, dict):
        raise ContentError(f"{where}: no extra.words (the edition's catalogue of the words "
                           "its pages show); add it as mkdocs.yml has it")
    language = (config.get("theme") or {}).get("language") or "en"
    return Catalogue(words, where, language)


def keys(words: dict, prefix: str = "") -> set[str]:
    """Every entry's dotted key, e.g. {"data.note", "page.search_label"}."""
    out = set()
    for name, value in words.items():
        out |= keys(value, f"{prefix}{name}.") if isinstance(value, dict) else {prefix + name}
    return out
