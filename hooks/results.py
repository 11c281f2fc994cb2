"""Numbers and figures from the stored training results, inserted at build time.

Markers a page may use (never type such a number by hand):

* ``[[result:RUN:PATH|FORMAT]]``: a value of results/RUN/metrics.json, PATH
  dotted (``history.loss.-1``), FORMAT a Python format spec (``.2%``, ``,``).
* ``[[loss:PATH|FORMAT]]``: a value of the worked cross-entropy example
  (``snippets.loss.worked_example()``), computed during the build.
* ``[[figure:RUN:NAME|ALT]]``: a figure of the run, with Chinese alt text.
* ``[[history:RUN]]``: the per-epoch table; ``[[provenance:RUN]]``: what produced the run.

``on_config`` refuses stale results (``snippets.results.check``: sources,
dataset checksum, library versions, run parameters) and unknown markers,
before anything is written.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "hooks"))
from markup import escape, lines_outside_fences, map_outside_fences  # noqa: E402
from snippets import loss, results  # noqa: E402
from snippets.figures import FIGURES  # noqa: E402

MARKER = re.compile(r"\[\[(result|loss|figure|history|provenance):([^\]|]+)(?:\|([^\]]*))?\]\]")
ANY_MARKER = re.compile(r"\[\[([a-z-]+):[^\]]*\]\]")
KNOWN_KINDS = {"result", "loss", "figure", "history", "provenance", "data"}  # data: hooks/references.py

RUNS: dict = {}
EXAMPLE: dict = {}


class MarkerError(Exception):
    pass


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


def run_data(run: str) -> dict:
    if run not in RUNS:
        raise MarkerError(f"unknown run {run!r} (runs: {', '.join(RUNS)}; see results/runs.yml)")
    return RUNS[run]


def expand(kind: str, arg: str, extra: str | None, page_src: str) -> str:
    if kind == "result":
        run, _, path = arg.partition(":")
        metrics = run_data(run)
        return html.escape(fmt(lookup({**metrics, "derived": results.summary(metrics)}, path), extra))
    if kind == "loss":
        return html.escape(fmt(lookup(EXAMPLE, arg), extra))
    if kind == "figure":
        run, _, name = arg.partition(":")
        run_data(run)
        if f"{name}.svg" not in FIGURES:
            raise MarkerError(f"unknown figure {name!r} (figures: {', '.join(FIGURES)})")
        if not extra:
            raise MarkerError("a figure needs alt text: [[figure:RUN:NAME|替代文字]]")
        href = posixpath.relpath(f"results/{run}/{name}.svg", posixpath.dirname(page_src) or ".")
        alt = escape(extra)
        # Markdown image syntax, so MkDocs resolves and checks the path for every page URL.
        return f"![{alt}]({href}){{ loading=lazy }}"
    if kind == "history":
        metrics = run_data(arg)
        rows = ["| 轮次 | 训练损失 | 训练准确率 | 用时（秒） |", "| ---: | ---: | ---: | ---: |"]
        history = metrics["history"]
        for i, (l, a, t) in enumerate(zip(history["loss"], history["accuracy"],
                                          metrics["epoch_times"]), start=1):
            rows.append(f"| {i} | {l:.4f} | {a:.4f} | {t:.2f} |")
        return "\n".join(rows)
    if kind == "provenance":
        m = run_data(arg)
        p, env = m["params"], m["environment"]
        limit = f" --limit {p['limit']}" if p.get("limit") else ""
        return "\n".join([
            '!!! info "这些数字从哪里来"',
            "",
            f"    由 `python -m snippets.train --dataset {p['dataset']} --epochs {p['epochs']} "
            f"--batch-size {p['batch_size']} --seed {p['seed']}{limit}` 在构建前运行得到，"
            f"结果存放在仓库的 `results/{arg}/`，构建时插入页面，并在构建时核对是否过期。",
            "",
            f"    - 数据集：{p['dataset']}（训练 {m['train_size']:,} 张，测试 {m['test_size']:,} 张），"
            f"校验和 `{m['dataset_checksum'][:19]}…`",
            f"    - 设备：{env['device']}（{env['cpu_count']} 核，{env['machine']}）",
            f"    - 版本：Python {env['python']}，TensorFlow {env['tensorflow']}，"
            f"Keras {env['keras']}，NumPy {env['numpy']}",
        ])
    raise MarkerError(f"unknown marker kind {kind!r}")


def _page_sources(config) -> list[Path]:
    return sorted(Path(config["docs_dir"]).rglob("*.md"))


def on_config(config, **kwargs):
    global RUNS, EXAMPLE
    try:
        RUNS = results.check()
    except results.StaleResult as error:
        raise PluginError(f"stale stored results:\n{error}") from None
    EXAMPLE = loss.worked_example()
    docs = Path(config["docs_dir"])
    for path in _page_sources(config):
        src = path.relative_to(docs).as_posix()
        for number, line in lines_outside_fences(path.read_text(encoding="utf-8")):
            for match in ANY_MARKER.finditer(line):
                if match.group(1) not in KNOWN_KINDS:
                    raise PluginError(f"docs/{src}, line {number}: unknown marker {match.group(0)}")
            for match in MARKER.finditer(line):
                try:
                    expand(*match.groups(), src)
                except MarkerError as error:
                    raise PluginError(f"docs/{src}, line {number}: {match.group(0)}: {error}") from None
    return config


def on_files(files, config, **kwargs):
    """Serve each run's figures and metrics.json from results/ (not copied into docs/)."""
    for run in RUNS:
        for name in (*FIGURES, "metrics.json"):
            files.append(File.generated(config, f"results/{run}/{name}",
                                        abs_src_path=str(results.RESULTS_DIR / run / name)))
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    src = page.file.src_uri
    return map_outside_fences(markdown, lambda line: MARKER.sub(lambda m: expand(*m.groups(), src), line))
