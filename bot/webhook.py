"""POST /webhook: verify, de-duplicate, queue. Answers well within GitHub's 10 seconds.

401: missing or wrong X-Hub-Signature-256 (checked in constant time over the raw body);
400: malformed JSON or missing event/delivery headers; 503: Redis unreachable (GitHub can
redeliver); 202: queued; 200: ping, duplicate, or nothing to do.
"""
import hashlib
import hmac
import json

from flask import Blueprint, current_app, jsonify, request
from redis.exceptions import RedisError

from bot import deliveries
from bot.routing import jobs_for

blueprint = Blueprint("webhook", __name__)


def signature_valid(secret, body, header):
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


def _answer(status, **data):
    return jsonify(data), status


@blueprint.post("/webhook")
def receive():
    settings = current_app.config["SETTINGS"]
    body = request.get_data(cache=False)
    if not signature_valid(settings.webhook_secret, body, request.headers.get("X-Hub-Signature-256")):
        return _answer(401, error="invalid or missing signature")
    event, delivery = request.headers.get("X-GitHub-Event"), request.headers.get("X-GitHub-Delivery")
    if not event or not delivery:
        return _answer(400, error="missing X-GitHub-Event or X-GitHub-Delivery header")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _answer(400, error="body is not JSON")
    if not isinstance(payload, dict):
        return _answer(400, error="body is not a JSON object")
    if event == "ping":
        return _answer(200, message="pong")
    jobs = jobs_for(event, payload)
    if not jobs:
        return _answer(200, message="nothing to do")
    try:
        queued = deliveries.queue_delivery(current_app.config["REDIS"], settings.queue_name, delivery, jobs)
    except RedisError:
        current_app.logger.warning("Redis unreachable; delivery %s not queued", delivery)
        return _answer(503, error="queue unavailable, please redeliver")
    if not queued:
        return _answer(200, message="duplicate delivery")
    return _answer(202, message="queued", jobs=len(jobs))


@blueprint.get("/healthz")
def healthz():
    try:
        current_app.config["REDIS"].ping()
    except RedisError as err:
        return _answer(503, redis="unreachable: %s" % err.__class__.__name__)
    return _answer(200, redis="ok")
