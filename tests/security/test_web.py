"""Untrusted input on the web side: the setup flow, webhook bodies and headers, replays, Redis.

Everything runs against real processes: the webhook app served over real HTTP by gunicorn (as in
the Procfile) with a real redis-server, the GitHub stand-in for the manifest flow, and raw
sockets where a well-behaved HTTP client could not send what an attacker can.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from redis import Redis
from redis.exceptions import AuthenticationError, ResponseError
from rq import Queue

from bot import create_app
from common.settings import Settings
from common.local_redis import free_port, masked_url, start_redis
from bot.setup import AlreadyRegistered, store_credentials
from bot.webhook import MAX_BODY
from tests.standin.fixtures import standin, standin_server  # noqa: F401
from standin.webhooks import sign

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET = "security-webhook-secret"
INSTALLATION = {"action": "created", "installation": {"id": 7}, "repositories": [{"full_name": "octo/legacy"}]}


# --- the web process ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web(redis_server, tmp_path_factory):
    """gunicorn serving bot:create_app() exactly as the Procfile does; its base URL."""
    port = free_port()
    env = dict(os.environ, WEBHOOK_SECRET=SECRET, REDIS_URL=redis_server, APP_ID="1", PRIVATE_KEY="unused",
               PY3BRIDGE_CREDENTIALS=str(tmp_path_factory.mktemp("web") / "none.json"))
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:%d" % port, "--workers", "2",
                             "--timeout", "30", "--log-level", "warning", "bot:create_app()"],
                            cwd=REPO_ROOT, env=env, start_new_session=True)
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(200):
            try:
                if requests.get(base + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture
def redis_conn(redis_server):
    connection = Redis.from_url(redis_server)
    connection.flushdb()
    return connection


def queued(redis_conn):
    return Queue("py3bridge", connection=redis_conn).jobs


def headers(event, body, delivery="d-1", secret=SECRET):
    return {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": sign(secret, body),
            "Content-Type": "application/json"}


def post(web, event, payload, delivery="d-1", **extra):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return requests.post(web + "/webhook", data=body, headers=dict(headers(event, body, delivery), **extra),
                         timeout=30)


def raw_request(web, head, body_chunks=(), timeout=20):
    """Send `head` (bytes, the request line and headers) then `body_chunks` from a thread over a
    raw socket; returns (status, bytes the client managed to send before the server answered)."""
    port = int(web.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    sent = [0]
    answered = threading.Event()

    def send():
        try:
            sock.sendall(head)
            for chunk in body_chunks:
                if answered.is_set():
                    return
                sock.sendall(chunk)
                sent[0] += len(chunk)
        except OSError:  # the server answered and closed: it read no further
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    response = b""
    try:
        while b"\r\n" not in response:
            data = sock.recv(4096)
            if not data:
                break
            response += data
    finally:
        answered.set()
        sock.close()
    sender.join(timeout=10)
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    return (int(match.group(1)) if match else None), sent[0]


# --- /setup --------------------------------------------------------------------------------------


def _setup_client(redis_server, standin, **settings):  # noqa: F811
    return create_app(Settings(redis_url=redis_server, github_api_url=standin.base_url, **settings)).test_client()


def _registration_code(client):
    """Walk the manifest flow up to GitHub's redirect: the callback path with a fresh code and state."""
    page = client.get("/setup", base_url="https://bot.example/").get_data(as_text=True)
    import html

    action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
    manifest = html.unescape(re.search(r'name="manifest" value="([^"]+)"', page).group(1))
    github = requests.post(action, data={"manifest": manifest}, allow_redirects=False)
    return github.headers["Location"].replace("https://bot.example", "")


def test_setup_is_gone_once_credentials_are_in_the_environment(standin, redis_server, tmp_path,  # noqa: F811
                                                                monkeypatch):
    credentials = tmp_path / "credentials.json"
    monkeypatch.setenv("PY3BRIDGE_CREDENTIALS", str(credentials))
    open_client = _setup_client(redis_server, standin)
    callback = _registration_code(open_client)  # started while nothing was configured

    configured = _setup_client(redis_server, standin, app_id="1", private_key="k", webhook_secret="s")
    assert configured.get("/setup").status_code == 404
    assert configured.get(callback).status_code == 404
    assert not credentials.exists()
    # Any one credential counts: a half-configured server is not open for registration either.
    assert _setup_client(redis_server, standin, webhook_secret="s").get("/setup").status_code == 404


