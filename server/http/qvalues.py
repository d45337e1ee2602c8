"""The q-values of Accept-style headers (RFC 9110 §12.4.2), read in one place.

Accept, Accept-Encoding and Accept-Language share the syntax
``token;q=0.5, token``; each caller decides what a token means.
"""

from __future__ import annotations


def weighted(header: str) -> list[tuple[str, float]]:
    """``(token, q)`` per comma-separated item, the token lower-cased and stripped.

    q is clamped to 0..1; a malformed q counts as 0 (the client did not ask for it
    in a way we can honour) rather than being an error.
    """
    items: list[tuple[str, float]] = []
    for item in header.split(","):
        token, *params = item.split(";")
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0) if q == q else 0.0  # q == q is False for NaN
        items.append((token.strip().lower(), q))
    return items
