#!/usr/bin/env python3
"""Render nginx.conf.template into a complete nginx.conf for the Rapport gateway.

    python deploy/gateway/render.py [--out PATH]

Settings come from the environment (see README.md). Every value is checked against a strict
pattern before it goes in, because it is pasted into nginx.conf verbatim: a stray ";" or "}"
would otherwise change the configuration rather than fail. Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
TEMPLATE = HERE / "nginx.conf.template"
DOCS_DIR = HERE / "docs"

_HOST_PORT = r"(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):\d{1,5}"
_SIZE = r"\d+[kKmMgG]?"
# name -> (default, pattern the whole value must match); unset or empty means the default
SETTINGS: dict[str, tuple[str, str]] = {
    "GATEWAY_LISTEN": ("127.0.0.1:8080", rf"({_HOST_PORT}|\d{{1,5}})"),
    "PROFILES_UPSTREAM": ("127.0.0.1:8101", _HOST_PORT),
    "BOOKING_UPSTREAM": ("127.0.0.1:8102", _HOST_PORT),
    "BILLING_UPSTREAM": ("127.0.0.1:8103", _HOST_PORT),
    "CONSOLE_UPSTREAM": ("127.0.0.1:8104", _HOST_PORT),
    "CEILING_UPSTREAM": ("", rf"({_HOST_PORT})?"),
    "GATEWAY_PUBLIC_POST_RATE": ("10r/s", r"\d+r/[sm]"),
    "GATEWAY_PUBLIC_POST_BURST": ("20", r"\d+"),
    "GATEWAY_MAX_BODY": ("1m", _SIZE),
    "GATEWAY_MAX_UPLOAD": ("10m", _SIZE),
    "GATEWAY_READ_TIMEOUT": ("30s", r"\d+(ms|s|m)?"),
    "GATEWAY_ERROR_LOG_LEVEL": ("crit", r"debug|info|notice|warn|error|crit|alert|emerg"),
}
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:\d{1,5})?")
# Characters that would break out of the quoted nginx strings the paths are pasted into.
_UNSAFE_PATH = re.compile(r'["$\\\n;{}]')
# Directories nginx expects under its prefix: the temp paths named in the template, and logs/,
# which a source-built nginx opens (as PREFIX/logs/error.log) before it has read any config.
PREFIX_DIRS = ("tmp/client_body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi", "logs")

_BLOCK = re.compile(r"^[ \t]*#%if (\w+)\n(.*?)^[ \t]*#%endif\n", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def fail(message: str) -> NoReturn:
    raise SystemExit(f"render.py: {message}")


def checked_path(name: str, value: str) -> str:
    if _UNSAFE_PATH.search(value):
        fail(f"{name}={value!r} contains a character nginx.conf cannot hold (\" $ \\ ; {{ }})")
    return value


def swagger_ui_dir(env: Mapping[str, str]) -> Path:
    """SWAGGER_UI_DIR, else the static files of the swagger-ui-bundle package."""
    if env.get("SWAGGER_UI_DIR"):
        path = Path(env["SWAGGER_UI_DIR"]).resolve()
    else:
        try:
            import swagger_ui_bundle  # the static Swagger UI files, shipped as a Python package
        except ImportError:
            fail(f"cannot import swagger_ui_bundle with {sys.executable}: "
                 "pip install swagger-ui-bundle, or set SWAGGER_UI_DIR to a Swagger UI dist folder")
        path = Path(swagger_ui_bundle.swagger_ui_path).resolve()
    if not (path / "swagger-ui-bundle.js").is_file():
        fail(f"SWAGGER_UI_DIR {path} has no swagger-ui-bundle.js")
    return path


def cors_entries(origins: str) -> tuple[str, str]:
    """Lines of the $cors_allow_origin map, and the Vary flag ("" when not needed)."""
    names = origins.split()
    if names == ["*"]:
        return '        "~."  "*";', ""  # any origin: a constant answer, so no Vary
    for origin in names:
        if not _ORIGIN.fullmatch(origin):
            fail(f"GATEWAY_CORS_ORIGINS: {origin!r} is not an origin like https://app.example:8443 "
                 '(or use "*" alone)')
    lines = [f'        "{origin}"  $http_origin;' for origin in names]
    return "\n".join(lines) or "        # none: CORS is off", "1" if names else ""


def prefix_dir(env: Mapping[str, str]) -> Path:
    return (REPO_ROOT / env.get("GATEWAY_PREFIX", "var/gateway")).resolve()


def cache_dir(env: Mapping[str, str]) -> Path:
    """Where the shared cache of public reads lives (GATEWAY_CACHE_DIR). By default one folder per
    prefix under the system's temp dir: nginx's workers write it, and when the master runs as root
    they run as another user who may not reach a private prefix; nginx makes the folder theirs."""
    if env.get("GATEWAY_CACHE_DIR"):
        return Path(env["GATEWAY_CACHE_DIR"]).resolve()
    digest = hashlib.sha256(str(prefix_dir(env)).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"rapport-gateway-cache-{digest}"


def settings(env: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, (default, pattern) in SETTINGS.items():
        values[name] = (env.get(name) or default).strip()
        if not re.fullmatch(pattern, values[name]):
            fail(f"{name}={values[name]!r} does not match {pattern}")
    values["CORS_ORIGIN_ENTRIES"], values["CORS_VARY"] = cors_entries(env.get("GATEWAY_CORS_ORIGINS", ""))
    values["DOCS_DIR"] = checked_path("docs dir", str(DOCS_DIR))
    values["CACHE_DIR"] = checked_path("GATEWAY_CACHE_DIR", str(cache_dir(env)))
    values["SWAGGER_UI_DIR"] = checked_path("SWAGGER_UI_DIR", str(swagger_ui_dir(env)))
    return values


def render(template: str, values: Mapping[str, str]) -> str:
    text = _BLOCK.sub(lambda m: m.group(2) if values[m.group(1)] else "", template)
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def main(argv: list[str] | None = None) -> int:
    env = os.environ
    prefix = prefix_dir(env)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=prefix / "nginx.conf", help="where to write nginx.conf")
    out: Path = parser.parse_args(argv).out.resolve()

    config = render(TEMPLATE.read_text(encoding="utf-8"), settings(env))
    for sub in PREFIX_DIRS:
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(config, encoding="utf-8")
    # What to run next (stdout, so scripts can take it as is).
    print(shlex.join(["nginx", "-p", f"{prefix}/", "-c", str(out), "-e", "stderr", "-g", "daemon off;"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
