"""The request path's faster parts answer exactly as the parts they replaced."""
from __future__ import annotations

import datetime as dt
import json
import uuid

import marshmallow as ma
import pytest
from flask import Flask, jsonify
from flask.json.provider import DefaultJSONProvider

from rapport_shared.blueprint import Blueprint
from rapport_shared.json_provider import OrjsonProvider
from rapport_shared.schemas import Input, Strings


@pytest.fixture
def app() -> Flask:
    app = Flask("request-path")
    app.json = OrjsonProvider(app)
    return app


@pytest.mark.parametrize("value", [
    {"b": 1, "a": [1.5, None, True], "nested": {"x": "é ünï"}},
    {"when": dt.datetime(2026, 3, 8, 9, 30, tzinfo=dt.timezone.utc), "day": dt.date(2026, 3, 8)},
    {"id": uuid.UUID("12345678-1234-5678-1234-567812345678"), 3: "number key"},
    ["lone \ud800 surrogate"],
])
def test_answers_read_as_the_standard_provider_wrote_them(app, value):
    standard = DefaultJSONProvider(app)
    standard.sort_keys = False
    with app.app_context():
        fast = jsonify(value)
        assert fast.mimetype == "application/json"
        assert json.loads(fast.get_data()) == json.loads(standard.dumps(value))
        assert json.loads(app.json.dumps(value)) == json.loads(standard.dumps(value))


def test_a_request_body_is_read_by_the_standard_library_so_a_lone_surrogate_reaches_the_schema(app):
    assert app.json.loads('{"name": "\\ud800"}') == {"name": "\ud800"}


def test_strings_dump_in_one_pass_and_load_as_a_list_of_strings():
    class Out(ma.Schema):
        tags = Strings()

    class In(Input):
        tags = Strings()

    assert Out().dump({"tags": ["a", 2, uuid.UUID(int=1)]}) == {"tags": ["a", "2", str(uuid.UUID(int=1))]}
    assert Out().dump({"tags": None}) == {"tags": None}
    assert Out().dump({}) == {}
    assert In().load({"tags": [" a ", "b"]}) == {"tags": ["a", "b"]}
    with pytest.raises(ma.ValidationError):
        In().load({"tags": [1]})


def _searching(app: Flask, args_schema: type[Input]):
    """A test client of an app whose GET /search reads `args_schema` from the query and answers what it read."""
    blp = Blueprint("search", __name__)

    @blp.route("/search")
    @blp.arguments(args_schema, location="query")
    def search(args):
        return args

    app.register_blueprint(blp)
    return app.test_client()


def test_request_schemas_are_built_once_per_class():
    built = []

    class Args(Input):
        q = ma.fields.String()

        def __init__(self, *args, **kwargs):
            built.append(self)
            super().__init__(*args, **kwargs)

    client = _searching(Flask("schemas-once"), Args)
    assert [client.get(f"/search?q=w{n}").get_json() for n in range(3)] == [{"q": f"w{n}"} for n in range(3)]
    assert len(built) == 1


def _posting(app: Flask, body_schema: type[Input]):
    """A test client of an app whose POST /things reads `body_schema` and answers what it read."""
    blp = Blueprint("things", __name__)

    @blp.route("/things", methods=["POST"])
    @blp.arguments(body_schema)
    def create(body):
        return body

    app.register_blueprint(blp)
    return app.test_client()


def test_a_number_longer_than_the_parser_reads_is_malformed_json_not_a_missing_body(app):
    class Body(Input):
        name = ma.fields.String()

    client = _posting(app, Body)
    answer = client.post("/things", data='{"name": ' + "1" * 4301 + "}", content_type="application/json")
    assert answer.status_code == 400  # not a 500, and not read as an empty body (which an all-optional schema takes)
    assert client.post("/things", json={"name": "ok"}).get_json() == {"name": "ok"}


def test_a_one_value_query_argument_sent_twice_is_refused_while_a_list_takes_each(app):
    class Args(Input):
        limit = ma.fields.Integer()
        tag = Strings()

    client = _searching(app, Args)
    assert client.get("/search?limit=2&tag=a&tag=b").get_json() == {"limit": 2, "tag": ["a", "b"]}
    for query in ("limit=1&limit=abc", "limit=1&limit=1", "limit=1&tag=a&limit=2"):
        answer = client.get(f"/search?{query}")
        assert answer.status_code == 422, query  # never read as its first value (the problem's shape: integration)


@pytest.mark.parametrize("body", ['{"name": NaN}', '{"name": Infinity}', '{"name": -Infinity}',
                                  '{"name": "a", "name": "b"}', '{"inner": {"x": 1, "x": 2}}'])
def test_what_python_reads_but_json_is_not_or_is_ambiguous_is_malformed(app, body):
    class Body(Input):
        name = ma.fields.Raw()
        inner = ma.fields.Raw()

    client = _posting(app, Body)
    assert client.post("/things", data=body, content_type="application/json").status_code == 400
    assert client.post("/things", data='{"name": "a", "inner": {"x": 1}}',
                       content_type="application/json").get_json() == {"name": "a", "inner": {"x": 1}}
