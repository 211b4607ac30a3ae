"""The services' request log line names the route, never a path that may hold a secret."""
import json
import logging

from flask import Flask

from rapport_shared.logs import configure_logging, init_request_logging


def test_request_log_has_route_template_and_request_id(capsys):
    configure_logging("logtest")
    app = Flask("logtest")
    init_request_logging(app)
    app.add_url_rule("/v1/calendar-feeds/<token>.ics", "feed", lambda token: "ok")
    response = app.test_client().get("/v1/calendar-feeds/s3cret.ics?email=jane@example.com",
                                     headers={"X-Request-ID": "req-123"})
    assert response.headers["X-Request-ID"] == "req-123"
    logging.getLogger().handlers[0].flush()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if '"request"' in line]
    assert lines and lines[-1]["route"] == "/v1/calendar-feeds/<token>.ics"
    assert lines[-1]["request_id"] == "req-123" and lines[-1]["status"] == 200
    assert "s3cret" not in json.dumps(lines) and "jane" not in json.dumps(lines)
