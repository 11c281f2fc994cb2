"""Build speed: keep across builds what does not change between them (in .build-cache/,
not in .cache/, which Zensical owns and empties on ``zensical build --clean``).

* Jinja bytecode of Material's templates (``on_env``): MkDocs compiles every
  template again on each build, about 1.5 s, also for each reload of
  ``mkdocs serve``. Jinja's own file cache keys each entry on the template's
  source, so an edited override is recompiled.
* the list of the theme's files (``on_config``): MkDocs walks the theme folders
  on each build to find the files to copy, and Material's holds 14,000 icons
  (0.12 s for each build of each edition). The list is kept while the installed
  themes stay the same, and made again whenever anything in ``overrides/`` changes.
* jieba's segmentation of the Chinese text for the search index (``on_config``):
  Material's search plugin cuts every run of Chinese characters with jieba, which
  first loads its dictionary (1-2 s in each new process). The cuts are kept per
  text and jieba version, one file per edition (each build keeps only the text it
  cut: a shared file would be emptied by the other edition's build); jieba is
  loaded only for text it has not cut before. Under ``mkdocs serve`` it is loaded
  in the background once the first build is served (``on_serve``), so the first
  edit that brings new Chinese text does not wait for it.
  (Material's ``jieba_dict`` options are not used here; setting them would need
  the dictionary in the cache key.)
"""

from __future__ import annotations

import json
import os
import threading
from importlib import metadata
from pathlib import Path

from jinja2 import BaseLoader, FileSystemBytecodeCache

from article_md.site import BUILD_CACHE, files_stamp, hook_state


def _cache_dir(config) -> Path:
    folder = Path(config.config_file_path).parent / BUILD_CACHE
    folder.mkdir(exist_ok=True)
    return folder


class CachedJieba:
    """Stands in for the ``jieba`` module where Material's search plugin uses it."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, list[str]] = {}

    def cut(self, value):
        text = value.decode("utf-8") if isinstance(value, bytes) else value
        words = self.used.get(text) or self.known.get(text)
        if words is None:
            import jieba

            words = list(jieba.cut(text))
        self.used[text] = words
        return words

    def save(self) -> None:
        """Keep what this build used (the cache does not grow with old text)."""
        if self.used != self.known:
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.path)
            self.known = dict(self.used)
        self.used = {}


class ListedLoader(BaseLoader):
    """A theme's template loader whose list of files is known already."""

    def __init__(self, loader: BaseLoader, names: list[str]):
        self.loader, self.names = loader, names

    def get_source(self, environment, template):
        return self.loader.get_source(environment, template)

    def list_templates(self):
        return list(self.names)


_state = hook_state.setdefault("build_cache", {})  # across serve rebuilds


def _listing_once(theme):
    get_env = theme.get_env
    known = _state.setdefault("theme_files", {})

    def get_env_listed():
        env = get_env()
        key = (tuple(theme.dirs), files_stamp([theme.custom_dir] if theme.custom_dir else []))
        if key not in known:
            known.clear()
            known[key] = env.loader.list_templates()
        env.loader = ListedLoader(env.loader, known[key])
        return env
    return get_env_listed


def on_config(config, **kwargs):
    from material.plugins.search import plugin as search

    config.theme.get_env = _listing_once(config.theme)

    # What this build replaces, put back when it ends: the English edition may be built
    # inside the Chinese one's build (hooks/editions.py, where there is no fork).
    _state.setdefault("replaced", []).append(search.jieba)
    if search.jieba is not None:  # jieba installed: Material segments Chinese text
        edition = config.theme["language"]
        path = _cache_dir(config) / f"jieba-{metadata.version('jieba')}-{edition}.json"
        editions = _state.setdefault("jieba", {})
        if path not in editions:
            editions[path] = CachedJieba(path)
        search.jieba = editions[path]
    return config


def on_env(env, config, **kwargs):
    folder = _cache_dir(config) / "jinja"
    folder.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def _end_of_build(saved: bool) -> None:
    from material.plugins.search import plugin as search

    if saved and hasattr(search.jieba, "save"):  # a CachedJieba (of any import of this module)
        search.jieba.save()
    if _state.get("replaced"):
        search.jieba = _state["replaced"].pop()


def on_post_build(config, **kwargs):
    _end_of_build(saved=True)


def on_build_error(error, **kwargs):
    _end_of_build(saved=False)


def on_serve(server, config, builder, **kwargs):
    from material.plugins.search import plugin as search

    if search.jieba is not None and hasattr(search.jieba, "initialize"):  # the jieba module
        threading.Thread(target=search.jieba.initialize, name="jieba", daemon=True).start()
    return server
