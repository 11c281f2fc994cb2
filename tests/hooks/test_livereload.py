"""hooks/livereload.py: `mkdocs serve` polls every 0.1 s and still watches all it watched."""

import sys

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import livereload  # noqa: E402


def _server(tmp_path):
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def test_serve_polls_every_tenth_of_a_second_and_keeps_mkdocs_watches(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    server = _server(tmp_path)
    # What MkDocs' serve watches before the plugins' on_serve (here with --watch-theme).
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
        server.watch(path)
    before = {emitter.watch.path for emitter in server.observer.emitters}
    old = server.observer

    server = livereload.on_serve(server, config=config, builder=None)

    assert server.observer is not old and server.observer.timeout == livereload.POLL_SECONDS
    assert {emitter.watch.path for emitter in server.observer.emitters} == before
    assert not old.emitters  # nothing left on the watcher MkDocs will not start
    server.watch(str(ROOT / "snippets"))  # mkdocs.yml's watch: folders, added after on_serve
    assert len(server.observer.emitters) == len(before) + 1


def test_theme_folders_stay_unwatched_without_watch_theme(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"))
    server = _server(tmp_path)
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    before = {emitter.watch.path for emitter in server.observer.emitters}
    server = livereload.on_serve(server, config=config, builder=None)
    watched = {emitter.watch.path for emitter in server.observer.emitters}
    assert watched == before
    assert not watched & set(config.theme.dirs)


def test_every_input_of_either_edition_is_watched():
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {str(path) for path in config.watch}
    for name in ("mkdocs.en.yml", "overrides", "snippets", "data", "article_md", "hooks"):
        assert str(ROOT / name) in watched, name
