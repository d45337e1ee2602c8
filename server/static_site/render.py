"""Rendering the static site into a build: by asking the server's own app for each answer.

Why the app itself: the static bytes are then the dynamic ones by construction
(same routes, templates and serializers), and a test compares them anyway. The
app runs in this process over the build's store in memory, with no engine
process, no limit and no cache: about 1,400 answers in ~7 s on two cores.

Why at a worker's first start and not in the build: the build package must not
import the server (tests/test_layers.py), and this is the server's rendering.
The first worker to start on a build renders it, in a child process (so the
worker does not keep the memory rendering took) started from a thread while the
worker answers dynamically; the other workers wait on a lock and then read it.
It is written into the build's folder as ``static-site/<renderer>/`` (``site.py``),
its manifest last: a
worker finds the complete site or none, and without one (a read-only build, a
failed rendering) answers everything dynamically.

``python -m server.static_site.render BUILD`` renders a build's site (the worker
runs this; settings from the ``CATALOGUE_*`` environment, as ``serve`` sets them).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from catalogue.publication import BuildUnit, unit_of
from server.config import ServerConfig
from server.linked_data.document_base import RENDER_BASE
from server.static_site.site import LAYOUT, MANIFEST, folder_of, is_rendered

log = logging.getLogger(__name__)

#: Headers the serving side writes per request: they depend on the settings
#: (max-age), the host (the ETag), the body's final length or the served build.
SERVED_HEADERS = {"etag", "last-modified", "cache-control", "vary", "content-length", "x-build"}
#: The languages pages are rendered in (server/pages/i18n.py), by Accept-Language.
LANGUAGES = ("zh", "en")

#: An answer as ``answers.json`` holds it (read back by ``site.load``).
Manifested = dict[str, Any]


def ensure_rendered(unit: BuildUnit) -> bool:
    """Render ``unit``'s static site unless it has one; whether it has one now."""
    if is_rendered(unit):
        return True
    # The lock is the build's folder itself (flock works on a directory): no file is left.
    try:
        folder = os.open(unit.root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:  # pruned meanwhile, say
        log.warning("no static site for build %s (%s): answering dynamically", unit.id, error)
        return False
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # one renders; the other workers wait for it
        if is_rendered(unit):
            return True
        if not os.access(unit.root, os.W_OK):
            log.warning("no static site for build %s (read-only): answering dynamically", unit.id)
            return False
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "server.static_site.render", str(unit.root)],
            check=False,
            stdout=subprocess.PIPE,
            text=True,
        )
        if done.returncode != 0:
            log.warning(
                "rendering the static site of build %s failed: answering dynamically", unit.id
            )
            return False
        log.info(
            "rendered the static site of build %s (%s answers) in %.1f s",
            unit.id,
            done.stdout.strip(),
            time.monotonic() - started,
        )
        return True
    finally:
        os.close(folder)  # and the lock with it


def render(unit: BuildUnit, config: ServerConfig) -> int:
    """Write ``unit``'s static site; the number of answers. The bodies come first, the
    manifest a server reads the site by last, each file put in place in one step
    (``os.replace``): a server finds the whole site or none, and no reader of the build's
    folder sees anything but ``static-site`` appear."""
    folder = folder_of(unit)
    folder.mkdir(parents=True, exist_ok=True)
    # The worker that started this holds the build's lock: a temporary file is one a
    # killed rendering left.
    for abandoned in folder.rglob(".*"):
        abandoned.unlink(missing_ok=True)
    answers = _render_into(folder, unit, config)
    manifest = json.dumps({"layout": LAYOUT, "answers": answers}, ensure_ascii=False, indent=1)
    _write_whole(folder / MANIFEST, manifest.encode("utf-8"))
    return sum(len(a["variants"]) for a in answers.values())


def _write_whole(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` or what it held before, never a part: a worker may be
    reading an older rendering's file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}-{os.getpid()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _render_into(folder: Path, unit: BuildUnit, config: ServerConfig) -> dict[str, Manifested]:
    from flask import Flask, Response
    from werkzeug.test import Client

    from server.app import create_app, project_prefixes
    from server.formats import HTML
    from server.linked_data.documents import EXTENSION_OF, RESOURCE_FORMATS, document_path
    from server.linked_data.publication import EXTENSION as PUBLICATION
    from server.linked_data.publication import Publication
    from server.pages.routes import page_paths
    from server.store.embedded import EmbeddedStore, snapshot

    config = replace(
        config,
        store=unit.store,
        public_url=None,
        trusted_proxies=0,
        response_cache_bytes=0,
        rate_limit=None,
        access_log="off",
        static_site=False,
    )
    data, info = snapshot(unit)
    app = create_app(config, EmbeddedStore.from_nquads(data, info, project_prefixes()))
    publication: Publication = app.extensions[PUBLICATION]
    # Flask alone, without the layers around it (CORS, compression, …): they run per
    # request in front of the static site as they do in front of Flask.
    client = Client(partial(Flask.wsgi_app, app), Response)
    base = RENDER_BASE.rstrip("/")
    answers: dict[str, Manifested] = {}

    def keep(path: str, variant: str, headers: list[tuple[str, str]], body: bytes) -> str:
        name = f"{variant or 'any'}{path}"
        _write_whole(folder / name, body)
        kept = [[k, v] for k, v in headers if k.lower() not in SERVED_HEADERS]
        answers[path]["variants"][variant] = {"headers": kept, "file": name}
        return name

    with app.test_request_context(base_url=base):
        index = publication.index
        pages = page_paths(publication)
    for page in pages:
        resource = page.removesuffix(".html")
        iri = index.canonical(publication.addresses.iri_of(resource))
        # The ontology's page is pyLODE's and the dataset's names this site's endpoint:
        # their documents only (the dataset's written at the render base, as every one).
        documents_only = index.kind(iri) == "ontology" or iri == publication.dataset
        for fmt in publication.formats(iri):
            if fmt is HTML and documents_only:
                continue
            if fmt is HTML:
                for language in LANGUAGES:
                    response = client.get(
                        page, base_url=base, headers={"Accept-Language": language}
                    )
                    if response.status_code != 200:
                        continue
                    answers.setdefault(
                        page, {"kind": "page", "vary": response.headers["Vary"], "variants": {}}
                    )
                    keep(page, language, list(response.headers.items()), response.get_data())
            elif fmt in RESOURCE_FORMATS:
                path = document_path(resource, EXTENSION_OF[fmt.name])
                response = client.get(path, base_url=base)
                if response.status_code != 200:
                    continue
                answers[path] = {
                    "kind": "document",
                    "vary": response.headers["Vary"],
                    "iri": iri,
                    "format": fmt.name,
                    "variants": {},
                }
                keep(path, "", list(response.headers.items()), response.get_data())
    return answers


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # Behind the worker's answers, and gone with the worker that started it (SIGTERM
    # then unwinds, so the staging folder is removed).
    os.nice(10)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    _die_with_parent()
    if len(args) != 1:
        print("usage: python -m server.static_site.render BUILD", file=sys.stderr)
        return 2
    count = render(unit_of(Path(args[0])), ServerConfig.from_environment())
    print(count)
    return 0


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGTERM): a worker stopped mid-rendering stops this too."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


if __name__ == "__main__":
    sys.exit(main())
