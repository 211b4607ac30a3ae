"""Reading an X12 interchange into positioned segments with pyx12's reader (separators from the ISA).

Quirks of real senders that still leave the data usable are tolerated and reported as warnings:
line breaks after, instead of or before terminators, an ISA whose fixed-width elements are not
padded or run past their widths, separators outside ASCII, segment ids in lower case, empty segments,
a last segment without its terminator, no ISA/GS envelope at all, a GS..GE group without its ISA, or
an envelope trailer (SE, GE, IEA) closing no header open before it (left out; the sets around it are read).

Every finding names the segment it concerns: its position in the file as sent (segments added to make an
envelope are not counted; a trailer left out keeps its number) and that segment's id.
"""
from __future__ import annotations

import io
import re
from collections import Counter

import pyx12.x12file

from ..domain.x12_segments import Finding, NotX12, Segment
from .x12_validation import validation_findings

ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1)  # ISA01..ISA15; ISA16 is one character
VERSIONS = ("00401", "00501")  # ISA12: the interchange versions pyx12 reads
NO_ENVELOPE = "no ISA/GS envelope: separators taken from the first ST segment"
NO_ISA = "no ISA segment: separators taken from the GS segment"
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
HEADERS = {"SE": "ST", "GE": "GS", "IEA": "ISA"}  # each envelope trailer and the header it closes
ENCLOSING = {"ST": "GS", "GS": "ISA"}
ENVELOPES = {("ISA", "IEA"), ("GS", "GE"), ("ST", "SE")}  # pyx12 reports an envelope's findings at its trailer

Line = tuple[int, str]  # a segment handed to pyx12: its position in the file (0: added for an envelope), its text


def read_segments(text: str) -> tuple[list[Segment], list[Finding]]:
    """The interchange's segments in order, and warnings (how it was written, pyx12's findings); NotX12 if it
    is not X12."""
    text = text.lstrip("\ufeff \t\r\n")
    if not text:
        raise NotX12(Finding(1, None, None, "not X12: the text is empty"))
    _refuse_unstorable(text)
    warnings: list[Finding] = []
    head: list[str] = []
    tail: list[str] = []
    if text[:3].upper() == "ISA" and len(text) > 3 and not _data_character(text[3]):
        text = _line_breaks_before_terminators(_padded_isa(text, warnings), warnings)
        if text[84:89] not in VERSIONS:
            raise NotX12(Finding(1, "ISA", "ISA12", f"interchange version {text[84:89]!r} is not one read here "
                                                    f"({' or '.join(VERSIONS)})"))
        element, terminator = text[3], text[105]
    elif re.match(r"ST[^A-Za-z0-9\s]835", text, re.IGNORECASE) or _group_without_isa(text):
        warnings.append(Finding(1, text[:2].upper(), None, NO_ENVELOPE if text[:2].upper() == "ST" else NO_ISA))
        element = text[2]
        head, text, tail, terminator = _enveloped(text)
    else:
        raise NotX12(Finding(1, None, None, "not X12: an interchange starts with an ISA segment" + _isa_later(text)))
    pieces = _ids_in_upper_case(_tidied(text, element, terminator, warnings), element, warnings)
    lines, checked = _balanced([(0, piece) for piece in head] + list(enumerate(pieces, start=1))
                               + [(0, piece) for piece in tail], element, warnings)
    document = terminator.join(piece for _, piece in lines) + terminator
    segments, read_findings = _read(document, lines)
    # pyx12's validator runs the same reader, whose findings it files under whichever segment it is at: those
    # are taken from the reading above, where each is at the segment that was being read.
    said_by_reader = Counter(finding.message for finding in read_findings)
    placed = _Placing(lines, segments)
    warnings += [placed.at_its_segment(finding) for finding in read_findings]
    for finding in validation_findings(terminator.join(piece for _, piece in lines[:checked]) + terminator):
        if said_by_reader[finding.message]:
            said_by_reader[finding.message] -= 1
        else:
            warnings.append(placed.at_its_segment(finding))
    return segments, warnings


def _read(document: str, lines: list[Line]) -> tuple[list[Segment], list[Finding]]:
    """pyx12's reading of the document: the segments sent (not those added for an envelope), and the reader's
    findings, each at the line (in the document) it was reading. NotX12 at the segment where reading stopped,
    if it stops: with a message of ours, never an exception's text."""
    segments: list[Segment] = []
    found: list[Finding] = []
    reader = None
    try:
        reader = pyx12.x12file.X12Reader(io.StringIO(document))
        for raw in reader:
            line = reader.get_cur_line()
            seg_id = (raw.get_seg_id() or "").strip()
            found += [Finding(line, seg_id, None, error[2]) for error in reader.pop_errors()]
            position = lines[line - 1][0] if line <= len(lines) else 0
            if position:
                elements = tuple(tuple(part.get_value() for part in (composite[i] for i in range(len(composite))))
                                 for composite in raw.elements)
                segments.append(Segment(position, seg_id, elements))
        reader.cleanup()  # trailers never sent: at the last segment, as pyx12's validator reports them
        found += [Finding(len(lines), None, None, error[2]) for error in reader.pop_errors()]
    except Exception as exc:  # noqa: BLE001 - pyx12 stops with many kinds of error on odd files
        # The segment being read when it stopped is the one after the last it counted.
        line = min(reader.get_cur_line() + 1 if reader is not None else 1, len(lines))
        position = _Placing(lines, segments).position(line)
        raise NotX12(Finding(position, _segment_id(lines[line - 1][1], document[3]) or None, None,
                             "not readable as X12 from this segment on")) from exc
    return segments, found


