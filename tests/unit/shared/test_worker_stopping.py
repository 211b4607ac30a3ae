"""A worker that is stopping does not retry, nor warn about, a connection its stop closed."""
from __future__ import annotations

import logging

from rapport_shared.worker import Worker


class DroppedAsItStops:
    """A wake-up listener whose database goes away (a test's teardown drops it) as the worker stops."""

    def __init__(self, worker: Worker):
        self.worker, self.calls = worker, 0

    def listen(self, stopping) -> None:
        self.calls += 1
        if self.calls == 1:  # a retry would come back here, and find the worker stopped
            self.worker.stop()
            raise ConnectionError("terminating connection due to administrator command")


class FailsOnce:
    def __init__(self, worker: Worker):
        self.worker, self.calls = worker, 0

    def listen(self, stopping) -> None:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("server closed the connection unexpectedly")
        self.worker.stop()


def test_a_listener_failing_as_the_worker_stops_ends_quietly(caplog, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)  # the backoff's wait, if it were retried
    worker = Worker(relay=None, consumer=None)
    worker.listener = listener = DroppedAsItStops(worker)  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING):
        worker.run_listener()
    assert listener.calls == 1 and not caplog.records


def test_a_listener_failing_while_running_is_retried_with_a_warning(caplog, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)  # the backoff's wait
    worker = Worker(relay=None, consumer=None)
    worker.listener = listener = FailsOnce(worker)  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING):
        worker.run_listener()
    assert listener.calls == 2 and [r.getMessage() for r in caplog.records] == ["relay wake-up failed; retrying"]
