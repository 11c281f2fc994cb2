"""Check every input an author edits, before a builder writes anything.

    python -m article_md.check [-f mkdocs.yml]

Reads ``mkdocs.yml`` (nav, docs_dir, the options of this package's extensions
and of pymdownx.snippets) and checks, stopping at the first problem with one
line naming the file, the line, entry or field, and the fix:

* the nav: every page exists; notebooks are valid;
* the data files and every citation (``article_md.datalists``);
* the stored results and every result marker (``article_md.runs``);
* every ``--8<--`` line: the snippet file and its section exist;
* numbered equations and figures and the references to them (``article_md.xrefs``),
  with the same labels and numbers as the twin edition's;
* every editor's note (``article_md.editor_notes_checks``): its parts, its quote found
  verbatim in the source article, the same notes as its twin page in the other
  edition; and every data entry's ``correction.original`` in the source article.

The MkDocs hook ``hooks/content.py`` runs ``check_site`` in ``on_config``;
``make zensical`` runs this module before ``zensical build``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from article_md import citations, corrections, datalists, editor_notes_checks, run_store, runs, xrefs
from article_md.errors import ContentError
from article_md.site import display, extension_options, nav_pages, read_config
from article_md.words import catalogue, keys

SNIPPET_LINE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
SECTION = re.compile(r"^(.*?):([A-Za-z_][\w-]*)$")


def check_snippet_lines(where: str, markdown: str, base_paths: list[Path]) -> None:
    # pymdownx.snippets includes inside code fences too (that is where its lines usually are).
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = SNIPPET_LINE.match(line)
        if not match:
            continue
        target = match.group(1)
        section = SECTION.match(target)
        path_part, name = (section.group(1), section.group(2)) if section else (target, None)
        files = [base / path_part for base in base_paths if (base / path_part).is_file()]
        if not files:
            raise ContentError(f"{where}, line {number}: --8<-- names {path_part!r}, which does "
                               "not exist (paths are relative to the project folder)")
        if name:
            source = files[0].read_text(encoding="utf-8")
            for edge in ("start", "end"):
                if f"--8<-- [{edge}:{name}]" not in source:
                    raise ContentError(
                        f"{where}, line {number}: --8<-- names section {name!r} of {path_part}, "
                        f"which has no '# --8<-- [{edge}:{name}]' line; add the markers around "
                        "the code or correct the name")


def check_notebook(path: Path) -> None:
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises JSON, validation and reader errors
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ContentError(f"{display(path)}: not a valid Jupyter notebook ({first}); restore it "
                           "with git or re-run it with 'make results'") from None


def check_edition(config_file: Path, config: dict, options: dict[str, dict]) -> None:
    """The content extensions render the edition the config file builds: their
    language and docs folder are the config's own (set under markdown_extensions)."""
    language = (config.get("theme") or {}).get("language") or "en"
    docs = str(config.get("docs_dir") or "docs")
    for name in ("article_md.datalists", "article_md.runs", "article_md.corrections"):
        if name not in options:
            continue
        values = options[name]
        where = f"{display(config_file)}, markdown_extensions, {name}"
        if values.get("language", "zh") != language:
            raise ContentError(f"{where}: language is {values.get('language', 'zh')!r} but the "
                               f"theme's is {language!r}; set language: {language}")
        if str(values.get("docs_dir", "docs")).rstrip("/") != docs.rstrip("/"):
            raise ContentError(f"{where}: docs_dir is {values.get('docs_dir', 'docs')!r} but the "
                               f"edition's pages are in {docs!r}; set docs_dir: {docs}")


TEMPLATE_WORDS = re.compile(r"config\.extra\.words\.(\w+)\.(\w+)")
TEMPLATE_SECTION = re.compile(r"\{%-?\s*set\s+(\w+)\s*=\s*config\.extra\.words\.(\w+)\s*-?%\}")
SCRIPT_WORDS = re.compile(r"(?<!\.)\bwords\.(\w+)")
# Python code (the extensions, the hooks) asking a catalogue for an entry.
PYTHON_WORDS = re.compile(r"\.text\(\s*\"(\w+)\",\s*\"(\w+)\"")
# Scripts that get a catalogue section in a data-words attribute.
SCRIPTS = {"classifier_script": "assets/javascripts/classifier.js",
           "explorable_script": "assets/javascripts/explorables.js"}


