"""Assemble the whole dataset: official text, translations, curation, ontology, metadata."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from catalogue.graph.alt_labels import check_alternative_labels
from catalogue.graph.curation import CuratedFiles
from catalogue.graph.generated import add_generated_definitions
from catalogue.graph.levels import add_levels, add_minted_codes
from catalogue.graph.metadata import GRAPHS, DumpFile, describe_dataset
from catalogue.graph.official import OfficialGraphBuilder
from catalogue.graph.translation import check_translations, merge_curation
from catalogue.iris import IriScheme
from catalogue.settings import BuildSettings
from catalogue.source.structure import Catalogue
from catalogue.vocab import PREFIXES


@dataclass
class BuiltDataset:
    catalogue: Catalogue
    iris: IriScheme
    scheme: URIRef
    dataset: Dataset
    graphs: dict[str, Graph]

    def union(self, exclude: tuple[str, ...] = ()) -> Graph:
        union = Graph()
        for name, graph in self.graphs.items():
            if name not in exclude:
                union += graph
        bind_prefixes(union)
        return union


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def build_dataset(
    catalogue: Catalogue, settings: BuildSettings, dumps: list[DumpFile]
) -> BuiltDataset:
    iris = IriScheme(settings.namespace)
    curated = CuratedFiles.load(settings.curation_dir, settings.namespace)
    dataset = Dataset()
    graphs = {name: dataset.graph(iris.graph(name)) for name in GRAPHS}

    official = OfficialGraphBuilder(
        catalogue,
        iris,
        graphs["official"],
        ministry_iris=curated.ministries(len(catalogue.announcement.ministries)),
        cited_iris=curated.cited_documents(len(catalogue.announcement.cited)),
    )
    official.build()
    add_levels(graphs["curation"], official)
    add_minted_codes(graphs["curation"], official)
    merge_curation(
        curated,
        graphs["official"],
        graphs["translation"],
        graphs["curation"],
        iris,
        catalogue.announcement.issued,
    )
    check_translations(graphs["official"], graphs["translation"], graphs["curation"], curated)
    check_alternative_labels(
        curated, graphs["official"] + graphs["translation"] + graphs["curation"]
    )
    add_generated_definitions(
        graphs["official"] + graphs["translation"] + graphs["curation"], graphs["translation"]
    )

    for path in sorted(settings.ontology_dir.glob("soc.ttl")):
        # Canonical blank node labels (the ontology's restrictions), so that
        # two builds write byte-identical dumps.
        for triple in to_canonical_graph(Graph().parse(path, format="turtle")):
            graphs["ontology"].add(triple)

    counts = {name: len(graph) for name, graph in graphs.items() if name != "metadata"}
    union_count = len({t for name, g in graphs.items() if name != "metadata" for t in g})
    built_at = (
        datetime.datetime.fromtimestamp(settings.source_date_epoch, tz=datetime.UTC)
        if settings.source_date_epoch is not None
        else None
    )
    describe_dataset(
        graphs["metadata"], iris, official.scheme, counts, union_count, dumps, built_at
    )
    bind_prefixes(dataset)
    return BuiltDataset(catalogue, iris, official.scheme, dataset, graphs)