class _Placing:
    """Findings made on the document handed to pyx12 (lines counted from 1), placed at the segments sent."""

    def __init__(self, lines: list[Line], segments: list[Segment]):
        self.lines = lines
        self.ids = {segment.index: segment.id for segment in segments}
        self.positions: list[int] = []  # per line: its position, or that of the nearest segment sent before it
        for position, _ in lines:
            self.positions.append(position or (self.positions[-1] if self.positions else 1))

    def position(self, line: int) -> int:
        return self.positions[min(max(line, 1), len(self.positions)) - 1] if self.positions else 1

    def at_its_segment(self, finding: Finding) -> Finding:
        """The finding at the segment sent it concerns, with that segment's id. pyx12 files an envelope's
        findings under its header's id at its trailer, and a missing segment or loop under the missing one's
        id at the segment where it noticed: there the id is the segment's, and the message says which."""
        position = self.position(finding.segment)
        actual = self.ids.get(position)
        reported = finding.segment_id
        if actual is None or reported == actual:
            return Finding(position, reported, finding.element, finding.message)
        sent = 1 <= finding.segment <= len(self.lines) and self.lines[finding.segment - 1][0] != 0
        message = finding.message
        if sent and reported and (reported, actual) not in ENVELOPES:
            message += f": {_article(reported)} {reported} segment was expected before this one"
        if finding.element:
            message = f"{finding.element}: {message}"
        return Finding(position, actual, None, message)


def _article(segment_id: str) -> str:
    return "an" if segment_id[:1] in tuple("AEFHILMNORSX") else "a"  # as the letters are said: an SE, an N1


def _segment_id(piece: str, element: str) -> str:
    return piece.split(element, 1)[0].strip()


def _tidied(text: str, element: str, terminator: str, warnings: list[Finding]) -> list[str]:
    """The segments as written (without terminators): CR LF line ends as LF, empty segments left out, a last
    segment sent without its terminator kept."""
    text = text.replace("\r\n", "\n") if terminator != "\r" else text
    *pieces, last = text.split(terminator)  # last: what follows the last terminator, normally nothing
    kept: list[str] = []
    for piece in pieces:
        if piece.strip():
            kept.append(piece)
        elif kept:
            warnings.append(Finding(len(kept), _segment_id(kept[-1], element).upper(), None,
                                    "an empty segment after this one was left out"))
    if last.strip():
        kept.append(last.rstrip())
        warnings.append(Finding(len(kept), _segment_id(last, element).upper(), None,
                                "the last segment has no terminator"))
    return kept


def _ids_in_upper_case(pieces: list[str], element: str, warnings: list[Finding]) -> list[str]:
    """Segment ids are upper case; some senders write them in lower case, which the data survives: read as
    upper case, with one warning at the first."""
    segment_id = re.compile(rf"\s*([A-Za-z0-9]{{2,3}})(?:{re.escape(element)}|\s*$)")
    read: list[str] = []
    warned = False
    for position, piece in enumerate(pieces, start=1):
        found = segment_id.match(piece)
        if found is not None and found.group(1) != found.group(1).upper():
            written, upper = found.group(1), found.group(1).upper()
            if not warned:
                warned = True
                warnings.append(Finding(position, upper, None, f"segment id {written!r} is not in upper case: "
                                                               f"read as {upper!r}, as is any later one"))
            piece = piece[:found.start(1)] + upper + piece[found.end(1):]
        read.append(piece)
    return read


