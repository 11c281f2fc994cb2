"""``mkdocs serve``: notice an edit sooner.

MkDocs looks for changed files by polling the watched folders every 0.5 s (it
polls rather than asks the operating system, so that folders shared into
containers and network drives work too), so a rebuild starts on average 0.25 s
and at worst 0.5 s after a file is saved. This project's watched folders hold
about 160 files and folders, and one look at them all takes about 2 ms: poll
every 0.1 s instead, the same way (2% of one core while the server waits).

``on_serve`` runs before any plugin's (priority 100), when MkDocs itself has
watched only the pages, the configuration file and, with ``--watch-theme``, the
theme folders: those move to the new watcher with MkDocs' own ``unwatch`` and
``watch``; the ``watch:`` folders of mkdocs.yml are added after it.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1


@event_priority(100)
def on_serve(server, config, builder, **kwargs):
    watched = []
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
        try:
            server.unwatch(path)
        except KeyError:  # not watched (the theme, without --watch-theme)
            continue
        watched.append(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in watched:
        server.watch(path)
    return server
