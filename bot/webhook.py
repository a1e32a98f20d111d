"""POST /webhook: verify, de-duplicate, queue. Answers well within GitHub's 10 seconds.

413: a body over GitHub's 25 MB cap (refused from Content-Length before reading; a body without
one is read no further than the cap); 401: missing, malformed or wrong X-Hub-Signature-256
(checked in constant time over the raw body); 400: malformed JSON, malformed event/delivery
headers, or a payload lacking what its event's job needs; 503: Redis unreachable (GitHub can
redeliver); 202: queued; 200: ping, duplicate (same delivery id, or the same body under another
id), or nothing to do.
"""
import hashlib
import hmac
import json
import re

from flask import Blueprint, current_app, jsonify, request
from redis.exceptions import RedisError
from werkzeug.exceptions import RequestEntityTooLarge

from common import deliveries
from bot.routing import PayloadInvalid, jobs_for

blueprint = Blueprint("webhook", __name__)
MAX_BODY = 25 * 1024 * 1024  # GitHub caps webhook payloads at 25 MB
_EVENT = re.compile(r"[a-z_]{1,64}")
_DELIVERY = re.compile(r"[A-Za-z0-9_.-]{1,128}")  # GitHub sends a GUID; ":" would break RQ's job id


def signature_valid(secret, body, header):
    if not secret or not header or not header.isascii() or not header.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


def _answer(status, **data):
    return jsonify(data), status


def _read_body():
    """The raw body, or None when it is larger than MAX_BODY. Reads at most MAX_BODY + 1 bytes."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        return None
    chunks, size = [], 0
    try:
        stream = request.stream
        while size <= MAX_BODY:
            chunk = stream.read(min(64 * 1024, MAX_BODY + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except RequestEntityTooLarge:
        return None
    return b"".join(chunks) if size <= MAX_BODY else None


@blueprint.post("/webhook")
def receive():
    settings = current_app.config["SETTINGS"]
    body = _read_body()
    if body is None:
        return _answer(413, error="body larger than %d bytes" % MAX_BODY)
    if not signature_valid(settings.webhook_secret, body, request.headers.get("X-Hub-Signature-256")):
        return _answer(401, error="invalid or missing signature")
    event, delivery = request.headers.get("X-GitHub-Event"), request.headers.get("X-GitHub-Delivery")
    if not event or not delivery:
        return _answer(400, error="missing X-GitHub-Event or X-GitHub-Delivery header")
    if not _EVENT.fullmatch(event) or not _DELIVERY.fullmatch(delivery):
        return _answer(400, error="malformed X-GitHub-Event or X-GitHub-Delivery header")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _answer(400, error="body is not JSON")
    if not isinstance(payload, dict):
        return _answer(400, error="body is not a JSON object")
    if event == "ping":
        return _answer(200, message="pong")
    try:
        jobs = jobs_for(event, payload)
    except PayloadInvalid as err:
        return _answer(400, error="malformed %s payload: %s" % (event, err))
    if not jobs:
        return _answer(200, message="nothing to do")
    try:
        queued = deliveries.queue_delivery(current_app.config["REDIS"], settings.queue_name, delivery, jobs, body=body)
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