def _balanced(lines: list[Line], element: str, warnings: list[Finding]) -> tuple[list[Line], int]:
    """The lines with each envelope trailer (SE, GE, IEA) that closes no open header left out, with a warning
    at the first of each kind: pyx12's reader cannot read past one (an IEA after the interchange's IEA, say).
    A header opened where its enclosing one is not (a GS after the IEA) is read, with a warning at the first;
    and how many lines pyx12's validator can follow: not past an ST outside any group, after which it finds
    every segment out of place. Headers are tracked as pyx12's reader does: a trailer closes its header, or
    what was left open inside it and then that header."""
    kept: list[Line] = []
    open_headers: list[str] = []
    warned: set[str] = set()
    checked = len(lines)

    def warn_once(kind: str, finding: Finding) -> None:
        if kind not in warned:
            warned.add(kind)
            warnings.append(finding)

    for position, piece in lines:
        seg_id = _segment_id(piece, element)
        if seg_id in ENCLOSING or seg_id == "ISA":
            if seg_id == "ISA" and kept and piece.count(element) != 16:
                raise NotX12(Finding(position, "ISA", None, "an ISA segment needs 16 elements"))
            enclosing = ENCLOSING.get(seg_id)
            if enclosing and enclosing not in open_headers and position:
                unchecked = seg_id == "ST" and "ST" not in warned
                warn_once(seg_id, Finding(position, seg_id, None, f"{_article(seg_id)} {seg_id} with no {enclosing} "
                                          "open before it: read all the same"
                                          + (", not checked against the guide from here on" if unchecked else "")))
                checked = len(kept) if unchecked else checked
            open_headers.append(seg_id)
        elif seg_id in HEADERS:
            header = HEADERS[seg_id]
            if header not in open_headers:
                warn_once(seg_id, Finding(position, seg_id, None, f"{_article(seg_id)} {seg_id} closing no open "
                                                                  f"{header}: left out, as is any later one"))
                continue
            if seg_id != "SE" and open_headers[-1] != header:
                open_headers.pop()
            open_headers.pop()
        kept.append((position, piece))
    return kept, checked


def _refuse_unstorable(text: str) -> None:
    """NUL and unpaired surrogates are in no X12 character set, and no database keeps them as text."""
    bad = UNSTORABLE.search(text)
    if bad is not None:
        terminator = text[105] if text[:3].upper() == "ISA" and len(text) > 105 else "~"
        raise NotX12(Finding(text.count(terminator, 0, bad.start()) + 1, None, None,
                             f"character {bad.start() + 1} is a NUL or an unpaired surrogate: not X12 text"))


def _isa_later(text: str) -> str:
    """Where an ISA starts a later line (a file with notes or a banner written before its interchange): said, so
    that whoever sent it knows what to take away; the text is not read from there, as what precedes is unknown."""
    later = re.search(r"[\r\n][ \t]*ISA[^A-Za-z0-9\s]", text)
    if later is None:
        return ""
    line = len(re.findall(r"\r\n|\r|\n", text[:later.start() + 1])) + 1
    return f"; this text has other text before its ISA, which starts line {line}"


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
    return separator.join([parts[0], *fitted, parts[16]])


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
    after_st = re.search(rf"ST{element}835{element}[A-Za-z0-9]*([^A-Za-z0-9{element}])", text, re.IGNORECASE)
    return after_st.group(1) if after_st else None


def _group_without_isa(text: str) -> bool:
    """A GS..GE functional group sent without its ISA: a GS segment of seven or more elements, then an 835."""
    if not re.match(r"GS[^A-Za-z0-9\s]", text, re.IGNORECASE):
        return False
    terminator = _terminator_after_st(text)
    return terminator is not None and text.split(terminator, 1)[0].count(text[2]) >= 6


def _enveloped(text: str) -> tuple[list[str], str, list[str], str]:
    """A bare ST..SE set inside an ISA/GS envelope built from its own separators, or a GS..GE group inside an
    ISA: the segments added before the text, the text, those added after it, and the segment terminator."""
    element = text[2]
    terminator = _terminator_after_st(text) or "~"
    # The component separator follows a two-letter qualifier (SVC*HC:90834); a two-letter element that ends
    # a segment (NM1*...*MI*XX~) is followed by the terminator instead, and the search goes on past it.
    service = re.search(rf"{re.escape(element)}[A-Z]{{2}}([^A-Za-z0-9\s{re.escape(element + terminator)}])", text)
    component = service.group(1) if service else ":"
    sets = max(1, len(re.findall(rf"(?:^|{re.escape(terminator)})\s*ST{re.escape(element)}", text, re.IGNORECASE)))
    # A group sent with its IEA keeps that IEA, so the ISA made for it carries the IEA's control number.
    group = text[:2].upper() == "GS"
    iea_control = re.search(rf"(?:^|{re.escape(terminator)})\s*IEA{re.escape(element)}[^{re.escape(terminator)}]*?"
                            rf"{re.escape(element)}\s*(\d{{1,9}})\s*{re.escape(terminator)}\s*$", text, re.IGNORECASE)
    control = iea_control.group(1).zfill(9) if iea_control and group else "000000001"
    isa = element.join(["ISA", "00", " " * 10, "00", " " * 10, "ZZ", "UNKNOWN".ljust(15), "ZZ",
                        "UNKNOWN".ljust(15), "000101", "0000", "^", "00501", control, "0", "P", component])
    gs = element.join(["GS", "HP", "UNKNOWN", "UNKNOWN", "20000101", "0000", "1", "X", "005010X221A1"])
    body = text.rstrip()
    if not body.endswith(terminator):
        body += terminator
    iea = element.join(["IEA", "1", control])
    if group:
        return [isa], body, [] if iea_control else [iea], terminator
    return [isa, gs], body, [element.join(["GE", str(sets), "1"]), iea], terminator
