"""``mkdocs serve``: a failed rebuild shows its one-line message on every open page.

Without this, MkDocs prints the error in the terminal, the browser stays on the
last good page, and every page request waits until a rebuild succeeds. MkDocs calls
``on_serve`` once, only under ``mkdocs serve`` with live reload, with its server;
this changes that server and nothing else (``mkdocs build`` and the built site do
not change; Zensical runs no hooks):

* its builder: a failed rebuild's message is kept (the line the terminal shows for
  a plugin's or hook's error, such as the content check's; the exception's own for
  anything else; in one line), a good rebuild clears it. After a failure the server
  is told that the site it has is the one it wanted, so page requests answer at
  once instead of waiting for the next good rebuild;
* its web application: ``/livereload/build-error/<version>`` answers
  ``{"version", "message"}`` as JSON, held (as MkDocs holds its own live-reload
  request) until the version differs from the page's, or for 30 s. While a rebuild
  has failed, a page that is not in the site folder answers with a small page of
  its own instead of "404 Not Found": MkDocs empties the folder before it reads the
  pages, so a mistake found then (a formula, say) leaves the Chinese edition's
  pages missing, while one found by the content check (``hooks/content.py``, in
  ``on_config``, before that) leaves the last good site;
* each HTML page it sends gets ``build_errors.js`` (beside this file, so never part
  of the site) after MkDocs' live-reload script. It asks for the message and shows
  it in a panel in a role="alert" region; MkDocs' script reloads the page after the
  next good rebuild, which removes the panel.

A reload while the build is broken therefore answers at once: the last good page
with the panel, or, for a page the failed build removed, the small page with the
panel; both reload by themselves once the mistake is fixed.

What this relies on in MkDocs 1.6.1 (``on_serve`` checks the server's attributes and
otherwise leaves it alone, with a warning): in ``mkdocs/livereload/__init__.py``,
``LiveReloadServer.builder`` (what ``_build_loop`` calls for each rebuild),
``mount_path``, ``_epoch_cond``, ``_wanted_epoch`` and ``_visible_epoch`` (``_serve_request`` waits
while the two epochs differ; browsers reload when ``_visible_epoch`` grows, which
this leaves alone), ``_inject_js_into_html(content, epoch)`` (called for each HTML
file it sends), and the wording of the line ``_build_loop`` logs after a failure
("The server will appear stuck ...", no longer true, so reworded); in
``mkdocs/commands/build.py``, that ``build`` logs a ``BuildError`` and raises a
bare ``Abort`` while handling it (its ``__context__``). ``get_app``/``set_app`` are
wsgiref's.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import Abort, BuildError, MkDocsException

from article_md.words import catalogue

# The editions' config files, whose catalogues (extra.words.page) have the panel's words.
EDITIONS = ("mkdocs.yml", "mkdocs.en.yml")


def _words(config) -> dict:
    """What readers see, by the page's <html lang> (the script falls back to English)."""
    words = {}
    for name in EDITIONS:
        path = Path(config.config_file_path).with_name(name)
        if path.is_file():
            edition = catalogue(str(path))
            words[edition.language] = {"title": edition.text("page", "build_failed"),
                                       "hint": edition.text("page", "build_failed_hint")}
    return words

ENDPOINT = "/livereload/build-error/"
HOLD_SECONDS = 30
SCRIPT = Path(__file__).with_name("build_errors.js")
INTERNALS = ("builder", "mount_path", "_epoch_cond", "_wanted_epoch", "_visible_epoch",
             "_inject_js_into_html")
STUCK = "The server will appear stuck until build errors are resolved."
NOT_STUCK = "Open pages show it until a rebuild succeeds."
# What a page the failed build removed answers with; the script adds the panel.
ERROR_PAGE = ('<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              '<meta name="color-scheme" content="light dark"><link rel="icon" href="data:,">'
              '<title>{title}</title>'
              '<style>html {{ font-size: 125% }}</style></head><body></body></html>')

log = logging.getLogger("mkdocs.hooks.build_errors")


def _one_line(error: Exception) -> str:
    """A failed rebuild's message in one line: for a plugin's or hook's error (the
    project's content errors), the line the terminal showed (MkDocs logs it, then
    raises a bare Abort while handling it); for anything else, the exception's."""
    if isinstance(error, Abort) and isinstance(error.__context__, BuildError):
        error = error.__context__
    text = str(error) if isinstance(error, MkDocsException) else f"{type(error).__name__}: {error}"
    return " ".join(text.split())


def _not_stuck(record) -> bool:
    if isinstance(record.msg, str):
        record.msg = record.msg.replace(STUCK, NOT_STUCK)
    return True


def on_serve(server, config, **kwargs):
    missing = [name for name in INTERNALS if not hasattr(server, name)]
    if missing:
        log.warning(f"hooks/build_errors.py: MkDocs' live-reload server has no {', '.join(missing)}; "
                    "failed rebuilds are shown in the terminal only")
        return server
    state = {"version": 0, "message": None}
    changed = threading.Condition()

    def report(message):
        with changed:
            if message != state["message"]:
                state["version"] += 1
                state["message"] = message
                changed.notify_all()

    build = server.builder

    def build_and_report():
        try:
            build()
        except Exception as error:
            report(_one_line(error))
            with server._epoch_cond:  # the site as it is, now: requests stop waiting
                server._wanted_epoch = server._visible_epoch
                server._epoch_cond.notify_all()
            raise
        report(None)

    words = _words(config)
    # Each edition's root URL and language (Material's extra.alternate), longest
    # first: the small page's <html lang>.
    roots = {urljoin(server.mount_path, alternate["link"]): alternate["lang"]
             for alternate in config.extra.get("alternate") or []}
    roots.setdefault(server.mount_path, config.theme.get("language", "en"))
    roots = sorted(roots.items(), key=lambda root: -len(root[0]))
    app = server.get_app()

    def app_and_messages(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(ENDPOINT):
            with changed:
                changed.wait_for(lambda: path[len(ENDPOINT):] != str(state["version"]),
                                 timeout=HOLD_SECONDS)
                body = json.dumps(state).encode()
            start_response("200 OK", [("Content-Type", "application/json"),
                                      ("Cache-Control", "no-store")])
            return [body]
        if state["message"] is None or not path.endswith(("/", ".html")):
            return app(environ, start_response)
        answer = []
        body = app(environ, lambda *args: answer.append(args))
        if not answer[0][0].startswith("404") or state["message"] is None:
            start_response(*answer[0])
            return body
        language = next((lang for root, lang in roots if path.startswith(root)), "en")
        title = (words.get(language) or words.get("en") or {"title": ""})["title"]
        page = ERROR_PAGE.format(lang=language, title=title)
        page = server._inject_js_into_html(page.encode(), server._visible_epoch)
        start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(page)))])
        return [page]

    inject = server._inject_js_into_html
    options = json.dumps({"endpoint": ENDPOINT, "words": words}, ensure_ascii=False)
    options = options.replace("<", "\\u003c")  # no "</script>" in the words
    script = f"<script>({SCRIPT.read_text(encoding='utf-8').strip()}\n)({options});</script>".encode()

    def inject_both(content, epoch):
        content = inject(content, epoch)
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + script + content[end:]

    server.builder = build_and_report
    server.set_app(app_and_messages)
    server._inject_js_into_html = inject_both
    logging.getLogger("mkdocs.livereload").addFilter(_not_stuck)
    return server
