"""The specification's JSON Schemas (vendored in specs/, see specs/README.md), ready to check.

(Not a conftest: test modules import these names. Named uniquely because pytest
puts this folder on sys.path.)

The schemas refer to each other by relative names (``type.json``) resolved
against their ``$id``; they are loaded into one registry under their ``$id``s and
under the URL each file's name gives, since ``reconciliation-query-batch.json``
calls itself ``reconciliation-query.json``. Draft 7 is what the repository's own
test (ajv-cli 3) checks them with. Nothing is fetched: the one reference to
another site (``authentication`` in the manifest, swagger.io) is not needed by
any answer of ours.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SPECS = Path(__file__).parent / "specs"
BASES = {
    "0.2": "https://reconciliation-api.github.io/specs/0.2/schemas/",
    "1.0-draft": "https://reconciliation-api.github.io/specs/draft/schemas/",
}


@cache
def registry(version: str) -> Registry:
    resources = []
    for path in sorted((SPECS / version / "schemas").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        resources += [(contents["$id"], resource), (BASES[version] + path.name, resource)]
    return Registry().with_resources(resources)


def validator(version: str, name: str) -> Draft7Validator:
    """The validator of ``specs/<version>/schemas/<name>.json``."""
    schema = json.loads((SPECS / version / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=registry(version))


def errors(version: str, name: str, document: object) -> list[str]:
    """Why ``document`` breaks the schema, one line per error (empty: it conforms)."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator(version, name).iter_errors(document)
    ]


def examples(version: str) -> list[tuple[str, str, bool]]:
    """The specification's own test cases: (schema name, example file, valid?)."""
    found = []
    for schema in sorted((SPECS / version / "schemas").glob("*.json")):
        for verdict in ("valid", "invalid"):
            folder = SPECS / version / "examples" / schema.stem / verdict
            found += [
                (schema.stem, str(p.relative_to(SPECS)), verdict == "valid")
                for p in sorted(folder.glob("*.json"))
            ]
    return found