def test_setup_never_overwrites_a_saved_credentials_file(standin, redis_server, tmp_path, monkeypatch):  # noqa: F811
    credentials = tmp_path / "credentials.json"
    monkeypatch.setenv("PY3BRIDGE_CREDENTIALS", str(credentials))
    client = _setup_client(redis_server, standin)
    first, second = _registration_code(client), _registration_code(client)
    assert client.get(first).status_code == 200  # registers; the server keeps running
    saved = credentials.read_bytes()

    # A second registration started before the first completed, then anything else: all 404.
    assert client.get(second).status_code == 404
    assert client.get("/setup").status_code == 404
    assert client.get("/setup/callback?code=x&state=y").status_code == 404
    assert credentials.read_bytes() == saved


def test_saving_credentials_refuses_an_existing_file_or_link(tmp_path, monkeypatch):
    target = tmp_path / "credentials.json"
    monkeypatch.setenv("PY3BRIDGE_CREDENTIALS", str(target))
    app = {"id": 5, "pem": "-----BEGIN KEY-----", "webhook_secret": "w", "slug": "x"}
    store_credentials(app)
    before = target.read_bytes()
    with pytest.raises(AlreadyRegistered):
        store_credentials(dict(app, id=6, webhook_secret="attacker"))
    assert target.read_bytes() == before
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["credentials.json"]  # no scratch file left
    # A dangling symlink is not a way to have it written elsewhere.
    target.unlink()
    target.symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(AlreadyRegistered):
        store_credentials(app)
    assert not (tmp_path / "elsewhere.json").exists()


# --- body size -----------------------------------------------------------------------------------


def test_a_declared_oversized_body_is_refused_before_any_of_it_is_sent(web, redis_conn):
    head = ("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: installation\r\n"
            "X-GitHub-Delivery: big\r\nX-Hub-Signature-256: sha256=%s\r\nContent-Length: %d\r\n\r\n"
            % ("0" * 64, MAX_BODY + 1)).encode()
    started = time.monotonic()
    status, _ = raw_request(web, head)  # not one byte of the body follows: the answer cannot wait for it
    assert status == 413
    assert time.monotonic() - started < 10
    assert queued(redis_conn) == []


def test_a_chunked_body_without_length_is_read_no_further_than_the_cap(web, redis_conn):
    head = ("POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: installation\r\n"
            "X-GitHub-Delivery: chunked\r\nX-Hub-Signature-256: sha256=%s\r\nTransfer-Encoding: chunked\r\n\r\n"
            % ("0" * 64)).encode()
    megabyte = b"%x\r\n%s\r\n" % (1024 * 1024, b" " * (1024 * 1024))
    offered = 200  # MB; an uncapped server would read all of it (then answer 401)
    status, sent = raw_request(web, head, [megabyte] * offered + [b"0\r\n\r\n"], timeout=60)
    assert status == 413
    assert sent < 40 * 1024 * 1024  # the cap plus what socket buffers hold
    assert queued(redis_conn) == []


def test_a_body_at_the_cap_is_still_accepted(web, redis_conn):
    payload = dict(INSTALLATION, padding="")
    overhead = len(json.dumps(payload).encode())
    body = json.dumps(dict(payload, padding="x" * (MAX_BODY - overhead))).encode()
    assert len(body) == MAX_BODY
    response = requests.post(web + "/webhook", data=body, headers=headers("installation", body, "at-cap"), timeout=60)
    assert response.status_code == 202, response.text
    assert len(queued(redis_conn)) == 1


# --- headers and payloads ------------------------------------------------------------------------


@pytest.mark.parametrize("signature", [
    "sha256=" + "é" * 64,  # non-ASCII (latin-1 on the wire)
    "sha256=" + "\u00ff" + "0" * 63,
    "sha256=",
    "sha256=" + "0" * 4000,
    "SHA256=" + "0" * 64,
], ids=["latin1", "y-umlaut", "empty", "long", "uppercase"])
def test_malformed_signature_headers_are_401_never_500(web, redis_conn, signature):
    body = json.dumps(INSTALLATION).encode()
    response = requests.post(web + "/webhook", data=body, timeout=10, headers={
        "X-GitHub-Event": "installation", "X-GitHub-Delivery": "d-sig", "Content-Type": "application/json",
        "X-Hub-Signature-256": signature.encode("latin-1")})
    assert response.status_code == 401
    assert queued(redis_conn) == []


