"""Changes made under the caller's If-Match (profiles, practices, clients): 412 whenever the version it names is
not current, whether it was stale when read or became stale when another request wrote first."""
from __future__ import annotations

from typing import Protocol, TypeVar

from rapport_shared.errors import ChangedMeanwhile, PreconditionFailed

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class VersionedStore(Protocol[T_contra]):
    def save(self, obj: T_contra, expected_version: int) -> None: ...


# What an If-Match asks for: one version, any of several, or (None: `*`, or no precondition) whatever is current.
IfMatch = int | frozenset[int] | None


def check_if_match(current_version: int, expected: IfMatch, what: str) -> None:
    if expected is not None and current_version not in ({expected} if isinstance(expected, int) else expected):
        raise PreconditionFailed(f"the {what} changed since you read it; reload it and try again")


def save_if_match(store: VersionedStore[T], obj: T, version: int, what: str) -> None:
    """Write back what was read at `version`; a concurrent write that got there first makes the If-Match stale."""
    try:
        store.save(obj, version)
    except ChangedMeanwhile as exc:
        raise PreconditionFailed(f"the {what} changed since you read it; reload it and try again") from exc
