"""Rules a marshmallow schema cannot state field by field (one of two fields required, say), given
to its OpenAPI component as JSON Schema: `JSON_SCHEMA_EXTRA = {"anyOf": [...]}` on the schema class."""
from __future__ import annotations

from typing import Any

from apispec import BasePlugin
from apispec.ext.marshmallow.common import resolve_schema_cls


class SchemaExtras(BasePlugin):
    def schema_helper(self, name: str, definition: dict, **kwargs: Any) -> dict | None:
        schema = kwargs.get("schema")
        if schema is None:
            return None
        extra = getattr(resolve_schema_cls(schema), "JSON_SCHEMA_EXTRA", None)
        return dict(extra) if extra else None
