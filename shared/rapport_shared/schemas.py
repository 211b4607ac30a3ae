"""The base of every request schema, and the shapes all services share (an address).

Every string a client sends is trimmed (of spaces and of invisible format characters such as a zero-width
space, so a name of nothing but those is blank), and one carrying NUL, another control character (tab,
newline and carriage return aside; C1 controls too, such as an 8-bit terminal escape), a Unicode
noncharacter or a lone surrogate is refused with the field named: such text cannot be stored faithfully
(PostgreSQL refuses NUL, UTF-8 refuses surrogates) or shown safely.
A field whose exact bytes matter (a password) says so with `metadata={"trim": False}`.
A whole number is a JSON integer, written without a fraction or an exponent (55.5, 30.0, 3e1 and true are
refused, not truncated or rounded), any other number sent as text (a query argument) is written as JSON writes
one, and every date or time is between the years 1900 and 2100 (a license expiring in 4645 is a typo, not a fact).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import marshmallow as ma
from marshmallow import validate

from .zones import PLACE_ZONES

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")
# Invisible format characters trimmed with spaces: a name of only a zero-width space is blank.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
# The same rules as JSON Schema patterns, so the documents say what the server accepts: any text
# without control characters; and, where a value is required, at least one character not a space.
_ALLOWED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]"
TEXT_PATTERN = rf"^{_ALLOWED}*$"
NON_BLANK_PATTERN = (rf"^{_ALLOWED}*[^\s\x00-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff{_INVISIBLE}]"
                     rf"{_ALLOWED}*$")


def storable(text: str) -> bool:
    """Whether text passes the rule above: what no request body may carry, no other input (a cursor) may either."""
    return _FORBIDDEN.search(text) is None


def _problems(value: Any, path: str) -> dict[str, list[str]]:
    if isinstance(value, str):
        match = _FORBIDDEN.search(value)
        if match is None:
            return {}
        bad = match.group()
        what = "NUL characters" if bad == "\x00" else (
            "unpaired surrogates" if "\ud800" <= bad <= "\udfff" else
            "Unicode noncharacters" if bad >= "\ufdd0" else "control characters")
        return {path or "_": [f"{what} are not allowed"]}
    if isinstance(value, dict):
        found: dict[str, list[str]] = {}
        for key, item in value.items():
            if _worth_a_look(item):
                found.update(_problems(item, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(value, list):
        found = {}
        for index, item in enumerate(value):
            if _worth_a_look(item):
                found.update(_problems(item, f"{path}.{index}" if path else str(index)))
        return found
    return {}


def _worth_a_look(item: Any) -> bool:
    """Whether _problems could find anything in `item`: most values are clean strings, and naming their
    path for nothing was much of a request's checking (a file import holds thousands of them)."""
    if type(item) is str:
        return _FORBIDDEN.search(item) is not None
    return isinstance(item, (str, dict, list))


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip().strip(_INVISIBLE).strip()
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    return value


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# The same bounds and shapes as JSON Schema patterns (a prefix for dates and times).
DATE_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
# What is read, whole: RFC 3339's shapes (seconds may be left out), where the standard library's parser takes every
# ISO 8601 form ("19900101", "2026-W50-1", a space for the T, "09:00Z" for a wall-clock time).
SHAPES = (  # a Date and a Time are kinds of DateTime to marshmallow: the first kind a field is decides
    (ma.fields.Time, re.compile(TIME_PATTERN), "must be a time of day as hh:mm or hh:mm:ss, without an offset"),
    (ma.fields.Date, re.compile(DATE_PATTERN + "$"), "must be a date as YYYY-MM-DD"),
    (ma.fields.DateTime, re.compile(DATE_PATTERN + r"T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?"
                                    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?$"),
     "must be a date and time as YYYY-MM-DDThh:mm[:ss] with Z or an offset such as -05:00"),
)


def plausible_year(value: dt.date) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ma.ValidationError(f"must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}")


def born(value: dt.date) -> None:
    """A date of birth is not in the future: one in 2099 went on a claim as sent (an 837P the payer refuses). Today
    is the latest one anywhere (UTC+14, a day ahead of UTC), so no client's own today is refused."""
    if value > dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1):
        raise ma.ValidationError("a date of birth is not in the future")


def _length_limits(field: ma.fields.Field) -> tuple[int | None, int | None]:
    lows = [v.min for v in field.validators if isinstance(v, validate.Length) and v.min is not None]
    highs = [v.max for v in field.validators if isinstance(v, validate.Length) and v.max is not None]
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _document_text_rules(field: ma.fields.Field) -> None:
    """Give a plain text field the pattern of what clean_text lets through (its own Regexp, if any, says more)."""
    if isinstance(field, ma.fields.List) and field.inner is not None:
        _document_text_rules(field.inner)
        return
    if isinstance(field, ma.fields.Dict):
        for part in (field.key_field, field.value_field):
            if part is not None:
                _document_text_rules(part)
        return
    if type(field) is not ma.fields.String or "pattern" in field.metadata:
        return
    if any(isinstance(v, validate.Regexp) for v in field.validators):
        return
    low, _high = _length_limits(field)
    field.metadata = {**field.metadata, "pattern": NON_BLANK_PATTERN if low else TEXT_PATTERN}