def test_a_non_ascii_signature_over_a_raw_socket_is_401(web, redis_conn):
    body = json.dumps(INSTALLATION).encode()
    head = (b"POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: installation\r\n"
            b"X-GitHub-Delivery: raw\r\nX-Hub-Signature-256: sha256=\xc3\xa9\xe2\x82\xac" + b"0" * 59
            + b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
    status, _ = raw_request(web, head, [body])
    assert status == 401


@pytest.mark.parametrize("event, delivery", [
    ("installation", "has:colon"),  # RQ refuses ":" in a job id: was a 500
    ("installation", "with space"),
    ("installation", "x" * 129),
    ("installatión", "d-1"),
    ("installation\u00e9", "d-1"),
    ("../installation", "d-1"),
])
def test_malformed_event_and_delivery_headers_are_400_never_500(web, redis_conn, event, delivery):
    body = json.dumps(INSTALLATION).encode()
    response = requests.post(web + "/webhook", data=body, timeout=10, headers={
        "X-GitHub-Event": event.encode("latin-1"), "X-GitHub-Delivery": delivery.encode("latin-1"),
        "X-Hub-Signature-256": sign(SECRET, body), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert queued(redis_conn) == []


REPO = {"full_name": "octo/legacy", "default_branch": "main"}


@pytest.mark.parametrize("event, payload", [
    ("installation", {"action": "created", "repositories": [REPO]}),
    ("installation", {"action": "created", "installation": {"id": "7"}, "repositories": [REPO]}),
    ("installation", {"action": "created", "installation": {"id": 7}, "repositories": [None]}),
    ("installation", {"action": "created", "installation": {"id": 7}, "repositories": [{"full_name": 5}]}),
    ("installation_repositories", {"action": "added", "installation": 7, "repositories_added": [REPO]}),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 7}}),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 7}, "repository": []}),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 7}, "repository": {"default_branch": "main"}}),
    ("pull_request", {"action": "closed", "installation": {"id": 7}, "repository": REPO}),
    ("pull_request", {"action": "closed", "installation": {"id": 7}, "repository": REPO, "pull_request": []}),
    ("pull_request", {"action": "closed", "installation": {"id": 7},
                      "pull_request": {"number": 1, "head": {"ref": "py3bridge/x-1"}}}),
    ("pull_request", {"action": "reopened", "installation": {"id": 7}, "repository": REPO,
                      "pull_request": {"number": None, "head": {"ref": "py3bridge/x-1"}}}),
    ("issue_comment", {"action": "created", "installation": {"id": 7}, "repository": REPO,
                       "comment": {"id": 1, "body": "/py3bridge next", "user": {"login": "a"}}}),
    ("issue_comment", {"action": "created", "installation": {"id": 7}, "repository": REPO, "issue": {"number": 1},
                       "comment": "/py3bridge next"}),
])
def test_signed_payloads_missing_required_fields_are_400_never_500(web, redis_conn, event, payload):
    response = post(web, event, payload, delivery="d-%d" % abs(hash(json.dumps(payload))))
    assert response.status_code == 400, response.text
    assert "malformed" in response.json()["error"]
    assert queued(redis_conn) == []


def test_deeply_nested_json_is_400(web, redis_conn):
    assert post(web, "installation", b"[" * 200000 + b"]" * 200000).status_code == 400
    assert post(web, "installation", b'{"a":' * 200000 + b"1" + b"}" * 200000, delivery="d-2").status_code == 400


# --- replays -------------------------------------------------------------------------------------


def test_a_signed_body_replayed_under_new_delivery_ids_is_queued_once(web, redis_conn):
    body = json.dumps(INSTALLATION).encode()
    statuses = [requests.post(web + "/webhook", data=body, headers=headers("installation", body, "id-%d" % i),
                              timeout=10).status_code for i in range(5)]
    assert statuses == [202, 200, 200, 200, 200]
    (job,) = queued(redis_conn)
    assert job.args[0] == "id-0"
    # A different body is a different delivery (and the replayed ones did not keep claims).
    other = dict(INSTALLATION, repositories=[{"full_name": "octo/other"}])
    assert post(web, "installation", other, delivery="id-1").status_code == 202
    assert len(queued(redis_conn)) == 2


