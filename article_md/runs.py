"""Numbers and figures from the stored training runs (Python-Markdown extension ``article_md.runs``).

Markers a page may use (never type such a number by hand):

* ``[[result:RUN:PATH|FORMAT]]``: a value of ``RUN/metrics.json`` in the results
  folder, PATH dotted (``history.loss.-1``; ``derived.*`` for summaries,
  ``export.*`` for the model exported to the browser), FORMAT a Python format
  spec (``.2%``, ``,``).
* ``[[loss:PATH|FORMAT]]``: a value of the worked cross-entropy example
  (``snippets.loss.worked_example()``), computed when the site is built.
* ``[[figure:RUN:NAME|ALT]]``: a figure of the run, with its alt text in the page's
  language (four images: wide and narrow drawings, light and dark scheme).
* ``[[history:RUN]]``: the per-epoch table; ``[[provenance:RUN]]``: what produced the run.
* ``[[classifier:RUN]]``: the run's trained model running in the reader's browser
  (its own line; markup in ``article_md.classifier``).
* ``[[explorable:loss]]``: section 4's worked example as controls the reader moves;
  ``[[explorable:units]]``: what the classifier's network looks at (each on its own
  line; markup in ``article_md.explorables``).

Stored results are checked before any marker is expanded
(``article_md.run_store``: sources, dataset checksum, library versions, run
parameters, files present and readable). A bad marker or stale result raises
``ContentError`` with one line naming the file, the line and the fix.

    markdown.markdown(text, extensions=["article_md.runs"],
                      extension_configs={"article_md.runs": {"results_dir": "docs/results"}})
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from article_md.errors import ContentError
from article_md.markup import escape, lines_outside_fences, map_outside_fences
from article_md.run_store import stored
from article_md.site import current_page, fail
from article_md.words import catalogue

MARKER = re.compile(r"\[\[(result|loss|figure|history|provenance|classifier|explorable):([^\]|]+)"
                    r"(?:\|([^\]]*))?\]\]")
ANY_MARKER = re.compile(r"\[\[([a-z-]+):[^\]]*\]\]")
KINDS = ("result", "loss", "figure", "history", "provenance", "classifier", "explorable")


class MarkerError(Exception):
    """What is wrong with one marker (the caller adds file and line)."""


def lookup(data, path: str):
    value = data
    for part in path.split("."):
        if isinstance(value, list):
            try:
                value = value[int(part)]
            except (ValueError, IndexError):
                raise MarkerError(f"no item {part!r} in a list of {len(value)}") from None
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise MarkerError(f"no field {part!r}")
    return value


def fmt(value, spec: str | None) -> str:
    if not spec:
        return str(value)
    try:
        return format(value, spec)
    except (ValueError, TypeError) as error:
        raise MarkerError(f"format {spec!r} does not apply to {value!r}: {error}") from None


def _run(state: dict, run: str) -> dict:
    if run not in state["runs"]:
        raise MarkerError(f"unknown run {run!r} (runs: {', '.join(state['runs'])}; "
                          "see runs.yml in the results folder)")
    return state["runs"][run]


LANGUAGES = ("zh", "en")


def _history(metrics: dict, words) -> str:
    rows = [words.text("results", "history_header"), "| ---: | ---: | ---: | ---: |"]
    history = metrics["history"]
    for i, (loss_value, accuracy, seconds) in enumerate(
            zip(history["loss"], history["accuracy"], metrics["epoch_times"]), start=1):
        rows.append(f"| {i} | {loss_value:.4f} | {accuracy:.4f} | {seconds:.2f} |")
    return "\n".join(rows)


def _provenance(metrics: dict, run: str, folder: str, words) -> str:
    p, env = metrics["params"], metrics["environment"]
    limit = f" --limit {p['limit']}" if p.get("limit") else ""
    command = (f"python -m snippets.train --dataset {p['dataset']} --epochs {p['epochs']} "
               f"--batch-size {p['batch_size']} --seed {p['seed']}{limit}")
    return words.text("results", "provenance", command=command, folder=folder, run=run,
                      dataset=p["dataset"], train_size=metrics["train_size"],
                      test_size=metrics["test_size"],
                      checksum=f"`{metrics['dataset_checksum'][:19]}…`",
                      device=env["device"], cpu_count=env["cpu_count"], machine=env["machine"],
                      python=env["python"], tensorflow=env["tensorflow"], keras=env["keras"],
                      numpy=env["numpy"])


def class_names(metrics: dict, language: str) -> list[str]:
    """The run's class names in the page's language (the stored run keeps the Chinese ones)."""
    from snippets import dataset

    if language == "en":
        return list(dataset.CLASS_NAMES_EN[metrics["dataset"]])
    return list(metrics["class_names"])


def _derived(metrics: dict, language: str) -> dict:
    from snippets import results

    derived = results.summary(metrics)
    if language != "zh":
        names, zh = class_names(metrics, language), metrics["class_names"]
        for key in ("most_confused_true", "most_confused_predicted"):
            derived[key] = names[zh.index(derived[key])]
    return derived


SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"')


def figure_size(path: Path) -> tuple[int, int]:
    """A stored figure's size in CSS pixels (matplotlib gives it in points, 1 pt = 4/3 px)."""
    match = SVG_SIZE.search(path.read_text(encoding="utf-8")[:4000])
    if not match:
        raise MarkerError(f"{path.as_posix()} gives no width and height in pt on its <svg> "
                          "element: run 'make results' to draw the figures again")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)


