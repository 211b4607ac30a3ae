"""What every command gets: the gateway, the signed-in session, the output mode."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import overload

import typer

from . import credentials, ids
from .api import Api, ApiProblem
from .output import explain


@dataclass
class Options:
    gateway: str
    as_json: bool

    def api(self, *, signed_in: bool = True) -> Api:
        session = credentials.session_for(self.gateway)
        if signed_in and session is None:
            raise ApiProblem(401, "Not signed in", f"no session for {self.gateway}", [])
        return Api(self.gateway, session["token"] if session else None)

    @overload
    def resolve(self, kind: str, value: str, path: str | None = None) -> str: ...

    @overload
    def resolve(self, kind: str, value: None, path: str | None = None) -> None: ...

    def resolve(self, kind: str, value: str | None, path: str | None = None) -> str | None:
        """The whole id a typed prefix stands for (see ids.resolve); an option not given stays None."""
        return ids.resolve(self.api(), kind, value, path) if value else value


def options(ctx: typer.Context) -> Options:
    return ctx.find_root().obj


def command(fn):
    """Run a command, turning problem+json answers into a clear message and exit status 1."""

    @functools.wraps(fn)
    def wrapper(ctx: typer.Context, *args, **kwargs):
        try:
            return fn(ctx, *args, **kwargs)
        except ApiProblem as problem:
            explain(problem, as_json=options(ctx).as_json)
            raise typer.Exit(1) from None

    return wrapper
