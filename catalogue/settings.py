"""Build settings: where the inputs are, where outputs go, which namespace IRIs live in.

Every setting has a default that works from a checkout and can be overridden
from the environment, so the same code builds for localhost or for the
persistent namespace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from catalogue import environment

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The persistent namespace every minted IRI lives under. It names the
#: catalogue, not a host: the server maps its own URL onto it.
DEFAULT_NAMESPACE = "https://w3id.org/service-outsourcing/"


@dataclass(frozen=True)
class BuildSettings:
    namespace: str = DEFAULT_NAMESPACE
    source: Path = PROJECT_ROOT / "data" / "source" / "catalogue-2022.zh.txt"
    source_checksum: Path = PROJECT_ROOT / "data" / "source" / "catalogue-2022.zh.txt.sha256"
    curation_dir: Path = PROJECT_ROOT / "curation"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    #: The model diagram the ontology's documentation shows (rendered from model.dot, committed).
    diagram: Path = PROJECT_ROOT / "docs" / "model.svg"
    output_dir: Path = PROJECT_ROOT / "build"
    #: Builds kept in ``output_dir/builds`` (the current one and those before it, for
    #: servers not yet moved to it): catalogue/publication.py.
    keep_builds: int = 3
    #: Fixed build time for reproducible output (seconds since the epoch).
    source_date_epoch: int | None = field(default=None)

    # The outputs of the current build, through the links into it (catalogue/publication.py).

    @property
    def dumps_dir(self) -> Path:
        return self.output_dir / "dumps"

    @property
    def store_dir(self) -> Path:
        return self.output_dir / "store"

    @property
    def quality_dir(self) -> Path:
        """The SKOS quality report of the build (catalogue/quality/gate.py)."""
        return self.output_dir / "quality"

    @property
    def search_dir(self) -> Path:
        """The search index that search, suggestions and classify read (catalogue/search/)."""
        return self.output_dir / "search"

    @property
    def owl_dir(self) -> Path:
        """The ontology and a DL view of the data, for OWL tools (catalogue/owl/)."""
        return self.output_dir / "ontology"

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> BuildSettings:
        """Overrides (the command line's options) win over the variables; None is no option."""
        env = os.environ if environ is None else environ
        values = environment.read(cls, VARIABLES, env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "source" in values:  # another text brings its own recorded hash
            source = Path(values["source"])
            values["source_checksum"] = source.with_name(source.name + ".sha256")
        settings = replace(cls(), **values)
        if not settings.namespace.endswith("/"):
            raise ValueError(f"the namespace must end with '/': {settings.namespace!r}")
        if settings.keep_builds < 1:
            raise ValueError(f"at least the current build is kept, not {settings.keep_builds}")
        return settings


#: The settings a variable can give (the others follow the checkout), and its name:
#: SOURCE_DATE_EPOCH is the reproducible-builds convention other tools read too.
VARIABLES = {
    "namespace": "CATALOGUE_NAMESPACE",
    "output_dir": "CATALOGUE_BUILD_DIR",
    "source": "CATALOGUE_SOURCE",
    "source_date_epoch": "SOURCE_DATE_EPOCH",
    "keep_builds": "CATALOGUE_KEEP_BUILDS",
}
