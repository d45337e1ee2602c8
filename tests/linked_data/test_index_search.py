"""The linked-data index's search (the site's search box finds ministries, documents and
levels with it; the 404 page its suggestions) answers from a table of joined names: it
must find what a scan of every entry finds, in the same order."""

from __future__ import annotations

import pytest
from flask import Flask

from server.linked_data.index import _KIND_ORDER, Index, Match, _rank, normalize_code
from server.linked_data.publication import current_publication


@pytest.fixture(scope="module")
def index(site_app: Flask) -> Index:
    with site_app.app_context():
        return current_publication().index


def scanned(index: Index, text: str) -> list[Match]:
    """The definition: every entry with a name, ranked, by rank, kind and catalogue order."""
    query = " ".join(text.split()).casefold()
    if not query:
        return []
    code = normalize_code(query)
    matches = []
    for entry in index.entries.values():
        if entry.kind in ("excerpt", "note") or not entry.names:
            continue
        rank = _rank(entry, query, code)
        if rank is not None:
            matches.append(Match(entry, rank))
    matches.sort(
        key=lambda m: (m.rank, _KIND_ORDER.get(m.entry.kind, 9), index.order_key(m.entry.iri))
    )
    return matches[:100]


def queries(index: Index) -> list[str]:
    """Beginnings, middles and whole names and codes of every entry, and words of no entry."""
    found = {"05", "5", "6.9", "06.09", "ito", "ITO", "0", "1", "20", "99", "e", "服务"}
    found |= {"  商务  部 ", "zzzqqq", "量子计算机不存在", "<script>", "a\nb", "\n", "05\n"}
    for entry in index.entries.values():
        for name, _ in entry.names + entry.alt_names:
            found |= {name, name[:2], name[1:4]}
        if entry.notation:
            found |= {entry.notation, entry.notation[:2], entry.notation[-2:]}
    return sorted(found)


def test_search_finds_what_a_scan_of_every_entry_finds_in_its_order(index: Index) -> None:
    asked = queries(index)
    assert len(asked) > 500
    for query in asked:
        expected = scanned(index, query)
        assert index.search(query) == expected, query
        assert index.search(query, limit=3) == expected[:3], query


def test_search_ranks_a_code_before_names_that_hold_it(index: Index) -> None:
    found = index.search("05")
    assert found[0].rank == 0 and found[0].entry.notation == "05"
    assert {m.rank for m in found} >= {0, 1}
