"""pyx12 as the outside judge of X12: our 837P valid or not (the 999's errors), and findings on any file."""
from __future__ import annotations

import io
import json
import logging
import re
import threading

import pyx12.error_handler  # noqa: F401 - loaded before x12n_document, which expects it
import pyx12.map_if
import pyx12.map_index
import pyx12.params
import pyx12.x12n_document

from ..domain.x12_segments import Finding

logging.getLogger("pyx12").setLevel(logging.CRITICAL)

# pyx12 parses its XML maps on every call (~0.2 s), and its index of maps too (~1 ms); both are
# read-only once loaded, so one copy per process is kept. A lock keeps validations one at a time,
# as pyx12 is not documented as thread-safe.
_lock = threading.Lock()
_maps: dict = {}
_indexes: dict = {}
_load_map_file = pyx12.map_if.load_map_file
_map_index = pyx12.map_index.map_index


def _cached_map(map_file, param, map_path=None):
    key = (map_file, map_path)
    if key not in _maps:
        _maps[key] = _load_map_file(map_file, param, map_path)
    return _maps[key]


def _cached_index(map_path=None):
    if map_path not in _indexes:
        _indexes[map_path] = _map_index(map_path)
    return _indexes[map_path]


pyx12.map_if.load_map_file = _cached_map
pyx12.map_index.map_index = _cached_index


def validate_x12(document: str) -> tuple[bool, list[str]]:
    """(valid, the 999's error segments) for one interchange."""
    ack = io.StringIO()
    with _lock:
        # No HTML report (None): nobody reads it, and writing it was a fifth of the call.
        ok = pyx12.x12n_document.x12n_document(pyx12.params.params(), io.StringIO(document), ack, None, None)
    errors = [seg.strip() for seg in ack.getvalue().split("~") if re.match(r"\s*(IK3|IK4|IK5\*R|AK9\*R|CTX)", seg)]
    return bool(ok), errors


def validation_findings(document: str) -> list[Finding]:
    """pyx12's findings on one interchange, each at its segment's position (1-based) and element."""
    report = io.StringIO()
    try:
        with _lock:
            pyx12.x12n_document.x12n_document(pyx12.params.params(), io.StringIO(document), None, None, None, report)
        found = json.loads(report.getvalue() or "{}")
    except Exception as exc:  # noqa: BLE001 - pyx12 stops with many kinds of error on odd files
        # Its message can quote the file (names, member ids) and its own internals: the kind of failure is enough.
        return [Finding(1, None, None, f"the X12 validator stopped on this file ({type(exc).__name__}); "
                                       "its findings are those of the reader alone")]
    findings: list[Finding] = []
    for interchange in found.get("interchanges", []):
        findings += _envelope(interchange, "ISA")
        for group in interchange.get("groups", []):
            findings += _envelope(group, "GS")
            for transaction in group.get("transactions", []):
                findings += _envelope(transaction, "ST")
                for seg in transaction.get("segments", []):
                    at = seg.get("cur_line") or 1
                    findings += [Finding(at, seg.get("seg_id"), None, e["err_str"]) for e in seg.get("errors", [])]
                    for element in seg.get("elements", []):
                        name = f"{seg.get('seg_id')}{element.get('ele_pos') or 0:02d}"
                        if element.get("subele_pos"):
                            name += f"-{element['subele_pos']}"
                        findings += [Finding(at, seg.get("seg_id"), name, e["err_str"])
                                     for e in element.get("errors", [])]
    return findings


def _envelope(level: dict, segment_id: str) -> list[Finding]:
    return [Finding(level.get("cur_line") or 1, segment_id, None, e["err_str"]) for e in level.get("errors", [])]
