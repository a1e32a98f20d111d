"""Queueing a delivery's jobs once, however often GitHub delivers it.

A delivery id is claimed in Redis before its job is queued and marked done only when the job has
succeeded; a failed job releases the claim, so a manual redelivery of it runs again.
"""
from redis import Redis
from rq import Queue

CLAIM_SECONDS = 7 * 24 * 3600


def _key(delivery_id):
    return "py3bridge:delivery:%s" % delivery_id


def connect(redis_url):
    return Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)


def queue_delivery(connection, queue_name, delivery_id, jobs):
    """Queue the delivery's jobs unless it was already queued or done. Returns True if queued."""
    if not connection.set(_key(delivery_id), "queued", nx=True, ex=CLAIM_SECONDS):
        return False
    try:
        with connection.pipeline() as pipe:  # one round trip for saving and queueing the job
            Queue(queue_name, connection=connection).enqueue(
                "workers.jobs.handle_delivery", delivery_id, jobs, job_id="delivery-%s" % delivery_id,
                job_timeout=6 * 3600, result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600, pipeline=pipe)
            pipe.execute()
    except Exception:
        connection.delete(_key(delivery_id))
        raise
    return True


def mark_done(connection, delivery_id):
    connection.set(_key(delivery_id), "done", ex=CLAIM_SECONDS)


def release(connection, delivery_id):
    connection.delete(_key(delivery_id))


def status(connection, delivery_id):
    value = connection.get(_key(delivery_id))
    return value.decode() if value else None
