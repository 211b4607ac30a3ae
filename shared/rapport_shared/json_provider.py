"""Flask's JSON through orjson: a search page or a month of slots is thousands of values, and the
standard library's encoder was a tenth of such a request's CPU."""
from __future__ import annotations

import json
from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

# Dates and dataclasses keep Flask's own rendering (the default below), so answers read as before.
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class OrjsonProvider(DefaultJSONProvider):
    """Writes with orjson; reads request bodies with the standard library, which hands a lone
    surrogate to the input schema (a 422 naming the field) where orjson would refuse the document."""

    sort_keys = False

    def _bytes(self, obj: Any) -> bytes:
        try:
            return orjson.dumps(obj, default=self.default, option=_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            # What orjson refuses but the standard library writes (a lone surrogate in old text).
            return json.dumps(obj, default=self.default, separators=(",", ":")).encode()

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs:  # indent, sort_keys...: the standard library's options
            return super().dumps(obj, **kwargs)
        return self._bytes(obj).decode()

    def response(self, *args: Any, **kwargs: Any):
        obj = self._prepare_response_obj(args, kwargs)
        body = self._bytes(obj) + b"\n"
        # Typed as the sans-IO response (status first); Flask's own provider passes the body the same way.
        return self._app.response_class(body, mimetype=self.mimetype)  # type: ignore[arg-type]
