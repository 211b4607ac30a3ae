"""pyx12 as the outside judge of our X12 (837P and 835): valid or not, and the 999's errors."""
from __future__ import annotations

import io
import logging
import re
import threading

import pyx12.error_handler  # noqa: F401 - loaded before x12n_document, which expects it
import pyx12.map_if
import pyx12.params
import pyx12.x12n_document

logging.getLogger("pyx12").setLevel(logging.CRITICAL)

# pyx12 parses its XML maps on every call (~0.2 s); the maps are read-only once loaded, so one
# copy per process is kept. A lock keeps validations one at a time, as pyx12 is not documented
# as thread-safe.
_lock = threading.Lock()
_maps: dict = {}
_load_map_file = pyx12.map_if.load_map_file


def _cached_map(map_file, param, map_path=None):
    key = (map_file, map_path)
    if key not in _maps:
        _maps[key] = _load_map_file(map_file, param, map_path)
    return _maps[key]


pyx12.map_if.load_map_file = _cached_map


def validate_x12(document: str) -> tuple[bool, list[str]]:
    """(valid, the 999's error segments) for one interchange."""
    ack = io.StringIO()
    with _lock:
        ok = pyx12.x12n_document.x12n_document(
            pyx12.params.params(), io.StringIO(document), ack, io.StringIO(), None
        )
    errors = [seg.strip() for seg in ack.getvalue().split("~") if re.match(r"\s*(IK3|IK4|IK5\*R|AK9\*R|CTX)", seg)]
    return bool(ok), errors
