"""The wiring every service's create_app() starts from: config, logs, database, auth, API, health."""
from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, current_app

from . import health, openapi, request_guards
from .auth import TokenVerifier
from .config import Settings
from .db import Database, request_session
from .errors import AppError
from .json_provider import OrjsonProvider
from .logs import configure_logging, init_request_logging
from .openapi_extras import SchemaExtras
from .ops import ops_blueprint
from .problems import Api, problem_response, problem_type
from .topology import producer_exchange


class ServiceFlask(Flask):
    """Flask, answering OPTIONS as an API should: 204 with `Allow`, no body and no Content-Type.
    (Flask's own is a 200 typed text/html with an empty body.) The gateway answers CORS preflights
    itself; every other OPTIONS reaches here."""

    def make_default_options_response(self) -> Response:
        response = super().make_default_options_response()
        response.status_code = 204
        del response.headers["Content-Type"]
        return response


def create_service_app(
    settings: Settings,
    *,
    title: str,
    description: str,
    blueprints: Iterable,
    outbox=None,
    subscriptions=None,
) -> Flask:
    """A service's Flask app; with `outbox` (and `subscriptions`) it also serves the operators'
    view of its messaging at /v1/<service>/ops/."""
    configure_logging(settings.service)
    app = ServiceFlask(settings.service)
    app.json = OrjsonProvider(app)
    app.config.update(
        SERVICE_NAME=settings.service,
        AMQP_URL=settings.amqp_url,
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": description}},
        MAX_CONTENT_LENGTH=10 * 1024 * 1024,
    )
    app.extensions["rapport.settings"] = settings
    app.extensions["rapport.exchange"] = producer_exchange(settings.amqp_namespace, settings.service)
    init_request_logging(app)
    request_guards.install(app)  # before any route is added: it sets how paths match

    database = Database(settings.database_url, settings.CUSTOM_PLANS)
    database.init_app(app)

    if not settings.jwt_public_key_file.exists():
        raise RuntimeError(
            f"JWT public key not found at {settings.jwt_public_key_file}: run `make run` once, "
            "or set JWT_PUBLIC_KEY_FILE"
        )
    app.extensions["rapport.auth"] = TokenVerifier.from_pem_file(
        settings.jwt_public_key_file, settings.jwt_issuer, settings.jwt_audience
    )

    api = Api(app)
    extras = SchemaExtras()
    extras.init_spec(api.spec)
    api.spec.plugins.append(extras)
    api.register_converter(request_guards.IdConverter, lambda _converter: {"type": "string", "format": "uuid"})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    if outbox is not None:
        api.register_blueprint(ops_blueprint(settings.service, outbox, subscriptions or (lambda namespace: [])))
    app.register_blueprint(health.blueprint)
    document = api.spec.to_dict
    api.spec.to_dict = lambda: openapi.finalise(document())  # every document leaves through the finishing pass

    @app.errorhandler(AppError)
    def _app_error(error: AppError):
        return problem_response(
            error.status, error.detail, type=problem_type(error.slug), errors=error.errors, **error.extensions
        )

    return app


def request_unit_of_work(unit_of_work_class):
    """A service's unit of work on the current request's session, publishing to its exchange."""
    return unit_of_work_class(request_session(), current_app.extensions["rapport.exchange"])
