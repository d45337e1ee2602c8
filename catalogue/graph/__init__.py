"""From the parsed text and the curated files to an RDF dataset of named graphs.

One named graph per source of truth, so a consumer can ask for the official
text alone:

* ``graph/official``    what the official text states (Chinese literals, structure)
* ``graph/translation`` our English labels and texts (unofficial)
* ``graph/curation``    our modelling: levels, minted codes, cross-links, ministries' details
* ``graph/ontology``    the project's ontology
* ``graph/metadata``    the dataset's description (VoID/DCAT, provenance of the build)
"""
