"""The build: official text → checked structure → graph → validation → quality report →
dumps → OWL files and ontology docs → search index → store.

Nothing is published unless every step succeeds: every output is written into
one staging folder, published as one unit by one swap (catalogue/publication.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalogue.console import Console
from catalogue.dumps import DUMPS, write_dumps
from catalogue.graph.dataset import BuiltDataset, build_dataset
from catalogue.owl import DOCS, write_owl_files
from catalogue.owl.docs import PAGE
from catalogue.publication import CURRENT, BuildUnit, Staging, new_build_id
from catalogue.quality.gate import REPORT_TEXT, gate, write_report
from catalogue.quality.report import Report
from catalogue.search.index_writer import build_search_index
from catalogue.settings import BuildSettings
from catalogue.source.parser import parse_file
from catalogue.store import build_store
from catalogue.validation import ValidationResult, validate_graph
from catalogue.vocab import RDF, SOC, XKOS


class InvalidGraph(Exception):
    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(f"the graph violates {len(result.violations)} SHACL constraint(s)")


@dataclass
class BuildResult:
    """What a build made; the paths are in the published build's folder."""

    built: BuiltDataset
    validation: ValidationResult
    dumps: dict[str, Path]
    store: Path
    owl_files: dict[str, Path]
    quality: Report
    quality_files: dict[str, Path]
    search_index: Path
    unit: BuildUnit


def run_build(settings: BuildSettings, console: Console) -> BuildResult:
    console.step(f"reading {settings.source}")
    catalogue = parse_file(settings.source, settings.source_checksum)
    for repair in catalogue.repairs:
        console.step(
            f"  repaired a page break: lines {repair.span.first}-{repair.span.last} "
            f"joined at {repair.joined!r}"
        )
    console.step("building the graph")
    built = build_dataset(catalogue, settings, DUMPS)

    console.step("validating with SHACL (project shapes + XKOS best-practice shapes)")
    # The ontology describes terms, it is not catalogue data: its skos:definition
    # literals are not the notes the XKOS shapes are about.
    data = built.union(exclude=("ontology",))
    validation = validate_graph(data, settings.ontology_dir)
    if not validation.conforms:
        raise InvalidGraph(validation)
    console.step("checking SKOS quality (the report `check` prints; SHACL as just validated)")
    quality = gate(built.union(), data, settings.namespace, settings.ontology_dir, validation)

    staging = Staging(settings.output_dir)
    with staging as unit:
        console.step(f"writing dumps to {unit.dumps}")
        dumps = write_dumps(built, unit.dumps)
        nquads = dumps["catalogue.nq"]
        build_id = new_build_id(nquads)
        # The report names the build it belongs to, as the store and the index do.
        quality.build_id = build_id
        console.step(f"writing the quality report to {unit.quality}")
        quality_files = write_report(quality, unit.quality)
        console.step(
            f"writing the ontology, its documentation and an OWL 2 DL view of the data"
            f" to {unit.ontology}"
        )
        owl_files = write_owl_files(built, settings.ontology_dir, unit.ontology, settings.diagram)
        console.step(f"writing the search index to {unit.search}")
        search_index = build_search_index(nquads, unit.search, build_id, settings.namespace)
        console.step(f"loading the Oxigraph store at {unit.store}")
        build_store(nquads, unit.store)
        console.step(f"publishing build {build_id}")
        published = staging.publish(
            build_id,
            {"namespace": settings.namespace, "source_sha256": catalogue.source_sha256},
            settings.keep_builds,
        )

    def moved(files: dict[str, Path]) -> dict[str, Path]:
        return {name: published.root / p.relative_to(unit.root) for name, p in files.items()}

    return BuildResult(
        built,
        validation,
        moved(dumps),
        published.store,
        moved(owl_files),
        quality,
        moved(quality_files),
        published.root / search_index.relative_to(unit.root),
        published,
    )


def summary(result: BuildResult, elapsed: float) -> str:
    built = result.built
    catalogue = built.catalogue
    union = built.union()
    lines = [f"{catalogue.title}（{catalogue.edition}） → {built.scheme}"]
    for category in catalogue.categories:
        domains = catalogue.domains_of(category.code)
        types = sum(len(d.business_types) for d in domains)
        subtypes = sum(len(b.subtypes) for d in domains for b in d.business_types)
        lines.append(
            f"  {category.code}: {len(domains):2d} domains, {types:2d} business types"
            + (f", {subtypes} sub-types" if subtypes else "")
        )
    exclusions = len(set(built.graphs["official"].objects(None, XKOS.exclusionNote)))
    activities = len(set(union.subjects(RDF.type, SOC.ExcludedActivity)))
    links = len(set(union.subject_objects(SOC.coveredBy)))
    lines.append(
        f"  exclusion notes: {exclusions} ({activities} excluded activities, {links} cross-links)"
    )
    graph_sizes = ", ".join(f"{name} {len(g)}" for name, g in built.graphs.items())
    lines.append(f"  triples: {len(union)} ({graph_sizes})")
    lines.append(f"  SHACL: conforms ({len(result.validation.violations)} warnings)")
    quality = result.quality
    output = result.unit.output_dir

    def shown(path: Path) -> Path:
        """A file of the build as people reach it: through the links into the current one."""
        return output / path.relative_to(result.unit.root)

    lines.append(
        f"  quality: {len(quality.ran)} checks, {quality.violations} violations, "
        f"{quality.warnings} warnings ({shown(result.quality_files[REPORT_TEXT])})"
    )
    size = sum(f.stat().st_size for f in result.store.rglob("*") if f.is_file())
    lines.append(f"  store: {shown(result.store)} ({size / 1024:.0f} KiB)")
    lines.append(f"  dumps: {', '.join(sorted(result.dumps))}")
    lines.append(f"  search index: {shown(result.search_index)} (SQLite FTS5)")
    owl_tools = sorted(name for name in result.owl_files if "/" not in name)
    lines.append(f"  for OWL tools: {', '.join(owl_tools)}")
    docs = result.owl_files.get(f"{DOCS}/{PAGE}")
    if docs is not None:
        lines.append(f"  ontology documentation: {shown(docs)}")
    lines.append(f"  published: build {result.unit.id}, now {output / CURRENT}")
    lines.append(f"  built in {elapsed:.1f}s")
    return "\n".join(lines)
