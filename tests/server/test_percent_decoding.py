"""Percent-decoding a URL's query string: our C-speed reading is urllib's, byte for byte.

``protocol.unquote`` decodes through Python's ``unicode_escape`` codec instead of
urllib's loop over every '%'; whatever the bytes (escapes well formed or not, the
backslashes and ``\\x`` that the codec would read, bytes above 0x7F), it must give
what ``urllib.parse.unquote_to_bytes`` gives.
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes, unquote_to_bytes

from hypothesis import given, settings
from hypothesis import strategies as st

from server.sparql.protocol import unquote

#: What makes percent-decoding go wrong, often enough to be drawn: '%', hex digits in
#: both cases, backslashes and what follows them in the codec's escapes, other bytes.
TRICKY = st.lists(
    st.sampled_from([b"%", b"\\", b"x", b"N{", b"u", b"a", b"F", b"0", b"9", b"g", b"\n"])
    | st.binary(min_size=1, max_size=3),
    max_size=40,
).map(b"".join)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(data=TRICKY)
def test_any_bytes_decode_as_urllib_decodes_them(data: bytes) -> None:
    assert unquote(data) == unquote_to_bytes(data)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=200))
def test_what_a_client_encodes_is_given_back(data: bytes) -> None:
    assert unquote(quote_from_bytes(data, safe="").encode()) == data


def test_examples_a_reader_can_check() -> None:
    assert unquote(b"ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D") == b"ASK { ?s ?p ?o }"
    assert unquote(b"%E4%B8%AD") == "中".encode()
    assert unquote(b"100%") == b"100%"  # not an escape: left as it is
    assert unquote(b"%zz%41") == b"%zzA"
    assert unquote(b"\\x41%5Cx41") == b"\\x41\\x41"  # backslashes are themselves
