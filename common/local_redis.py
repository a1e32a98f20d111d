"""A private, password-protected redis-server on loopback: for `make run`, sandbox mode and the tests."""
import secrets
import shutil
import socket
import subprocess
import time
from urllib.parse import urlsplit, urlunsplit


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(folder):
    """A private redis-server on a free loopback port that requires a random password.

    Returns (process, URL with the password: redis://:PASSWORD@127.0.0.1:PORT/0). The password
    reaches redis-server on its stdin, never on its command line, which every local user (and the
    repository code an install step runs) can read in /proc; no unix socket, nothing saved to disk.
    Print the URL only through masked_url().
    """
    from redis import Redis
    from redis.exceptions import RedisError

    port, password = free_port(), secrets.token_hex(24)
    proc = subprocess.Popen([shutil.which("redis-server") or "redis-server", "-", "--port", str(port),
                             "--bind", "127.0.0.1", "--protected-mode", "yes", "--save", "", "--appendonly", "no",
                             "--dir", str(folder)],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.stdin.write(("requirepass %s\n" % password).encode())
    proc.stdin.close()
    client = Redis(host="127.0.0.1", port=port, password=password, socket_connect_timeout=0.2, socket_timeout=1)
    try:
        for _ in range(200):
            if proc.poll() is not None:
                break
            try:
                client.ping()
                return proc, "redis://:%s@127.0.0.1:%d/0" % (password, port)
            except RedisError:
                time.sleep(0.05)
    finally:
        client.close()
    proc.kill()
    raise SystemExit("redis-server did not start")


def masked_url(url):
    """The URL with its password (if any) replaced by ***, for printing and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = "[%s]" % host
    netloc = "%s:***@%s%s" % (user, host, ":%d" % parts.port if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def stop(proc, grace=5):
    """Stop a redis-server start_redis() started (None: nothing to stop)."""
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
