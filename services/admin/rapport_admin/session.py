"""Signing in and out. The token is stored (mode 600) and never printed."""
from __future__ import annotations

import base64
import datetime as dt
import json

import typer

from . import credentials
from .context import command, options
from .output import console, emit


@command
def login(ctx: typer.Context, email: str = typer.Option(..., prompt=True),
          password: str = typer.Option(..., prompt=True, hide_input=True)) -> None:
    """Sign in at the gateway and keep the token for the next commands."""
    opts = options(ctx)
    token = opts.api(signed_in=False).post("/v1/auth/token", json={"email": email, "password": password})
    path = credentials.save(opts.gateway, token["access_token"], email)
    if opts.as_json:
        emit({"gateway": opts.gateway, "email": email, "expires_in": token["expires_in"]}, as_json=True)
    else:
        console.print(f"Signed in as {email} at {opts.gateway} (token kept in {path}, readable by you only).")


@command
def logout(ctx: typer.Context) -> None:
    """Forget the token for this gateway."""
    opts = options(ctx)
    removed = credentials.forget(opts.gateway)
    emit({"gateway": opts.gateway, "signed_out": removed}, as_json=opts.as_json, columns=["gateway", "signed_out"])


@command
def whoami(ctx: typer.Context) -> None:
    """Who the stored token says you are, and until when (the token itself is not shown)."""
    opts = options(ctx)
    session = credentials.session_for(opts.gateway)
    if session is None:
        raise typer.BadParameter(f"not signed in at {opts.gateway}")
    payload = session["token"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    expires = dt.datetime.fromtimestamp(claims["exp"], dt.timezone.utc)
    emit({"email": session["email"], "role": claims.get("role"), "practice_id": claims.get("practice_id"),
          "therapist_id": claims.get("therapist_id"), "expires_at": expires.isoformat(),
          "expired": expires < dt.datetime.now(dt.timezone.utc)},
         as_json=opts.as_json, columns=["email", "role", "practice_id", "expires_at", "expired"])
