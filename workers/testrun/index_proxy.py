"""The one way out of an install step: an HTTPS proxy that reaches the package index and nothing else.

It listens on a unix socket that only the step's sandbox can see (bound in at
sandbox.PROXY_SOCKET) and answers `CONNECT host:port` for the allowed index hosts only
(`PY3BRIDGE_SANDBOX_INDEX_HOSTS`, default pypi.org and files.pythonhosted.org, plus the host of
`PY3BRIDGE_INDEX_URL`), on port 443 (`PY3BRIDGE_SANDBOX_INDEX_PORTS`). Even an allowed name is
refused when it resolves to a loopback, link-local (cloud metadata), multicast or unspecified
address, or to one of this host's own addresses: a step never reaches Redis, the web process or
anything else on the worker's host.
"""
import ipaddress
import json
import os
import selectors
import socket
import socketserver
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from workers.testrun.sandbox import give_to_sandbox

DEFAULT_HOSTS = ("pypi.org", "files.pythonhosted.org")
_HEADER_LIMIT = 16384
_CONNECT_TIMEOUT = 30
_IDLE_TIMEOUT = 300


def allowed_hosts(environ=None):
    env = os.environ if environ is None else environ
    configured = env.get("PY3BRIDGE_SANDBOX_INDEX_HOSTS")
    hosts = {h.strip().lower() for h in configured.split(",") if h.strip()} if configured else set(DEFAULT_HOSTS)
    index = urlsplit(env.get("PY3BRIDGE_INDEX_URL", ""))
    if index.hostname:
        hosts.add(index.hostname.lower())
    return frozenset(hosts)


def allowed_ports(environ=None):
    env = os.environ if environ is None else environ
    return frozenset(int(p) for p in env.get("PY3BRIDGE_SANDBOX_INDEX_PORTS", "443").split(",") if p.strip())


def host_addresses():
    """Every address configured on this host's interfaces (iproute2's view)."""
    try:
        out = subprocess.run(["ip", "-j", "addr", "show"], capture_output=True, text=True, timeout=10).stdout
        return {ipaddress.ip_address(a["local"]) for link in json.loads(out or "[]") for a in link.get("addr_info", [])}
    except (OSError, ValueError, KeyError, subprocess.SubprocessError):
        return set()


def forbidden(address, own_addresses):
    ip = ipaddress.ip_address(address)
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip in own_addresses
            or ip in ipaddress.ip_network("0.0.0.0/8"))


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self.connection.settimeout(_CONNECT_TIMEOUT)
        try:
            head = self._read_head()
        except (OSError, ValueError):
            return
        if head is None:
            return  # a readiness probe: connected and closed
        target, refusal = self.server.policy.target(head)
        if refusal:
            self.server.refusals.append(refusal)
            self._reply("403 Forbidden", refusal)
            return
        try:
            upstream = socket.create_connection(target, timeout=_CONNECT_TIMEOUT)
        except OSError as err:
            self._reply("502 Bad Gateway", "cannot reach %s:%d: %s" % (target[0], target[1], err))
            return
        with upstream:
            self.connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _pump(self.connection, upstream)

    def _read_head(self):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.connection.recv(4096)
            if not chunk:
                return None if not data else data.decode("latin-1")
            data += chunk
            if len(data) > _HEADER_LIMIT:
                raise ValueError("request head too long")
        return data.decode("latin-1")

    def _reply(self, status, reason):
        body = (reason + "\n").encode()
        self.connection.sendall(b"HTTP/1.1 %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (
            status.encode(), len(body), body))


def _pump(a, b):
    a.settimeout(None)
    b.settimeout(None)
    selector = selectors.DefaultSelector()
    selector.register(a, selectors.EVENT_READ, b)
    selector.register(b, selectors.EVENT_READ, a)
    try:
        while True:
            events = selector.select(timeout=_IDLE_TIMEOUT)
            if not events:
                return
            for key, _ in events:
                data = key.fileobj.recv(65536)
                if not data:
                    return
                key.data.sendall(data)
    except OSError:
        return
    finally:
        selector.close()


class Policy:
    def __init__(self, hosts, ports, own_addresses):
        self.hosts, self.ports, self.own_addresses = hosts, ports, own_addresses

    def target(self, head):
        """((address, port), '') to connect to, or (None, why the request is refused)."""
        parts = head.split("\r\n", 1)[0].split()
        if len(parts) != 3 or parts[0] != "CONNECT":
            return None, "only CONNECT to the package index is allowed"
        host, _, port = parts[1].rpartition(":")
        host = host.strip("[]").lower()
        if host not in self.hosts or not port.isdigit() or int(port) not in self.ports:
            return None, "%s is not the package index" % parts[1]
        try:
            infos = socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
        except OSError as err:
            return None, "cannot resolve %s: %s" % (host, err)
        for info in infos:
            address = info[4][0]
            if not forbidden(address, self.own_addresses):
                return (address, int(port)), ""
        return None, "%s resolves only to addresses of this host or its local network" % host


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class IndexProxy:
    """Context manager: a running proxy; `.socket_path` is what run_step binds into the sandbox."""

    def __init__(self, hosts=None, ports=None):
        self.policy = Policy(hosts or allowed_hosts(), ports or allowed_ports(), host_addresses())
        self._folder = None
        self._server = None
        self.refusals = []

    @property
    def socket_path(self):
        return Path(self._folder.name) / "index-proxy.sock"

    def __enter__(self):
        self._folder = tempfile.TemporaryDirectory(prefix="py3bridge-proxy-")
        self._server = _Server(str(self.socket_path), _Handler)
        self._server.policy, self._server.refusals = self.policy, self.refusals
        os.chmod(self._folder.name, 0o755)
        give_to_sandbox(self._folder.name)  # the step's uid must be able to connect
        threading.Thread(target=self._server.serve_forever, name="index-proxy", daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._folder.cleanup()
