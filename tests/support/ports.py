"""Holding a Protocol, its real implementation and its fake together (so fakes cannot drift)."""
from __future__ import annotations

import inspect
from typing import Protocol


def protocol_methods(protocol: type) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(protocol).items()
            if callable(member) and not name.startswith("_")}


def drift(protocol: type, implementation: type) -> list[str]:
    """What `implementation` lacks of `protocol`, or takes differently (parameter names and kinds)."""
    assert issubclass(protocol, Protocol) or getattr(protocol, "_is_protocol", False)
    problems = []
    for name, wanted in protocol_methods(protocol).items():
        member = getattr(implementation, name, None)
        if member is None or not callable(member):
            problems.append(f"{implementation.__name__}.{name} is missing")
            continue
        have = [(p.name, p.kind) for p in inspect.signature(member).parameters.values()]
        want = [(p.name, p.kind) for p in wanted.parameters.values()]
        if have != want:
            problems.append(f"{implementation.__name__}.{name}{inspect.signature(member)} != protocol's {wanted}")
    return problems
