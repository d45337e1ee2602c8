"""The SKOS quality report of the build, served: ``/quality`` (a page for people, the JSON for
programs, by Accept or ``?format=``), ``/quality.json`` and ``/quality.txt`` as the build
wrote them (build/quality/, catalogue/quality/gate.py).

The report is read from the build's files, not recomputed: the server shows what the
build checked before it published, and says so when the report is from another build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response

from server.formats import HTML, Format
from server.linked_data.build_files import send_build_file
from server.linked_data.documents import document_path
from server.linked_data.publication import Publication, current_publication, current_site
from server.linked_data.routes import negotiate
from server.pages.i18n import Language
from server.pages.messages import CHECK_TITLES_ZH
from server.pages.rendering import page_response
from server.service import current_service

bp = Blueprint("quality", __name__)

#: The report as the build wrote it. Listed first: a client that states no preference
#: (``*/*``, as curl and libraries send) is a program; browsers ask for HTML by name.
JSON = Format("json", "application/json", frozenset(), ("json",))
OFFERED = (JSON, HTML)
#: Findings shown per check on the page; the JSON and the text have them all.
SHOWN = 50


@bp.route("/quality", methods=["GET"])
def quality() -> Response:
    publication = current_publication()
    fmt = negotiate(OFFERED, "the SKOS quality report")
    if fmt is JSON:
        response = send_build_file(publication.files.quality_file("json"))
        response.headers["Content-Location"] = "quality.json"
        response.headers["Vary"] = "Accept, Accept-Encoding"
        return response
    return page_response(
        "pages/quality.html",
        lambda language: context(publication, language),
        negotiated=True,
        extra_headers=[
            # bare rel tokens: see server.linked_data.routes.alternate_links (pyld)
            ("Link", '<quality.json>; rel=alternate; type="application/json"'),
            ("Link", '<quality.txt>; rel=alternate; type="text/plain"'),
        ],
    )


@bp.route("/quality.json", methods=["GET"])
def quality_json() -> Response:
    return send_build_file(current_publication().files.quality_file("json"))


@bp.route("/quality.txt", methods=["GET"])
def quality_text() -> Response:
    return send_build_file(current_publication().files.quality_file("txt"))


# --- the page ------------------------------------------------------------------------------


@dataclass
class FindingRow:
    resource: str
    severity: str
    message: str
    #: The resource's page, when the site has one.
    href: str | None


@dataclass
class CheckRow:
    id: str
    #: The check's title in the page's language, and the report's own (English) when the
    #: page is Chinese, so that a reader can match it with ``check``'s output.
    title: str
    title_en: str | None
    qskos: str | None
    reference: str | None
    status: str
    summary: str | None
    findings: list[FindingRow] = field(default_factory=list)
    more: int = 0


def context(publication: Publication, language: Language) -> dict[str, object]:
    file = publication.files.quality_file("json")
    if file is None:
        return {"report": None}
    report = json.loads(file.path.read_text(encoding="utf-8"))
    info = current_service().info
    site = current_site()
    checks = [_row(publication, check, language) for check in report["checks"]]
    ran = [c for c in checks if c.status != "skipped"]
    current = report.get("build_id") == info.build_id
    return {
        "report": report,
        "checks": checks,
        "ran": len(ran),
        "skipped": len(checks) - len(ran),
        "failed": sum(c.status == "fail" for c in checks),
        "build_id": report.get("build_id"),
        # The store's build time is this report's only when both come from the same build.
        "built": datetime.fromtimestamp(info.last_modified, UTC) if current else None,
        "stale": not current,
        "json_href": site.link("/quality.json"),
        "text_href": site.link("/quality.txt"),
    }


def _row(publication: Publication, check: dict[str, Any], language: Language) -> CheckRow:
    chinese = CHECK_TITLES_ZH.get(check["id"]) if language.code == "zh" else None
    findings = check.get("findings") or []
    return CheckRow(
        id=check["id"],
        title=chinese or check["title"],
        title_en=check["title"] if chinese else None,
        qskos=check.get("qskos"),
        reference=check.get("reference"),
        status=check["status"],
        summary=check.get("summary"),
        findings=[_finding(publication, f) for f in findings[:SHOWN]],
        more=max(0, len(findings) - SHOWN),
    )


def _finding(publication: Publication, finding: dict[str, Any]) -> FindingRow:
    iri = finding["resource"]
    base, hash_, fragment = iri.partition("#")  # a source excerpt: its page, at its lines
    index = publication.index
    href = None
    if index.resolves(base) and not index.served_directly(base):
        path = publication.addresses.path_of(index.canonical(base))
        if path:
            href = current_site().link(document_path(path, "html")) + hash_ + fragment
    return FindingRow(iri, finding["severity"], finding["message"], href)
