"""The webhook endpoint over real HTTP semantics (Flask test client) with a real Redis."""
import json

import pytest
from redis import Redis
from rq import Queue

from bot import create_app
from common.settings import Settings
from bot.webhook import signature_valid
from standin.server import sign

SECRET = "test-webhook-secret"


@pytest.fixture
def redis_conn(redis_server):
    connection = Redis.from_url(redis_server)
    connection.flushdb()
    return connection


@pytest.fixture
def client(redis_server, redis_conn):
    app = create_app(Settings(app_id="1", private_key="k", webhook_secret=SECRET, redis_url=redis_server))
    return app.test_client()


def post(client, event, payload, secret=SECRET, delivery="d-1", raw=None, signature=None):
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "Content-Type": "application/json"}
    if signature is None and secret is not None:
        signature = sign(secret, body)
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature
    return client.post("/webhook", data=body, headers=headers)


INSTALLATION = {"action": "created", "installation": {"id": 7},
                "repositories": [{"full_name": "octo/legacy"}, {"full_name": "octo/other"}]}


def queued_jobs(redis_conn):
    return Queue("py3bridge", connection=redis_conn).jobs


def test_installation_is_queued_once_per_delivery(client, redis_conn):
    first = post(client, "installation", INSTALLATION)
    assert first.status_code == 202 and first.get_json()["jobs"] == 2
    again = post(client, "installation", INSTALLATION)
    assert again.status_code == 200 and again.get_json()["message"] == "duplicate delivery"
    (job,) = queued_jobs(redis_conn)
    assert job.func_name == "workers.jobs.handle_delivery"
    assert job.args == ("d-1", [("sync_repository", {"installation_id": 7, "full_name": "octo/legacy"}),
                                ("sync_repository", {"installation_id": 7, "full_name": "octo/other"})])


@pytest.mark.parametrize("secret, signature", [
    (None, None),  # unsigned
    ("another-secret", None),  # forged with the wrong key
    (None, "sha256=" + "0" * 64),
    (None, "sha1=abc"),
])
def test_bad_signatures_are_401_and_queue_nothing(client, redis_conn, secret, signature):
    response = post(client, "installation", INSTALLATION, secret=secret, signature=signature)
    assert response.status_code == 401
    assert queued_jobs(redis_conn) == []


def test_malformed_deliveries_are_400(client, redis_conn):
    assert post(client, "installation", None, raw=b"{not json").status_code == 400
    assert post(client, "installation", None, raw=b"[1, 2]").status_code == 400
    assert post(client, "", INSTALLATION).status_code == 400
    assert post(client, "installation", INSTALLATION, delivery="").status_code == 400
    assert queued_jobs(redis_conn) == []


def test_ping_and_unowned_events(client, redis_conn):
    assert post(client, "ping", {"zen": "Keep it logically awesome."}).get_json() == {"message": "pong"}
    foreign_pr = {"action": "closed", "installation": {"id": 7}, "repository": {"full_name": "octo/legacy"},
                  "pull_request": {"number": 3, "merged": True, "head": {"ref": "feature/login"}}}
    assert post(client, "pull_request", foreign_pr, delivery="d-2").get_json() == {"message": "nothing to do"}
    assert queued_jobs(redis_conn) == []


def test_redis_down_is_503_not_500(redis_server):
    app = create_app(Settings(webhook_secret=SECRET, redis_url="redis://127.0.0.1:1/0"))
    response = post(app.test_client(), "installation", INSTALLATION)
    assert response.status_code == 503
    assert "redeliver" in response.get_json()["error"]
    assert app.test_client().get("/healthz").status_code == 503


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"redis": "ok"}


def test_signature_is_compared_over_the_raw_body():
    body = b'{"a": 1}'
    assert signature_valid("s", body, sign("s", body))
    assert not signature_valid("s", b'{"a":1}', sign("s", body))
    assert not signature_valid("", body, sign("", body))
