"""Operations (administrators): each service's outbox backlog, dead letters with reasons, replay."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for

from .. import forms
from ..gateway import api, perform
from ..guard import signed_in

bp = Blueprint("operations", __name__, url_prefix="/console/operations")
SERVICES = ("profiles", "booking", "billing")


@bp.get("/")
@signed_in("admin")
def show():
    outbox = [{"service": s, **api().get(f"/v1/{s}/ops/outbox")} for s in SERVICES]
    queues = [{"service": s, **queue} for s in SERVICES for queue in api().get(f"/v1/{s}/ops/dead-letters")]
    return render_template("operations.html", outbox=outbox, queues=queues)


@bp.post("/replay")
@signed_in("admin")
def replay():
    service, queue = request.form.get("service", ""), request.form.get("queue", "")
    if service not in SERVICES:
        service = "(none)"
    # The queue's name goes into the API's path: one plain segment (path_name), never "../" to somewhere else.
    return perform(lambda: api().post(f"/v1/{service}/ops/dead-letters/{forms.path_name('queue')}/replay"),
                   done=f"Dead letters of {queue} sent back to it.", to=url_for("operations.show"))
