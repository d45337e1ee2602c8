"""pyoxigraph's writers, typed for the use that returns the bytes.

Its stubs give ``serialize`` and ``dump`` one signature for both uses, writing to an
output (returns None) or not (returns the bytes), so every caller would get
``bytes | None``. Writing into a buffer says which use is meant, and is typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO


def written(write: Callable[[IO[bytes]], object]) -> bytes:
    """The bytes ``write`` writes to the output it is given."""
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()
