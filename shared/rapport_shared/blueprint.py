"""The services' API blueprint: flask-smorest's, with request schemas built once."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

import flask_smorest
import marshmallow as ma
from webargs.core import missing
from webargs.flaskparser import FlaskParser, is_json_request
from webargs.multidictproxy import MultiDictProxy


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def _one_value_a_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        twice = next(key for key, count in Counter(key for key, _value in pairs).items() if count > 1)
        raise ValueError(f"the key {twice!r} is given more than once")
    return found


class _SchemaReusingParser(FlaskParser):
    """webargs builds a new schema from a class on every request (a deep copy of every field, a tenth
    of a search's CPU). Request schemas keep no state between loads, so one instance serves all.

    Query arguments follow the schema's rule (`Input`: unknown ones refused, 422) as bodies do, where
    webargs would drop them: a misspelt filter (`?max_fee=100`) would otherwise answer every therapist.
    For the same reason a one-value argument sent twice is refused rather than read as its first value:
    `?limit=1&limit=abc` is a caller's mistake that would otherwise pass unnoticed."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None, "querystring": None}

    def __init__(self) -> None:
        super().__init__()
        self._schemas: dict[type, ma.Schema] = {}

    def _raw_load_json(self, req: Any) -> Any:
        """webargs' reading of a JSON body, stricter where JSON is: NaN and Infinity are not JSON (Python
        reads them), and an object naming a key twice is ambiguous (Python keeps the last; others the first).
        Both are malformed JSON (400), as is an integer of over 4,300 digits, which the standard library
        refuses with a plain ValueError that webargs would let through as a 500."""
        if not is_json_request(req):
            return missing
        try:
            text = req.get_data(cache=True).decode()
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError(f"Bytes decoding error : {exc.reason}", str(exc.object), exc.start) from exc
        try:
            return json.loads(text, parse_constant=_not_json, object_pairs_hook=_one_value_a_key)
        except json.JSONDecodeError:
            raise  # an empty document is one too: webargs reads it as no body at all
        except ValueError as exc:  # so the document given must not be empty
            raise json.JSONDecodeError(str(exc), text or "(unreadable)", 0) from exc

    def pre_load(self, location_data: Any, *, schema: ma.Schema, req: Any, location: str) -> Any:
        if isinstance(location_data, MultiDictProxy) and hasattr(location_data.data, "getlist"):
            repeated = {key: ["given more than once: send it once"] for key in location_data.data
                        if key not in location_data.multiple_keys and len(location_data.data.getlist(key)) > 1}
            if repeated:
                raise ma.ValidationError(repeated)
        return location_data

    def _get_schema(self, argmap: Any, req: Any) -> ma.Schema:
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            schema = self._schemas.get(argmap)
            return schema if schema is not None else self._schemas.setdefault(argmap, argmap())
        return super()._get_schema(argmap, req)


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = _SchemaReusingParser()