def _wrong_json_type(field: ma.fields.Field | None, value: Any) -> str | None:
    """What a JSON value should have been for a boolean or number field, when it is not that:
    marshmallow would otherwise read 0 as false and "55" as 55."""
    if isinstance(field, ma.fields.List):
        if isinstance(value, list):
            return next((w for w in (_wrong_json_type(field.inner, item) for item in value) if w), None)
        return None
    if value is None:
        return None
    if isinstance(field, ma.fields.Boolean) and not isinstance(value, bool):
        return "must be true or false"
    if isinstance(field, ma.fields.Number) and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "must be a number"
    return None


WHOLE_NUMBER_TEXT = re.compile(r"-?[0-9]{1,18}")


def _not_whole(field: ma.fields.Field | None, value: Any) -> bool:
    """A value given for an integer field that is not a JSON integer: numbers with a fraction or exponent,
    booleans, and text (query arguments arrive as text) other than ASCII digits, which Python's int() would
    also read from "2_0", " 2" or an Arabic-Indic "٢"."""
    if isinstance(field, ma.fields.List):
        return isinstance(value, list) and any(_not_whole(field.inner, item) for item in value)
    if not isinstance(field, ma.fields.Integer):
        return False
    if isinstance(value, str):
        return WHOLE_NUMBER_TEXT.fullmatch(value) is None
    # A JSON number written with a fraction or an exponent is read as a float, even 30.0 or 3e1: refused, since
    # 3.0000000000000001e1 is read as 30.0 too (a float cannot say what was written).
    return isinstance(value, (bool, float))


# A number sent as text (a query argument) as JSON writes one, where Python's float() also reads "1_0", " 5", an
# Arabic-Indic "٥", "inf" or "5.": `?radius_km=1_0` was a search within 10 km.
NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _not_a_number_as_written(field: ma.fields.Field | None, value: Any) -> bool:
    """Text given for a (non-integer) number field that is not a number as JSON writes one."""
    if isinstance(field, ma.fields.List):
        return isinstance(value, list) and any(_not_a_number_as_written(field.inner, item) for item in value)
    return isinstance(value, str) and NUMBER_TEXT.fullmatch(value) is None


class Strings(ma.fields.List):
    """A list of strings, dumped in one pass: a search page holds hundreds of them, and marshmallow's
    call per item was most of the page's serialisation. Read like any list of strings."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(ma.fields.String(), **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[str] | None:
        return None if value is None else [item if type(item) is str else str(item) for item in value]


class Input(ma.Schema):
    """Every request shape: unknown fields refused, strings trimmed, unsafe characters refused,
    whole numbers whole and dates plausible."""

    class Meta:
        unknown = ma.RAISE
        ordered = True

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        if isinstance(field_obj, (ma.fields.Date, ma.fields.DateTime)) and plausible_year not in field_obj.validators:
            field_obj.validators = [*field_obj.validators, plausible_year]
            bounded = DATE_PATTERN + ("$" if type(field_obj) is ma.fields.Date else "T")
            field_obj.metadata = {"pattern": bounded, **field_obj.metadata}
        if isinstance(field_obj, ma.fields.Time):
            field_obj.metadata = {"pattern": TIME_PATTERN, **field_obj.metadata}
        _document_text_rules(field_obj)

    @ma.pre_load
    def clean_text(self, data: Any, **_kwargs: Any) -> Any:
        from_json = isinstance(data, dict)
        if isinstance(data, Mapping) and not from_json:
            data = {key: data[key] for key in data}  # query arguments (webargs' proxy of a MultiDict): text
        if not isinstance(data, dict):
            return data  # marshmallow answers "Invalid input type" itself
        rules = self._text_rules()
        problems = _problems(data, "")
        if from_json:
            for key, value in data.items():
                wrong = _wrong_json_type(self.fields.get(key), value) if key in rules.typed else None
                if wrong:
                    problems[key] = [wrong]
        problems.update({key: ["must be a whole number"] for key, value in data.items()
                         if key in rules.integral and key not in problems and _not_whole(self.fields.get(key), value)})
        problems.update({key: ["must be a number"] for key, value in data.items()
                         if key in rules.decimal and key not in problems
                         and _not_a_number_as_written(self.fields.get(key), value)})
        for key, value in data.items():
            shape = rules.shaped.get(key)
            if shape is not None and isinstance(value, str) and not shape[0].fullmatch(value):
                problems[key] = [shape[1]]
            limit = rules.longest.get(key)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                problems[key] = [f"longer than {limit} characters"]
        if problems:
            raise ma.ValidationError(problems)
        return {key: value if key in rules.untrimmed else _trimmed(value) for key, value in data.items()}

    def _text_rules(self) -> _TextRules:
        """What clean_text needs of each field, worked out once per schema instance (its fields are bound
        for good by then): reading every field's validators on every request was most of clean_text."""
        rules = self.__dict__.get("_rapport_text_rules")
        if rules is None:
            rules = self.__dict__["_rapport_text_rules"] = _TextRules.of(self.fields)
        return rules


