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

from article_md.errors import ContentError, yaml_syntax_error


def display(path: Path) -> str:
    """A path as the author sees it: relative to the working folder where possible."""
    path = Path(path).absolute()
    cwd = Path.cwd()
    return path.relative_to(cwd).as_posix() if path.is_relative_to(cwd) else str(path)


@dataclass(frozen=True)
class Page:
    src: str  # path relative to docs_dir, e.g. "04-math.md"
    title: str | None


# The builds' caches, relative to the project folder: not .cache/, which Zensical owns
# and empties on `zensical build --clean` (mkdocs-jupyter's cache_dir in the configs too).
BUILD_CACHE = ".build-cache"

# libyaml's parser where PyYAML has it (several times faster: builds and reloads read
# every data file); the same results either way.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigLoader(SafeLoader):
    """Reads mkdocs.yml as MkDocs would for what the extensions need: !ENV is read from the
    environment, every other tag it does not know (!!python/...) is None."""


def _env(loader, node):
    """MkDocs' ``!ENV VAR`` or ``!ENV [VAR, …, default]``: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else [
        loader.construct_object(item) for item in node.value]
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[name] for name in names if name in os.environ), default)


ConfigLoader.add_constructor("!ENV", _env)
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
    except OSError as error:
        raise ContentError(f"{display(config_file)}: cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ContentError(yaml_syntax_error(display(config_file), error)) from None
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


def extension_options(config: dict) -> dict[str, dict]:
    """{extension name: options} from a config's markdown_extensions, a mapping (as
    here: an edition's config overrides single options of the one it INHERITs) or
    a list of names and one-key mappings."""
    items = config.get("markdown_extensions") or {}
    if isinstance(items, dict):
        return {name: dict(options or {}) for name, options in items.items()}
    out = {}
    for item in items:
        if isinstance(item, str):
            out[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                out[name] = dict(options or {})
    return out


def edition_options(config_file: Path) -> dict[str, dict]:
    """The options this package's extensions run with for the edition a config
    file builds, as written under its markdown_extensions (mkdocs.en.yml sets
    the English edition's language and folders there)."""
    options = extension_options(read_config(config_file))
    return {name: options.get(name, {}) for name in ("article_md.datalists", "article_md.runs")}


def nav_pages(config_file: Path, docs_dir: Path) -> list[Page]:
    """The pages of the site's nav, in order; every one must exist under docs_dir."""
    where = display(config_file)
    if not config_file.is_file():
        raise ContentError(f"{where}: missing (the extensions read the nav from it)")
    config = read_config(config_file)
    pages = [p for p in _walk_nav(config.get("nav"), where)
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


def _mkdocs_file(md):
    """The page MkDocs is rendering with ``md``, or None under another builder.

    MkDocs registers, on each page's Markdown instance, a tree processor of its
    own named ``relpath`` that holds the page's ``File`` (MkDocs >= 1.5,
    ``mkdocs.structure.pages._RelativePathTreeprocessor``); the extensions read
    the page from there, as they read it from Zensical's context, so no hook
    has to tell them."""
    if "relpath" in md.treeprocessors:
        processor = md.treeprocessors["relpath"]
        if type(processor).__module__.startswith("mkdocs."):
            return getattr(processor, "file", None)
    return None


def current_page(md, fallback: str) -> str:
    """The source path of the page being rendered, relative to docs_dir.

    Zensical tells extensions through its rendering context, MkDocs through its
    ``relpath`` tree processor; plain ``markdown.markdown`` uses the extension's
    ``page`` option."""
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor":
            return processor.page.path
    file = _mkdocs_file(md)
    if file is not None:
        return file.src_uri
    return fallback or "index.md"


def fail(md, error: ContentError):
    """Stop the build with the error's one line, whichever builder runs.

    Under MkDocs raise its own error type, which it prints as one line (any
    other exception it prints with a traceback); under Zensical and plain
    Python-Markdown raise the ContentError (``python -m article_md.zensical``
    prints Zensical's as one line)."""
    if _mkdocs_file(md) is not None:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(error)) from None
    raise error
