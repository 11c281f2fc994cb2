"""The project as the extensions see it: where its folders are, its pages in nav order.

MkDocs and Zensical make a new Markdown instance for every page. What needs
the whole site (citation numbers, "cited on these pages", the freshness of the
stored results) is computed once per change of the inputs, by ``cached``.
Paths in options are relative to the folder the builder runs in (the project's).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from article_md.errors import ContentError


def display(path: Path) -> str:
    """A path as the author sees it: relative to the working folder where possible."""
    path = Path(path).absolute()
    cwd = Path.cwd()
    return path.relative_to(cwd).as_posix() if path.is_relative_to(cwd) else str(path)


@dataclass(frozen=True)
class Page:
    src: str  # path relative to docs_dir, e.g. "04-math.md"
    title: str | None


# libyaml's parser where PyYAML has it (several times faster: builds and reloads read
# every data file); the same results either way.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigLoader(SafeLoader):
    """Reads mkdocs.yml for its nav: every tag it does not know (!ENV, !!python/...) is None."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _walk_nav(items, where: str) -> list[Page]:
    pages = []
    for item in items or []:
        if isinstance(item, str):
            pages.append(Page(item, None))
        elif isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str):
                pages.append(Page(value, str(title)))
            elif isinstance(value, list):
                pages += _walk_nav(value, f"{where} > {title}")
            else:
                raise ContentError(f"{where}, nav entry {title!r}: expected a page path or a list "
                                   "of entries")
        else:
            raise ContentError(f"{where}, nav: expected entries like '- 标题: page.md', "
                               f"found {item!r}")
    return pages


def read_config(config_file: Path) -> dict:
    """A builder's config file as the extensions need it: tags they do not know are None,
    and ``INHERIT`` is followed as MkDocs does (mappings merged, everything else replaced)."""
    config_file = Path(config_file)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(f"{display(config_file)}: cannot be read: {error}") from None
    config = config or {}
    parent = config.pop("INHERIT", None)
    if parent:
        return _merge(read_config(config_file.parent / parent), config)
    return config


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = (_merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict)
                    else value)
    return out


def edition_options(config_file: Path) -> dict[str, dict]:
    """The options of this package's extensions that depend on the edition a config file builds.

    ``mkdocs.yml`` builds the Chinese edition from ``docs/``; ``mkdocs.en.yml`` the
    English one from ``docs/en/`` (its ``results/`` links to the same stored runs).
    """
    config = read_config(config_file)
    docs = str(config.get("docs_dir") or "docs")
    language = (config.get("theme") or {}).get("language") or "zh"
    return {
        "article_md.data": {"docs_dir": docs, "config_file": str(config_file), "language": language},
        "article_md.results": {"docs_dir": docs, "results_dir": f"{docs}/results",
                               "language": language},
    }


def nav_pages(config_file: Path, docs_dir: Path) -> list[Page]:
    """The pages of the site's nav, in order; every one must exist under docs_dir."""
    where = display(config_file)
    if not config_file.is_file():
        raise ContentError(f"{where}: missing (the extensions read the nav from it)")
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ContentError(f"{where}: YAML syntax error{at}: "
                           f"{getattr(error, 'problem', None) or error}") from None
    pages = [p for p in _walk_nav((config or {}).get("nav"), where)
             if "://" not in p.src]  # external links in nav are not pages
    if not pages:
        raise ContentError(f"{where}: no nav (list the pages in order under 'nav:')")
    for page in pages:
        if not (docs_dir / page.src).is_file():
            name = f"nav entry {page.title!r}" if page.title else "nav"
            raise ContentError(f"{where}, {name}: {display(docs_dir / page.src)} does not exist; "
                               "create it or correct the path")
    return pages


# State the MkDocs hooks keep for the whole process: MkDocs imports hook modules
# afresh each time it loads the config, that is on every `mkdocs serve` rebuild.
hook_state: dict = {}


def files_stamp(paths) -> tuple:
    """What changes when an author edits any of these files or folders."""
    out = []
    for path in paths:
        path = Path(path)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue
            out.append((str(file), info.st_mtime_ns, info.st_size))
    return tuple(out)


def cached(watch):
    """Cache a function's result until a file under ``watch(*args)`` changes.

    Errors are not cached: the next page tries again after the author's fix.
    """
    def decorate(function):
        store: dict = {}

        @functools.wraps(function)
        def wrapper(*args):
            stamp = (args, files_stamp(watch(*args)))
            if stamp not in store:
                store.clear()
                store[stamp] = function(*args)
            return store[stamp]
        wrapper.cache_clear = store.clear
        return wrapper
    return decorate


def under_zensical(md) -> bool:
    return any(type(p).__name__ == "ContextPreprocessor" for p in md.preprocessors)


_mkdocs_page: str | None = None


def set_current_page(src: str | None) -> None:
    """MkDocs glue (hooks/content.py): the page about to be rendered."""
    global _mkdocs_page
    _mkdocs_page = src


def current_page(md, fallback: str) -> str:
    """The source path of the page being rendered, relative to docs_dir.

    Zensical tells extensions through its rendering context; under MkDocs a
    hook sets it; plain ``markdown.markdown`` uses the extension's ``page`` option.
    """
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor":
            return processor.page.path
    return fallback or _mkdocs_page or "index.md"


_raise_for_builder = None


def set_error_type(raise_for_builder) -> None:
    """MkDocs glue: a function that raises the builder's own error for a message
    (MkDocs prints its PluginError as one line; other exceptions as a traceback)."""
    global _raise_for_builder
    _raise_for_builder = raise_for_builder


def fail(md, error: ContentError):
    """Stop the build with the error's one line, whichever builder runs.

    Under Zensical, which would print a Python traceback, print the line and exit;
    under MkDocs raise its own error type (set by the hook); otherwise raise."""
    if under_zensical(md):
        import sys

        print(f"ERROR - {error}", file=sys.stderr, flush=True)
        os._exit(1)
    if _raise_for_builder is not None:
        _raise_for_builder(str(error))
    raise error