def check_words(config_file: Path, docs: Path) -> None:
    """The edition's catalogue (extra.words) has every entry its twin edition has, and
    every entry the templates (overrides/) and scripts ask for."""
    words = catalogue(str(config_file))
    have = keys(words.words)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        twin = config_file.with_name(name)
        if twin.resolve() == config_file.resolve() or not twin.is_file():
            continue
        missing = sorted(keys(catalogue(str(twin)).words) - have)
        if missing:
            raise ContentError(f"{display(config_file)}: extra.words has no entry {missing[0]!r} "
                               f"({display(twin)} has it); add it in the edition's language")
    wanted = []
    for template in sorted(Path(config_file.parent, "overrides").rglob("*.html")):
        source = template.read_text(encoding="utf-8")
        wanted += [(template, f"{s}.{k}") for s, k in TEMPLATE_WORDS.findall(source)]
        for variable, section in TEMPLATE_SECTION.findall(source):
            wanted += [(template, f"{section}.{k}")
                       for k in re.findall(rf"(?<!\.)\b{variable}\.(\w+)", source)]
    for section, script in SCRIPTS.items():
        path = docs / script
        if path.is_file():
            wanted += [(path, f"{section}.{k}") for k in SCRIPT_WORDS.findall(path.read_text("utf-8"))]
    for folder in ("article_md", "hooks"):
        for module in sorted(Path(config_file.parent, folder).glob("*.py")):
            wanted += [(module, f"{s}.{k}")
                       for s, k in PYTHON_WORDS.findall(module.read_text(encoding="utf-8"))]
    for where, key in wanted:
        if key not in have:
            raise ContentError(f"{display(where)} uses extra.words.{key}, which "
                               f"{display(config_file)} does not have; add it")


def check_xrefs(config_file: Path, values: dict) -> None:
    o = xrefs.XrefExtension(**values).getConfigs()
    numbered = xrefs.index(o["docs_dir"], o["config_file"])
    twin_file = Path(o["twin_config_file"]) if o["twin_config_file"] else None
    if twin_file is None or not twin_file.is_file():
        return
    twin_values = extension_options(read_config(twin_file)).get("article_md.xrefs")
    if twin_values is None:
        raise ContentError(f"{display(twin_file)}: markdown_extensions has no article_md.xrefs, "
                           f"which {display(config_file)} has; add it with the edition's docs_dir")
    t = xrefs.XrefExtension(**twin_values).getConfigs()
    xrefs.check_twins(numbered, xrefs.index(t["docs_dir"], t["config_file"]),
                      display(config_file), display(twin_file))


def check_site(config_file: str | Path = "mkdocs.yml", missing_dataset: str = "error") -> None:
    """Raise ContentError for the first problem in the site's inputs."""
    config_file = Path(config_file)
    config = read_config(config_file)
    docs = Path(config.get("docs_dir") or "docs")
    pages = nav_pages(config_file, docs)
    options = extension_options(config)
    check_edition(config_file, config, options)
    check_words(config_file, docs)

    for page in pages:
        if page.src.endswith(".ipynb"):
            check_notebook(docs / page.src)

    lib = None
    if "article_md.datalists" in options:
        # the options the extension itself will run with: its defaults, then mkdocs.yml's
        o = datalists.DataExtension(**options["article_md.datalists"]).getConfigs()
        lib = citations.library(o["data_dir"], o["docs_dir"], o["config_file"], o["references_page"])
    state, result_options = None, {}
    if "article_md.runs" in options:
        result_options = runs.ResultsExtension(**options["article_md.runs"],
                                                  missing_dataset=missing_dataset).getConfigs()
        state = run_store.stored(result_options["results_dir"], missing_dataset)
    notes = None
    if "article_md.corrections" in options:
        notes = corrections.CorrectionsExtension(**options["article_md.corrections"]).getConfigs()
    snippets = options.get("pymdownx.snippets")
    base_paths = [Path(p) for p in (snippets or {}).get("base_path") or ["."]]
    in_nav = {p.src for p in pages}
    excluded = tuple(line.strip() for line in (config.get("exclude_docs") or "").splitlines()
                     if line.strip().endswith("/"))
    known = (*runs.KINDS, *xrefs.KINDS, "data")
    if "article_md.xrefs" in options:
        check_xrefs(config_file, options["article_md.xrefs"])

    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src.startswith(("assets/", *excluded)):
            continue  # vendored packages' read-me files; another edition's pages
        where = display(path)
        markdown = path.read_text(encoding="utf-8")
        if state is not None:
            runs.check_page(state, src, where, markdown, result_options, known_kinds=known)
        if lib is not None and src not in in_nav:
            citations.check_page(lib, src, where, markdown)
        if snippets is not None:
            check_snippet_lines(where, markdown, base_paths)
        if notes is not None:
            editor_notes_checks.check_page(notes, src, markdown)
    if notes is not None:
        editor_notes_checks.check_data(notes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m article_md.check", description=__doc__.split("\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--missing-dataset", choices=("error", "warn"), default="error")
    args = parser.parse_args(argv)
    try:
        check_site(args.config_file, args.missing_dataset)
    except ContentError as error:
        print(f"ERROR - {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
