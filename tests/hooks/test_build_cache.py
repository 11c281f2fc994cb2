"""hooks/build_cache.py: what is kept between builds gives the same site, and is used."""

import json
import sys

import jieba
from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import build_cache  # noqa: E402


def test_cut_equals_jieba_and_is_kept_per_text(tmp_path):
    path = tmp_path / "jieba.json"
    cache = build_cache.CachedJieba(path)
    text = "国内大模型如火如荼"
    assert cache.cut(text.encode("utf-8")) == list(jieba.cut(text))  # Material passes bytes
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {text: list(jieba.cut(text))}


def test_kept_cuts_are_used_and_unused_ones_dropped(tmp_path):
    path = tmp_path / "jieba.json"
    path.write_text(json.dumps({"交叉熵": ["交叉", "熵"], "旧文字": ["旧", "文字"]}), encoding="utf-8")
    cache = build_cache.CachedJieba(path)
    assert cache.cut("交叉熵") == ["交叉", "熵"]  # from the file, not from jieba
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {"交叉熵": ["交叉", "熵"]}


def test_broken_cache_file_is_ignored(tmp_path):
    path = tmp_path / "jieba.json"
    path.write_text("{not json", encoding="utf-8")
    assert build_cache.CachedJieba(path).cut("模型") == list(jieba.cut("模型"))


def test_templates_compile_once(tmp_path):
    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    loader = DictLoader({"page.html": "{{ 1 + 1 }}"})
    env = build_cache.on_env(Environment(loader=loader), Config())
    assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
    assert env.get_template("page.html").render() == "2"
    assert len(list((tmp_path / ".build-cache" / "jinja").iterdir())) == 1  # compiled once, kept
    again = build_cache.on_env(Environment(loader=loader), Config())  # the next build
    assert again.get_template("page.html").render() == "2"


def test_second_build_of_both_editions_does_not_load_jieba(tmp_path):
    """Each edition keeps its own cuts: the English build must not empty the Chinese cache."""
    from tests.site.conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project", warm=False)
    first = mkdocs_build(project, tmp_path / "site")
    assert first.returncode == 0, first.stderr
    assert "Prefix dict has been built" in first.stderr  # cold: jieba loaded its dictionary
    assert (project / ".build-cache" / f"jieba-{jieba.__version__}-zh.json").is_file()
    second = mkdocs_build(project, tmp_path / "site")
    assert second.returncode == 0, second.stderr
    assert "Prefix dict has been built" not in second.stderr


def test_a_build_inside_another_keeps_each_editions_cuts_apart(tmp_path):
    """Without fork, the English edition is built inside the Chinese build (hooks/editions.py):
    each build cuts with its own cache, and the outer one gets its own back afterwards."""
    from types import SimpleNamespace

    from material.plugins.search import plugin as search

    class Theme(dict):  # MkDocs' theme: a mapping that also has methods
        def get_env(self):
            raise AssertionError("no pages are built here")

    def config(language):
        return SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"),
                               theme=Theme(language=language))
    outside = search.jieba
    build_cache.on_config(config("zh"))
    chinese = search.jieba
    build_cache.on_config(config("en"))  # the English build, inside
    search.jieba.cut("英文版")
    build_cache.on_post_build(config("en"))
    assert search.jieba is chinese
    search.jieba.cut("中文版")  # the Chinese pages are indexed after the English build
    build_cache.on_post_build(config("zh"))
    assert search.jieba is outside
    folder = tmp_path / ".build-cache"
    assert set(json.loads((folder / f"jieba-{jieba.__version__}-zh.json").read_text())) == {"中文版"}
    assert set(json.loads((folder / f"jieba-{jieba.__version__}-en.json").read_text())) == {"英文版"}


def test_serve_loads_jieba_in_the_background_after_the_first_build(monkeypatch):
    import threading
    from types import SimpleNamespace

    from material.plugins.search import plugin as search

    loaded, release = threading.Event(), threading.Event()

    def initialize():
        release.wait(10)  # still loading when on_serve has returned
        loaded.set()
    monkeypatch.setattr(search, "jieba", SimpleNamespace(initialize=initialize))
    server = object()
    assert build_cache.on_serve(server, config=None, builder=None) is server
    assert not loaded.is_set()
    release.set()
    assert loaded.wait(10)


def test_theme_files_are_listed_once_until_the_overrides_change(tmp_path, monkeypatch):
    from jinja2 import FileSystemLoader
    from mkdocs.config import load_config

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "extra.js").write_text("", encoding="utf-8")
    walks = []
    listing = FileSystemLoader.list_templates
    monkeypatch.setattr(FileSystemLoader, "list_templates", lambda self: walks.append(1) or listing(self))
    monkeypatch.setitem(build_cache._state, "theme_files", {})

    def theme_files():
        config = load_config(str(ROOT / "mkdocs.yml"),
                             theme={"name": "material", "custom_dir": str(overrides)})
        plain = sorted(config.theme.get_env().list_templates())
        build_cache.on_config(config)
        build_cache.on_build_error(None)  # puts back the search plugin's jieba, saves no cuts
        listed = config.theme.get_env()
        assert listed.get_template("main.html")  # templates still load through it
        return plain, sorted(listed.list_templates())

    plain, listed = theme_files()
    assert listed == plain and "extra.js" in listed
    before = len(walks)
    assert theme_files()[1] == plain  # a second build: listed from what was kept
    assert len(walks) == before + 1  # (the one walk is the plain listing above)
    (overrides / "more.js").write_text("", encoding="utf-8")
    plain, listed = theme_files()
    assert "more.js" in listed and listed == plain
