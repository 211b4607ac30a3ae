"""A tiny SMTP receiver for local runs and tests: every mail it accepts is kept as a .eml file
(and in memory), so a person can read what reminders would have said. Not for production."""
from __future__ import annotations

import asyncio
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path


class MailSink:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, directory: Path | None = None,
                 fail_next: int = 0):
        self.host, self.port, self.directory = host, port, directory
        self.fail_next = fail_next  # answer this many DATA commands with a 451, to test retries
        self.messages: list[EmailMessage] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._ready = threading.Event()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def send(line: str) -> None:
            writer.write((line + "\r\n").encode())

        send("220 rapport-mailsink ESMTP")
        while not reader.at_eof():
            raw = await reader.readline()
            if not raw:
                break
            verb = raw.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                send("250 rapport-mailsink")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                send("250 OK")
            elif verb == "DATA":
                send("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                lines = []
                while (line := await reader.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                if self.fail_next > 0:
                    self.fail_next -= 1
                    send("451 try again later")
                else:
                    self._keep(b"".join(lines))
                    send("250 OK: queued")
            elif verb == "QUIT":
                send("221 Bye")
                await writer.drain()
                break
            else:
                send("502 command not implemented")
            await writer.drain()
        writer.close()

    def _keep(self, data: bytes) -> None:
        message = message_from_bytes(data, policy=policy.default)
        self.messages.append(message)
        if self.directory is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            (self.directory / f"{time.time_ns()}.eml").write_bytes(data)

    async def _serve(self) -> None:
        self._server = server = await asyncio.start_server(self._session, self.host, self.port)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await server.serve_forever()

    def start(self) -> "MailSink":
        """Serve in a background thread; `port` is the bound port once this returns."""
        def run() -> None:
            self._loop = asyncio.new_event_loop()
            try:
                self._loop.run_until_complete(self._serve())
            except asyncio.CancelledError:
                pass

        threading.Thread(target=run, name="mailsink", daemon=True).start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        if self._loop and self._server:
            self._loop.call_soon_threadsafe(self._server.close)

    def serve_forever(self) -> None:
        asyncio.run(self._serve())
