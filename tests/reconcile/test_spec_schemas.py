"""The vendored schemas and validator agree with the specification's own test cases (what its
``test.sh`` checks with ajv): every valid example passes, every invalid one fails, for 0.2
and for the current draft. Without this, a schema that accepts everything would make every
check of our answers pass."""

from __future__ import annotations

import json

import pytest
from reconcile_schemas import SPECS, examples, validator

#: Needs swagger.io's schema (the manifest's ``authentication`` refers to it); nothing is
#: fetched in tests, and no answer of ours has ``authentication``. The draft vendors it
#: (its ``openapi.json`` is swagger.io's, under that ``$id``), so its cases run.
NEEDS_THE_NETWORK = {
    "0.2/examples/manifest/valid/authentication.json",
    "0.2/examples/manifest/invalid/bad-authentication.json",
}
CASES = [
    (version, *case)
    for version in ("0.2", "1.0-draft")
    for case in examples(version)
    if case[1] not in NEEDS_THE_NETWORK
]


@pytest.mark.parametrize(
    "version, minimum",
    # 9 schemas of each version have examples (51 in the draft, matching and extension
    # among them); a lost folder must not shrink the suite silently
    [("0.2", 40), ("1.0-draft", 50)],
)
def test_the_cases_are_there(version: str, minimum: int) -> None:
    cases = [c for c in CASES if c[0] == version]
    assert len(cases) >= minimum
    assert {valid for *_, valid in cases} == {True, False}


@pytest.mark.parametrize("version, schema, example, valid", CASES, ids=[c[2] for c in CASES])
def test_the_specification_examples(version: str, schema: str, example: str, valid: bool) -> None:
    document = json.loads((SPECS / example).read_text(encoding="utf-8"))
    assert validator(version, schema).is_valid(document) is valid
