"""Reading an X12 interchange into positioned segments with pyx12's reader (separators from the ISA).

Quirks of real senders that still leave the data usable are tolerated and reported as warnings:
line breaks after, instead of or before terminators, an ISA whose fixed-width elements are not
padded or run past their widths, separators outside ASCII, empty segments, a last segment without its
terminator, no ISA/GS envelope at all, or a GS..GE group without its ISA.
"""
from __future__ import annotations

import io
import re

import pyx12.errors
import pyx12.x12file

from ..domain.x12_segments import Finding, NotX12, Segment
from .x12_validation import validation_findings

ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1)  # ISA01..ISA15; ISA16 is one character
NO_ENVELOPE = "no ISA/GS envelope: separators taken from the first ST segment"
NO_ISA = "no ISA segment: separators taken from the GS segment"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def read_segments(text: str) -> tuple[list[Segment], list[Finding]]:
    """The interchange's segments in order, and warnings (how it was written, pyx12's findings); NotX12 if it
    is not X12."""
    text = text.lstrip("\ufeff \t\r\n")
    _refuse_unstorable(text)
    warnings: list[Finding] = []
    offset = 0  # segments added to make an envelope are not counted in positions
    if text.startswith("ISA") and len(text) > 3 and not _data_character(text[3]):
        text = _line_breaks_before_terminators(_padded_isa(text, warnings), warnings)
    elif re.match(r"ST[^A-Za-z0-9\s]835", text) or _group_without_isa(text):
        warnings.append(Finding(1, text[:2], None, NO_ENVELOPE if text.startswith("ST") else NO_ISA))
        text, offset = _enveloped(text)
    else:
        raise NotX12(Finding(1, None, None, "not X12: an interchange starts with an ISA segment"))
    text = _tidied(text, warnings)
    segments: list[Segment] = []
    try:
        reader = pyx12.x12file.X12Reader(io.StringIO(text))
        for raw in reader:
            index = reader.get_cur_line() - offset
            if index < 1 or (offset and raw.get_seg_id() in ("GE", "IEA") and index > len(segments)):
                continue
            elements = tuple(tuple(part.get_value() for part in (composite[i] for i in range(len(composite))))
                             for composite in raw.elements)
            segments.append(Segment(index, (raw.get_seg_id() or "").strip(), elements))
    except (pyx12.errors.X12Error, IndexError) as exc:
        position = len(segments) + 1
        raise NotX12(Finding(position, "ISA" if position == 1 else None, None, f"not readable as X12: {exc}")) \
            from exc
    last = segments[-1].index if segments else 1
    for finding in validation_findings(text):
        at = min(max(finding.segment - offset, 1), last)
        warnings.append(Finding(at, finding.segment_id, finding.element, finding.message))
    return segments, warnings


def _refuse_unstorable(text: str) -> None:
    """NUL and unpaired surrogates are in no X12 character set, and no database keeps them as text."""
    bad = UNSTORABLE.search(text)
    if bad is not None:
        terminator = text[105] if text.startswith("ISA") and len(text) > 105 else "~"
        raise NotX12(Finding(text.count(terminator, 0, bad.start()) + 1, None, None,
                             f"character {bad.start() + 1} is a NUL or an unpaired surrogate: not X12 text"))


def _data_character(character: str) -> bool:
    """A letter or digit of X12's character sets; anything else (a non-ASCII "Ö" too) can be a separator."""
    return character.isascii() and character.isalnum()


def _padded_isa(text: str, warnings: list[Finding]) -> str:
    """The ISA at its fixed width (106 characters), which pyx12 needs to find the separators. The separators
    are found by counting elements, so an element written shorter or longer than its width is read all the
    same; only the copy of the ISA handed to pyx12 is padded, or cut to fit."""
    separator = text[3]
    parts = text.split(separator, 16)
    if len(parts) < 17 or len(parts[16]) < 2:
        raise NotX12(Finding(1, "ISA", None, "the ISA segment needs 16 elements and a segment terminator"))
    elements = parts[1:16]
    if all(len(value) == width for value, width in zip(elements, ISA_WIDTHS, strict=True)):
        return text
    fitted = []
    for position, (value, width) in enumerate(zip(elements, ISA_WIDTHS, strict=True), start=1):
        value = value.strip()
        if len(value) > width:
            # "0000000001" as a nine-digit control number is 000000001; other values keep their first characters.
            cut = value.lstrip("0").zfill(width) if value.isdigit() and len(value.lstrip("0")) <= width \
                else value[:width]
            warnings.append(Finding(1, "ISA", f"ISA{position:02d}", f"{value!r} is longer than the element's fixed "
                                                                   f"width of {width}: read as {cut!r}"))
            value = cut
        fitted.append(value.ljust(width))
    if any(len(value.strip()) < width for value, width in zip(elements, ISA_WIDTHS, strict=True)):
        warnings.append(Finding(1, "ISA", None, "ISA elements not padded to their fixed widths"))
    return separator.join(["ISA", *fitted, parts[16]])