def _run_folder(options: dict, run: str) -> str:
    """The run's folder relative to docs_dir (pages link to files in it)."""
    docs = Path(options["docs_dir"]).absolute()
    return (Path(options["results_dir"]).absolute() / run).relative_to(docs).as_posix()


def expand(state: dict, kind: str, arg: str, extra: str | None, page: str, options: dict) -> str:
    """The Markdown one marker stands for."""

    language = options["language"]
    if kind == "result":
        run, _, path = arg.partition(":")
        metrics = _run(state, run)
        values = {**metrics, "derived": _derived(metrics, language), "export": state["exports"][run]}
        return html.escape(fmt(lookup(values, path), extra))
    if kind == "loss":
        return html.escape(fmt(lookup(state["example"], arg), extra))
    if kind == "figure":
        from snippets.figures import FIGURES, LAYOUTS, SCHEMES, file_name

        run, _, name = arg.partition(":")
        _run(state, run)
        if f"{name}.svg" not in FIGURES:
            raise MarkerError(f"unknown figure {name!r} (figures: "
                              f"{', '.join(f.removesuffix('.svg') for f in FIGURES)})")
        if not extra:
            raise MarkerError("a figure needs alt text: [[figure:RUN:NAME|替代文字]]")
        folder = _run_folder(options, run)
        images = []
        for layout in LAYOUTS:
            for scheme in SCHEMES:
                file = file_name(f"{name}.svg", layout, scheme)
                href = posixpath.relpath(f"{folder}/{file}", posixpath.dirname(page) or ".")
                width, height = figure_size(Path(options["results_dir"]) / run / file)
                # Material shows #only-light / #only-dark images in the matching colour
                # scheme, and the site's stylesheet .figure-wide or .figure-narrow ones by the
                # screen's width (the browser fetches only the lazy image it shows).
                # Markdown image syntax, so MkDocs resolves and checks the path for every
                # page URL. The size lets the browser keep the figure's place before it
                # loads, so the text below does not move and links to later headings land
                # where they point.
                images.append(f"![{escape(extra)}]({href}#only-{scheme})"
                              f"{{ .figure-{layout} loading=lazy width={width} height={height} }}")
        return "".join(images)
    if kind == "history":
        return _history(_run(state, arg), catalogue(options["config_file"]))
    if kind == "provenance":
        folder = Path(options["results_dir"]).as_posix()
        return _provenance(_run(state, arg), arg, folder, catalogue(options["config_file"]))
    if kind == "classifier":
        from article_md.classifier import demo

        metrics = _run(state, arg)
        if extra is not None:
            raise MarkerError("takes no option: [[classifier:RUN]]")
        manifest = {**state["exports"][arg], "classes": class_names(metrics, language)}
        return demo(manifest, _run_folder(options, arg), page, catalogue(options["config_file"]))
    if kind == "explorable":
        from article_md.explorables import loss_widget, units_widget

        if arg not in ("loss", "units") or extra is not None:
            raise MarkerError("the explorables are [[explorable:loss]] (section 4's worked "
                              "example) and [[explorable:units]] (beside the classifier)")
        if arg == "units":
            return units_widget(page, catalogue(options["config_file"]))
        return loss_widget(state["example"], page, catalogue(options["config_file"]))
    raise MarkerError(f"unknown marker kind {kind!r}")


