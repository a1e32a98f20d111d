"""RQ jobs: plain functions taking ids and names, the thin entry points of the worker.

The web side queues `handle_delivery` with the delivery's [(job name, kwargs)]; each name is one
service function (workers/services/), called with a Context.
"""
from common import deliveries
from common.settings import from_environment
from workers.services.commands import handle_comment
from workers.services.context import Context
from workers.services.sync import pull_request_closed, pull_request_reopened, sync_repository

JOBS = {"sync_repository": sync_repository, "pull_request_closed": pull_request_closed,
        "pull_request_reopened": pull_request_reopened, "handle_comment": handle_comment}


def handle_delivery(delivery_id, jobs):
    """Run a delivery's jobs; mark it done only when all succeeded, so a redelivery can retry."""
    context = Context(from_environment())
    try:
        for name, kwargs in jobs:
            JOBS[name](context, **kwargs)
    except Exception:
        deliveries.release(context.redis, delivery_id)
        raise
    deliveries.mark_done(context.redis, delivery_id)