def _line_breaks_before_terminators(text: str, warnings: list[Finding]) -> str:
    """Some senders break the line before each terminator (an ISA line, then "~GS*..." on the next): the
    ISA's 106th character is then a line break, and every later segment would start with the terminator.
    When line breaks there are followed by a character that cannot start a segment, that character is the
    terminator, and line breaks just before a terminator are dropped (no X12 element ends in one)."""
    following = text[105:].lstrip("\r\n")
    if text[105] not in "\r\n" or not following or following[0].isalnum() or following[0].isspace() \
            or following[0] in (text[3], text[104]):
        return text
    terminator = following[0]
    warnings.append(Finding(1, "ISA", None, f"line breaks before the segment terminators: {terminator!r} taken "
                                            "as the terminator"))
    return re.sub(rf"[\r\n]+(?={re.escape(terminator)})", "", text[:105] + following)


def _terminator_after_st(text: str) -> str | None:
    """The character ending the first ST*835 segment (ST01 and ST02 are letters and digits)."""
    element = re.escape(text[2])
    after_st = re.search(rf"ST{element}835{element}[A-Za-z0-9]*([^A-Za-z0-9{element}])", text)
    return after_st.group(1) if after_st else None


def _group_without_isa(text: str) -> bool:
    """A GS..GE functional group sent without its ISA: a GS segment of seven or more elements, then an 835."""
    if not re.match(r"GS[^A-Za-z0-9\s]", text):
        return False
    terminator = _terminator_after_st(text)
    return terminator is not None and text.split(terminator, 1)[0].count(text[2]) >= 6


def _enveloped(text: str) -> tuple[str, int]:
    """A bare ST..SE set inside an ISA/GS envelope built from its own separators, or a GS..GE group inside an
    ISA; with the number of segments added before the text."""
    element = text[2]
    terminator = _terminator_after_st(text) or "~"
    # The component separator follows a two-letter qualifier (SVC*HC:90834); a two-letter element that ends
    # a segment (NM1*...*MI*XX~) is followed by the terminator instead, and the search goes on past it.
    service = re.search(rf"{re.escape(element)}[A-Z]{{2}}([^A-Za-z0-9\s{re.escape(element + terminator)}])", text)
    component = service.group(1) if service else ":"
    sets = max(1, len(re.findall(rf"(?:^|{re.escape(terminator)})\s*ST{re.escape(element)}", text)))
    # A group sent with its IEA keeps that IEA, so the ISA made for it carries the IEA's control number.
    iea_control = re.search(rf"(?:^|{re.escape(terminator)})\s*IEA{re.escape(element)}[^{re.escape(terminator)}]*?"
                            rf"{re.escape(element)}\s*(\d{{1,9}})\s*{re.escape(terminator)}\s*$", text)
    control = iea_control.group(1).zfill(9) if iea_control and text.startswith("GS") else "000000001"
    isa = element.join(["ISA", "00", " " * 10, "00", " " * 10, "ZZ", "UNKNOWN".ljust(15), "ZZ",
                        "UNKNOWN".ljust(15), "000101", "0000", "^", "00501", control, "0", "P", component])
    gs = element.join(["GS", "HP", "UNKNOWN", "UNKNOWN", "20000101", "0000", "1", "X", "005010X221A1"])
    body = text.rstrip()
    if not body.endswith(terminator):
        body += terminator
    iea = element.join(["IEA", "1", control]) + terminator
    if text.startswith("GS"):
        return isa + terminator + body + ("" if iea_control else iea), 1
    trailer = element.join(["GE", str(sets), "1"]) + terminator + iea
    return isa + terminator + gs + terminator + body + trailer, 2


def _tidied(text: str, warnings: list[Finding]) -> str:
    """CR LF line ends as LF, empty segments left out, a terminator after the last segment."""
    terminator = text[105]
    text = text.replace("\r\n", "\n") if terminator != "\r" else text
    kept: list[str] = []
    pieces = text.split(terminator)
    for position, piece in enumerate(pieces):
        if piece.strip() or position == len(pieces) - 1:
            kept.append(piece)
        else:
            warnings.append(Finding(len(kept) + 1, None, None, "an empty segment was left out"))
    text = terminator.join(kept)
    if kept and kept[-1].strip():
        warnings.append(Finding(len(kept), kept[-1].strip()[:3], None, "the last segment has no terminator"))
        text = text.rstrip() + terminator
    return text
