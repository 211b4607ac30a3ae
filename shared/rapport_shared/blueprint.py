"""The services' API blueprint: flask-smorest's, with request schemas built once."""
from __future__ import annotations

import json
from typing import Any

import flask_smorest
import marshmallow as ma
from webargs.flaskparser import FlaskParser
from webargs.multidictproxy import MultiDictProxy


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
        # The standard library refuses an integer of over 4,300 digits with a plain ValueError, which webargs
        # would let through as a 500: it is JSON this service does not read, like any other (400 malformed-json).
        try:
            return super()._raw_load_json(req)
        except json.JSONDecodeError:
            raise
        except ValueError as exc:  # a document that is not empty: webargs reads an empty one as no body at all
            raise json.JSONDecodeError(str(exc), "(a number too long to read)", 0) from exc

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
