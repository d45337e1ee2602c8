"""The service manifest (0.2): what OpenRefine reads when the service is added."""

from __future__ import annotations

from typing import Any

import server
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