def test_concurrent_replays_queue_one_job(web, redis_conn):
    body = json.dumps(dict(INSTALLATION, installation={"id": 8})).encode()
    results = []

    def send(index):
        results.append(requests.post(web + "/webhook", data=body, timeout=10,
                                     headers=headers("installation", body, "race-%d" % index)).status_code)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] * 15 + [202]
    assert len(queued(redis_conn)) == 1


def test_a_failed_delivery_redelivered_runs_again_but_a_done_one_never(web, redis_conn):
    """The body claim follows the delivery claim: released when the job fails (GitHub's manual
    redelivery keeps id and body), kept for good when it succeeded."""
    from common import deliveries

    failed, done = dict(INSTALLATION, installation={"id": 11}), dict(INSTALLATION, installation={"id": 12})
    assert post(web, "installation", failed, delivery="f-1").status_code == 202
    assert post(web, "installation", done, delivery="s-1").status_code == 202
    deliveries.release(redis_conn, "f-1")  # what handle_delivery does when a job raised
    deliveries.mark_done(redis_conn, "s-1")
    Queue("py3bridge", connection=redis_conn).empty()

    assert post(web, "installation", failed, delivery="f-1").status_code == 202
    assert post(web, "installation", done, delivery="s-1").status_code == 200
    assert post(web, "installation", done, delivery="s-2").status_code == 200  # replay of a done body
    assert [job.args[0] for job in queued(redis_conn)] == ["f-1"]


# --- Redis ---------------------------------------------------------------------------------------


def test_redis_requires_the_password(redis_server):
    url = redis_server
    assert re.fullmatch(r"redis://:[0-9a-f]{48}@127\.0\.0\.1:\d+/0", url)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(AuthenticationError, match="Authentication required"):  # NOAUTH
        Redis(host="127.0.0.1", port=port).ping()
    with pytest.raises((AuthenticationError, ResponseError)):
        Redis(host="127.0.0.1", port=port, password="wrong").ping()
    raw = socket.create_connection(("127.0.0.1", port))
    raw.sendall(b"GET py3bridge:repo:x\r\n")
    assert raw.recv(100).startswith(b"-NOAUTH")
    raw.close()
    assert Redis.from_url(url).ping()


def test_redis_listens_on_loopback_only_and_keeps_the_password_off_its_command_line(tmp_path):
    proc, url = start_redis(tmp_path)
    try:
        password = url.split("@")[0].rsplit(":", 1)[1]
        client = Redis.from_url(url)
        assert client.config_get("bind")["bind"] == "127.0.0.1"
        assert client.config_get("unixsocket")["unixsocket"] == ""
        assert client.config_get("protected-mode")["protected-mode"] == "yes"
        cmdline = Path("/proc/%d/cmdline" % proc.pid).read_bytes()
        assert b"redis-server" in cmdline and password.encode() not in cmdline
        assert password not in masked_url(url) and masked_url(url).startswith("redis://:***@127.0.0.1:")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    other_proc, other_url = start_redis(tmp_path)
    other_proc.terminate()
    other_proc.wait(timeout=10)
    assert other_url.split("@")[0] != url.split("@")[0]  # a new password every start


def test_run_command_prints_the_redis_url_masked(tmp_path):
    """`make run` with credentials starts its own redis-server and says where, without the password."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(APP_ID="1", PRIVATE_KEY="unused", WEBHOOK_SECRET="s", PORT=str(free_port()),
               PY3BRIDGE_CREDENTIALS=str(tmp_path / "none.json"), PY3BRIDGE_WORK_DIR=str(tmp_path / "work"),
               PY3BRIDGE_WORKER_NAME="security-test")
    proc = subprocess.Popen([sys.executable, "-m", "bot.run"], cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    output = b""
    try:
        deadline = time.monotonic() + 30
        os.set_blocking(proc.stdout.fileno(), False)
        while time.monotonic() < deadline and (b"started redis-server" not in output or b"Listening" not in output):
            output += proc.stdout.read() or b""
            time.sleep(0.1)
        time.sleep(2)  # what the web process and the worker log once started
        output += proc.stdout.read() or b""
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    text = output.decode(errors="replace")
    assert re.search(r"started redis-server at redis://:\*\*\*@127\.0\.0\.1:\d+/0", text), text[-2000:]
    assert not re.search(r"redis://:[0-9a-f]{16,}@", text), text[-2000:]
