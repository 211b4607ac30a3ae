"""gunicorn's threaded worker, answering what gunicorn itself refuses as problem+json.

gunicorn turns some requests away before any app sees them: a control byte in a header value, more
header fields or a longer line than it reads, a Transfer-Encoding it does not implement, a chunked
body it cannot read. Its own answer to those is an HTML page (workers/base.py `handle_error` calls
util.write_error), and the gateway passes a service's answers through as they are, so the page reached
clients despite the rule that every error is application/problem+json. This worker leaves every
decision to gunicorn (the status, its log lines, the access log) and changes only what is written.

No Flask: it answers outside any app (problems.py imports Flask), in problems.problem_body's shape.
"""
from __future__ import annotations

import json
from typing import Any

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_MEDIA_TYPE = "application/problem+json"

_LEADS = {
    403: "The request is refused",
    414: "The request line is longer than the service reads",
    417: "The service cannot meet the request's Expect header",
    431: "The request has more header fields, or a longer one, than the service reads",
    501: "The service reads bodies sent whole or chunked, with no other Transfer-Encoding",
}


class _Page:
    """Stands in for the client's socket while gunicorn's handle_error runs: keeps what it writes."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0  # already non-blocking, as far as util.write_nonblock is concerned

    def sendall(self, data: bytes) -> None:
        self.data += data


def _status(page: bytes) -> int:
    """The status of the page gunicorn wrote ("HTTP/1.1 431 Request Header Fields Too Large"). Only the
    number: gunicorn's reason can be wrong (its 501 says "Bad Request")."""
    try:
        return int(page.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 500


def problem_answer(status: int, exc: BaseException) -> bytes:
    """The whole HTTP answer: the problem document, and Connection: close as gunicorn's page had."""
    title = HTTP_STATUS_CODES.get(status, "Error")
    said = str(exc)[:200]  # gunicorn's words name the header or line at fault
    if status in _LEADS:
        detail = f"{_LEADS[status]} ({said})."
    elif status < 500:
        detail = f"The request is malformed: {said}."
    else:
        detail = "The service failed to handle this request."  # an app's fault: never the exception's text
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    head = (f"HTTP/1.1 {status} {title}\r\nConnection: close\r\nContent-Type: {PROBLEM_MEDIA_TYPE}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


class ProblemThreadWorker(ThreadWorker):
    """gunicorn's gthread worker; the error answers it writes itself are problem+json."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        page = _Page()
        super().handle_error(req, page, addr, exc)  # gunicorn decides and logs; its page stays here
        try:
            util.write_nonblock(client, problem_answer(_status(page.data), exc))
        except OSError:  # the client has gone
            self.log.debug("Failed to send error message.")
