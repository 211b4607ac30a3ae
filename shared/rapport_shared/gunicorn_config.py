"""gunicorn settings for every web process, local and in the images (`--config
python:rapport_shared.gunicorn_config`), and for the benchmark ceiling, so ratios are fair."""
import os

# Threads let one worker overlap database and broker waits; processes use both cores. gunicorn's
# gthread worker, except that what gunicorn refuses itself (a control byte in a header value, say) is
# answered as problem+json, not with gunicorn's HTML page: see gunicorn_worker.py.
worker_class = "rapport_shared.gunicorn_worker.ProblemThreadWorker"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 30  # the gateway keeps upstream connections open
timeout = 30
graceful_timeout = 10
accesslog = None  # the app logs each request as JSON with its request id
errorlog = "-"
# Above the gateway's limits, so the gateway's refusal (problem+json) is the one clients meet:
# - a request line: nginx's 8k buffer holds at most 8190 characters, gunicorn's maximum;
# - a header line: nginx's 8k buffer, plus the space nginx puts after the colon when it forwards it;
# - header fields: nginx does not count them, it holds a request's headers in its 4 x 8k buffers
#   (one 1k buffer first), at least 3 bytes ("a:\n") a field, so at most ~11,000 fields; gunicorn's
#   default of 100 turned away requests nginx had accepted.
limit_request_line = 8190
limit_request_field_size = 8448
limit_request_fields = 16384
# gunicorn's control socket lives at one path per user; several servers on one machine collide.
control_socket_disable = True


def post_worker_init(worker):
    """The app is built (routes, schemas, the matcher's lexicon, the taxonomy): its objects live as long
    as the worker, so keep them out of the collector's full scans, which otherwise walk them all and
    paused a large request (a 1,000-row import) for up to half a second every few requests."""
    import gc

    gc.freeze()