def _block_alone(match, line: str) -> None:
    """The classifier is a block of HTML: inside a paragraph it would break the page."""
    if match.group(1) in ("classifier", "explorable") and line.strip() != match.group(0):
        raise MarkerError("must stand on a line of its own")


def check_page(state: dict, page: str, where: str, markdown: str, options: dict,
               known_kinds=KINDS) -> None:
    """Raise ContentError for the first bad marker of a page's source."""
    for number, line in lines_outside_fences(markdown):
        for match in ANY_MARKER.finditer(line):
            if match.group(1) not in known_kinds:
                raise ContentError(f"{where}, line {number}: unknown marker {match.group(0)} "
                                   f"(known kinds: {', '.join(known_kinds)})")
        for match in MARKER.finditer(line):
            try:
                _block_alone(match, line)
                expand(state, *match.groups(), page, options)
            except MarkerError as error:
                raise ContentError(f"{where}, line {number}: {match.group(0)}: {error}") from None


class ResultsPreprocessor(Preprocessor):
    def __init__(self, md, options: dict):
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "[[" not in text:
            return lines
        page = current_page(self.md, self.options["page"])
        try:
            state = stored(self.options["results_dir"], self.options["missing_dataset"])

            def one(match):
                try:
                    return expand(state, *match.groups(), page, self.options)
                except MarkerError as error:
                    raise ContentError(f"{page}: {match.group(0)}: {error}") from None
            def line_of(line):
                for match in MARKER.finditer(line):
                    try:
                        _block_alone(match, line)
                    except MarkerError as error:
                        raise ContentError(f"{page}: {match.group(0)}: {error}") from None
                return MARKER.sub(one, line)
            return map_outside_fences(text, line_of).split("\n")
        except ContentError as error:
            fail(self.md, error)


class ResultsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "results_dir": ["docs/results", "folder of the stored runs (runs.yml, one folder per run)"],
            "docs_dir": ["docs", "the site's docs folder (figure links are relative to the page)"],
            "page": ["", "source path of the page, relative to docs_dir (builders set it)"],
            "language": ["zh", "the edition's language, zh or en (class names)"],
            "config_file": ["mkdocs.yml", "the edition's config file, whose extra.words has "
                                          "the words around the numbers"],
            "missing_dataset": ["error", "'error': a run whose dataset is not on this machine is "
                                         "stale; 'warn': compare the rest and warn"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        options = self.getConfigs()
        if options["missing_dataset"] not in ("error", "warn"):
            raise ValueError("article_md.runs: missing_dataset must be 'error' or 'warn'")
        if options["language"] not in LANGUAGES:
            raise ValueError(f"article_md.runs: language must be one of {', '.join(LANGUAGES)}")
        # Before pymdownx.snippets (32) and the fenced-code stash (25): markers in
        # included code and in fences stay as written.
        md.preprocessors.register(ResultsPreprocessor(md, options), "article_md_results", 34)


def makeExtension(**kwargs):
    return ResultsExtension(**kwargs)
