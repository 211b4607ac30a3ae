"""Requests released together, to try what happens when people act at once."""
from __future__ import annotations

import threading


def concurrently(n: int, call) -> list:
    """`call(i)` for i in range(n), from n threads released together; their results in order."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results

