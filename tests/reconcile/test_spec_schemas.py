"""The vendored schemas and validator agree with the specification's own test cases (what its
``test.sh`` checks with ajv): every valid example passes, every invalid one fails. Without
this, a schema that accepts everything would make every check of our answers pass."""

from __future__ import annotations

import json

import pytest
from reconcile_schemas import SPECS, examples, validator

#: Needs swagger.io's schema (the manifest's ``authentication`` refers to it); nothing is
#: fetched in tests, and no answer of ours has ``authentication``.
NEEDS_THE_NETWORK = {
    "0.2/examples/manifest/valid/authentication.json",
    "0.2/examples/manifest/invalid/bad-authentication.json",
}
CASES = [c for c in examples("0.2") if c[1] not in NEEDS_THE_NETWORK]


def test_the_cases_are_there() -> None:
    # 9 schemas have examples; a lost folder must not shrink the suite silently
    assert len(CASES) >= 40
    assert {valid for *_, valid in CASES} == {True, False}


@pytest.mark.parametrize("schema, example, valid", CASES, ids=[c[1] for c in CASES])
def test_the_specification_examples(schema: str, example: str, valid: bool) -> None:
    document = json.loads((SPECS / example).read_text(encoding="utf-8"))
    assert validator("0.2", schema).is_valid(document) is valid
