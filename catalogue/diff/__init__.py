"""Compare two builds (or two dumps) as editors think of a change, and as machines apply one.

* ``changes``: concepts added, removed, renamed (IRI changed), relabelled per
  language, moved (broader changed), re-coded, and note texts changed;
* ``changeset``: the raw difference as an RDF change set in the Talis
  Changeset vocabulary (cs:ChangeSet, cs:addition/cs:removal of reified
  rdf:Statements), one change set per changed resource, each with the
  editor-level reason;
* ``command``: ``outsourcing-catalogue diff OLD NEW``.
"""
