"""gunicorn settings for every web process, local and in the images (`--config
python:rapport_shared.gunicorn_config`), and for the benchmark ceiling, so ratios are fair."""
import os

# Threads let one worker overlap database and broker waits; processes use both cores.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 30  # the gateway keeps upstream connections open
timeout = 30
graceful_timeout = 10
accesslog = None  # the app logs each request as JSON with its request id
errorlog = "-"
# Above the gateway's 8k header buffers: nginx refuses an overlong request line or header first,
# as problem+json, so gunicorn never answers one with its own HTML error page.
limit_request_line = 8190
limit_request_field_size = 8190
# gunicorn's control socket lives at one path per user; several servers on one machine collide.
control_socket_disable = True


def post_worker_init(worker):
    """The app is built (routes, schemas, the matcher's lexicon, the taxonomy): its objects live as long
    as the worker, so keep them out of the collector's full scans, which otherwise walk them all and
    paused a large request (a 1,000-row import) for up to half a second every few requests."""
    import gc

    gc.freeze()