@dataclass(frozen=True)
class _TextRules:
    typed: frozenset[str]  # fields _wrong_json_type can refuse something for (booleans, numbers, lists of them)
    integral: frozenset[str]  # fields _not_whole can refuse something for (integers, lists of them)
    decimal: frozenset[str]  # other number fields: text for them must be a number as JSON writes one
    longest: dict[str, int]  # each field's length limit, checked before trimming (documents state it on what is sent)
    untrimmed: frozenset[str]  # fields whose exact text is kept (`metadata={"trim": False}`)
    shaped: dict[str, tuple[re.Pattern[str], str]]  # dates and times by the key they are sent as: shape, message

    @classmethod
    def of(cls, fields: Mapping[str, ma.fields.Field]) -> _TextRules:
        longest = {}
        for name, field in fields.items():
            _low, high = _length_limits(field)
            if high is not None:
                longest[name] = high
        return cls(typed=frozenset(n for n, f in fields.items() if isinstance(_innermost(f), (ma.fields.Boolean,
                                                                                             ma.fields.Number))),
                   integral=frozenset(n for n, f in fields.items() if isinstance(_innermost(f), ma.fields.Integer)),
                   decimal=frozenset(n for n, f in fields.items() if isinstance(_innermost(f), ma.fields.Number)
                                     and not isinstance(_innermost(f), ma.fields.Integer)),
                   longest=longest,
                   untrimmed=frozenset(n for n, f in fields.items() if f.metadata.get("trim") is False),
                   shaped={f.data_key or n: next((pattern, message) for kind, pattern, message in SHAPES
                                                 if isinstance(f, kind))
                           for n, f in fields.items() if isinstance(f, tuple(kind for kind, *_ in SHAPES))})


def _innermost(field: ma.fields.Field | None) -> ma.fields.Field | None:
    """The item field of a list (of a list...), as _wrong_json_type and _not_whole descend to it."""
    while isinstance(field, ma.fields.List):
        field = field.inner
    return field


# An https address a browser can load; a subset of what marshmallow's Url accepts, so the
# document's pattern and the server's rule agree.
HTTPS_URL = (r"^https://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}"
             r"(/[A-Za-z0-9._~%-]*)*$")

# The IANA zones of places (zones.py), so the documents list what the server accepts.
TIME_ZONE = validate.OneOf(sorted(PLACE_ZONES), error="an IANA time zone, e.g. America/Chicago")

# What mail can be delivered to, beyond marshmallow's Email (which lets an internationalised domain carry a
# line separator into a mail header): no space, control or format character anywhere, a domain with a dot
# (not "localhost", not an IP literal), and RFC 5321's lengths.
_EMAIL_DOMAIN = re.compile(r"(?!-)[^\s.@\[\]]{1,63}(?<!-)(\.(?!-)[^\s.@\[\]]{1,63}(?<!-))+")


def _deliverable(value: str) -> None:
    local, _at, domain = value.rpartition("@")
    if (len(value) > 254 or len(local) > 64 or _EMAIL_DOMAIN.fullmatch(domain) is None
            or any(unicodedata.category(c)[0] in "CZ" for c in value)):
        raise ma.ValidationError("not an email address mail can be delivered to")


class EmailAddress(ma.fields.Email):
    """An email address (at most 254 characters, as mail servers take them), one mail can be delivered to."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators = [*self.validators, validate.Length(max=254), _deliverable]


class ObjectId(ma.fields.String):
    """The id of an object the services issued (a UUID), read in either case and kept in the lower case ids are
    issued in, as paths take them: "D0EB4FA0-..." names the same object as "d0eb4fa0-..."."""

    PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

    def __init__(self, **kwargs: Any) -> None:
        kwargs["metadata"] = {"format": "uuid", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.validators = [validate.Regexp(self.PATTERN, error="must be an id (a UUID)"), *self.validators]

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return super()._deserialize(value, attr, data, **kwargs).lower()


US_STATE = validate.Regexp(r"^[A-Z]{2}$", error="a two-letter US state code, e.g. IL")
US_ZIP = validate.Regexp(r"^\d{5}(\d{4})?$", error="a US ZIP code: 5 or 9 digits, no hyphen")


class Address(Input):
    """A US postal address (lengths fit an X12 N3/N4 segment)."""

    line1 = ma.fields.String(required=True, validate=validate.Length(1, 55))
    line2 = ma.fields.String(allow_none=True, validate=validate.Length(max=55))
    city = ma.fields.String(required=True, validate=validate.Length(1, 30))
    state = ma.fields.String(required=True, validate=US_STATE)
    zip = ma.fields.String(required=True, validate=US_ZIP)
