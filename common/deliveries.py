"""Queueing a delivery's jobs once, however often GitHub delivers it.

Two claims are taken in Redis before a delivery's job is queued: one on its delivery id and one
on the SHA-256 of its body, so a signed body replayed under a new delivery id is not queued
again. Both are marked done only when the job has succeeded; a failed job releases both, so a
manual redelivery of it (same id, same body) runs again.
"""
import hashlib

from redis import Redis
from rq import Queue

CLAIM_SECONDS = 7 * 24 * 3600


def _key(delivery_id):
    return "py3bridge:delivery:%s" % delivery_id


def _body_key(digest):
    return "py3bridge:delivery-body:%s" % digest


def _digest_key(delivery_id):
    """Which body claim a delivery holds, so the job can settle it knowing only the delivery id."""
    return "py3bridge:delivery-digest:%s" % delivery_id


def body_digest(body):
    return hashlib.sha256(body).hexdigest()


def connect(redis_url):
    return Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)


def queue_delivery(connection, queue_name, delivery_id, jobs, body=None):
    """Queue the delivery's jobs unless its id or its body was already queued or done.
    Returns True if queued."""
    keys = [_key(delivery_id)] + ([_body_key(body_digest(body))] if body is not None else [])
    with connection.pipeline(transaction=False) as pipe:  # both claims in one round trip
        for key in keys:
            pipe.set(key, "queued", nx=True, ex=CLAIM_SECONDS)
        claimed = pipe.execute()
    if not all(claimed):
        ours = [key for key, won in zip(keys, claimed) if won]
        if ours:
            connection.delete(*ours)  # a duplicate by the other claim: hold nothing
        return False
    try:
        with connection.pipeline() as pipe:  # one round trip for saving and queueing the job
            Queue(queue_name, connection=connection).enqueue(
                "workers.jobs.handle_delivery", delivery_id, jobs, job_id="delivery-%s" % delivery_id,
                job_timeout=6 * 3600, result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600, pipeline=pipe)
            if body is not None:  # after: RQ starts the pipeline's MULTI itself
                pipe.set(_digest_key(delivery_id), keys[1], ex=CLAIM_SECONDS)
            pipe.execute()
    except Exception:
        connection.delete(*keys)
        raise
    return True


def _claims(connection, delivery_id):
    body_key = connection.get(_digest_key(delivery_id))
    return [_key(delivery_id)] + ([body_key.decode()] if body_key else [])


def mark_done(connection, delivery_id):
    with connection.pipeline() as pipe:
        for key in _claims(connection, delivery_id):
            pipe.set(key, "done", ex=CLAIM_SECONDS)
        pipe.execute()


def release(connection, delivery_id):
    connection.delete(*_claims(connection, delivery_id), _digest_key(delivery_id))


def status(connection, delivery_id):
    value = connection.get(_key(delivery_id))
    return value.decode() if value else None
