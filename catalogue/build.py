"""The build: official text → checked structure → graph → validation → quality report →
dumps → OWL files and ontology docs → search index → store.

Nothing is published unless every step succeeds: the dumps are written to a
staging folder and swapped in, the store is built beside the current one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from catalogue.console import Console
from catalogue.dumps import DUMPS, write_dumps
from catalogue.graph.dataset import BuiltDataset, build_dataset
from catalogue.owl import DOCS, publish_owl_files
from catalogue.owl.docs import PAGE
from catalogue.quality.gate import REPORT_TEXT, gate, write_report
from catalogue.quality.report import Report
from catalogue.search.index_writer import build_search_index
from catalogue.settings import BuildSettings
from catalogue.source.parser import parse_file
from catalogue.store import build_id_of, build_store
from catalogue.validation import ValidationResult, validate_graph
from catalogue.vocab import RDF, SOC, XKOS


class InvalidGraph(Exception):
    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(f"the graph violates {len(result.violations)} SHACL constraint(s)")


@dataclass
class BuildResult:
    built: BuiltDataset
    validation: ValidationResult
    dumps: dict[str, Path]
    store: Path
    owl_files: dict[str, Path]
    quality: Report
    quality_files: dict[str, Path]
    search_index: Path


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

    console.step(f"writing dumps to {settings.dumps_dir}")
    dumps = publish_dumps(built, settings.dumps_dir)
    # The report names the build it belongs to, so that a server can tell a stale one.
    quality.build_id = build_id_of(dumps["catalogue.nq"])
    console.step(f"writing the quality report to {settings.quality_dir}")
    quality_files = write_report(quality, settings.quality_dir)
    console.step(
        f"writing the ontology, its documentation and an OWL 2 DL view of the data"
        f" to {settings.owl_dir}"
    )
    owl_files = publish_owl_files(built, settings.ontology_dir, settings.owl_dir, settings.diagram)
    console.step(f"writing the search index to {settings.search_dir}")
    nquads = dumps["catalogue.nq"]
    search_index = build_search_index(
        nquads, settings.search_dir, build_id_of(nquads), settings.namespace
    )
    console.step(f"loading the Oxigraph store at {settings.store_dir}")
    store = build_store(
        dumps["catalogue.nq"],
        settings.store_dir,
        info={"namespace": settings.namespace, "source_sha256": catalogue.source_sha256},
    )
    return BuildResult(
        built, validation, dumps, store, owl_files, quality, quality_files, search_index
    )


def publish_dumps(built: BuiltDataset, directory: Path) -> dict[str, Path]:
    staging = directory.with_name(directory.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    write_dumps(built, staging)
    previous = directory.with_name(directory.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if directory.exists():
        directory.rename(previous)
    staging.rename(directory)
    shutil.rmtree(previous, ignore_errors=True)
    return {name: directory / name for name in (p.name for p in directory.iterdir())}


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
    lines.append(
        f"  quality: {len(quality.ran)} checks, {quality.violations} violations, "
        f"{quality.warnings} warnings ({result.quality_files[REPORT_TEXT]})"
    )
    size = sum(f.stat().st_size for f in result.store.rglob("*") if f.is_file())
    lines.append(f"  store: {result.store} ({size / 1024:.0f} KiB)")
    lines.append(f"  dumps: {', '.join(sorted(result.dumps))}")
    lines.append(f"  search index: {result.search_index} (SQLite FTS5)")
    owl_tools = sorted(name for name in result.owl_files if "/" not in name)
    lines.append(f"  for OWL tools: {', '.join(owl_tools)}")
    docs = result.owl_files.get(f"{DOCS}/{PAGE}")
    if docs is not None:
        lines.append(f"  ontology documentation: {docs}")
    lines.append(f"  built in {elapsed:.1f}s")
    return "\n".join(lines)
