"""The same-machine ceiling: a hello-world WSGI app served by the same gunicorn settings and
reached through the same gateway as the services, so each figure can be read as a ratio."""


def app(environ, start_response):
    body = b'{"hello":"world"}'
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
