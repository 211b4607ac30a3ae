"""X12 segments as read from a file, and problems found in them, each with its position."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """One segment: its 1-based position in the file, its id, and its elements (each a tuple of components)."""

    index: int
    id: str
    elements: tuple[tuple[str, ...], ...]

    def value(self, position: int, component: int = 1) -> str:
        """Element `position` (1-based, as in CLP01), or one component of a composite; "" when absent."""
        if position < 1 or position > len(self.elements):
            return ""
        parts = self.elements[position - 1]
        return parts[component - 1].strip() if component <= len(parts) else ""

    def element(self, position: int) -> str:
        """The element's name in the implementation guides' style: CLP03."""
        return f"{self.id}{position:02d}"


@dataclass(frozen=True)
class Finding:
    """A problem at a position: the segment's index and id, and the element when known."""

    segment: int
    segment_id: str | None
    element: str | None
    message: str

    def as_json(self) -> dict:
        return {"segment": self.segment, "segment_id": self.segment_id, "element": self.element,
                "message": self.message}


class NotX12(ValueError):
    """The text is not X12 at all; `finding` says where reading stopped."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding
