"""The service manifests: 0.2's (what OpenRefine 3.6 reads when the service is added) and
the current draft's (1.0-draft), whose fields differ: suggest and extend are flags, the
endpoints are fixed relative to the root, URI templates are RFC 6570's (``{id}``)."""

from __future__ import annotations

from typing import Any

import server
from server.reconcile.matching import MAX_BATCH
from server.reconcile.vocabulary import TYPES

NAME = "服务外包产业重点发展领域指导目录（2022年版） / Service Outsourcing Key Domains (2022)"
SCHEMA_SPACE = "http://www.w3.org/2004/02/skos/core#"
PREVIEW_SIZE = (420, 180)


def manifest(base: str, namespace: str) -> dict[str, Any]:
    """``base`` is the service's URL (``…/reconcile``); ids are the catalogue's codes, whose
    pages ``/reconcile/view/{id}`` redirects to."""
    width, height = PREVIEW_SIZE
    return {
        "versions": ["0.2"],
        "name": NAME,
        "identifierSpace": namespace,
        "schemaSpace": SCHEMA_SPACE,
        "documentation": base.rsplit("/", 1)[0] + "/",
        "serviceVersion": server.__version__,
        "view": {"url": base + "/view/{{id}}"},
        "preview": {"url": base + "/preview/{{id}}", "width": width, "height": height},
        "defaultTypes": [{"id": t.id, "name": t.name} for t in TYPES],
        "suggest": {
            kind: {
                "service_url": base,
                "service_path": f"/suggest/{kind}",
                "flyout_service_path": f"/flyout/{kind}?id=${{id}}",
            }
            for kind in ("entity", "type", "property")
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/propose_properties"},
            "property_settings": [],
        },
    }


def draft_manifest(base: str, view_base: str) -> dict[str, Any]:
    """``base`` is the draft's root (``…/reconcile/v1``); the view redirect is 0.2's, which
    is the same for both (``view_base``, ``…/reconcile``)."""
    width, height = PREVIEW_SIZE
    return {
        "versions": ["1.0-draft"],
        "name": NAME,
        "documentation": base.rsplit("/", 2)[0] + "/",
        "serviceVersion": server.__version__,
        "view": {"url": view_base + "/view/{id}"},
        "preview": {"width": width, "height": height},
        "defaultTypes": [{"id": t.id, "name": t.name} for t in TYPES],
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
        "batchSize": MAX_BATCH,
        "standardizedScore": True,
    }
