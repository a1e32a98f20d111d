"""`StandinServer`: the stand-in running on a real local port, for tests and sandbox runs.

    with StandinServer() as gh:
        gh.state.make_repo("octo", "legacy", {"setup.py": "..."}, installation_id=42)
        g = gh.github_for(42)                      # real PyGithub over real HTTP
        g.get_repo("octo/legacy").create_issue("hello")
        deliver(bot_url, "push", push_event(gh.state, gh.urls, "octo", "legacy"), secret)

Webhook helpers (sign, deliver, payload builders) live in `webhooks` and are re-exported here.
"""
import threading

from github import Auth, Github, GithubIntegration
from werkzeug.serving import WSGIRequestHandler, make_server

from .app import create_standin_app
from .render import Urls
from .state import StandinState
from .webhooks import (deliver, installation_event, installation_repositories_event, issue_comment_event,
                       pull_request_event, push_event, sign, webhook_headers)

__all__ = ["StandinServer", "fast_client_options", "sign", "deliver", "webhook_headers", "installation_event",
           "installation_repositories_event", "push_event", "pull_request_event", "issue_comment_event"]


def fast_client_options():
    """PyGithub options for tests: no throttling sleeps, no retries (a stand-in bug fails fast)."""
    return {"seconds_between_requests": None, "seconds_between_writes": None, "retry": None}


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class StandinServer:
    """The stand-in app served by werkzeug in a daemon thread; a context manager.

    `state` defaults to a new StandinState (repositories under `root`, or a temp dir removed on
    stop). `port=0` picks a free port. `quiet=False` logs each request to stderr.
    """

    def __init__(self, state=None, root=None, host="127.0.0.1", port=0, quiet=True):
        self.state = state if state is not None else StandinState(root)
        self._owns_state = state is None
        self.app = create_standin_app(self.state)
        self._host, self._port, self._quiet = host, port, quiet
        self._server = None
        self._thread = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self):
        handler = _QuietHandler if self._quiet else WSGIRequestHandler
        self._server = make_server(self._host, self._port, self.app, threaded=True, request_handler=handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="github-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None
        if self._owns_state:
            self.state.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- addresses ---------------------------------------------------------------------------

    @property
    def port(self):
        return self._server.server_port

    @property
    def html_url(self):
        """Root of the stand-in, also its HTML pages: "http://127.0.0.1:PORT/"."""
        return f"http://{self._host}:{self.port}/"

    @property
    def base_url(self):
        """PyGithub's base_url: "http://127.0.0.1:PORT/api/v3"."""
        return self.urls.api

    @property
    def urls(self):
        return Urls(self.html_url)

    def clone_url(self, owner, name, token=None):
        """The repository's git URL, with `x-access-token:<token>@` when a token is given."""
        url = self.urls.clone(f"{owner}/{name}")
        return url.replace("://", f"://x-access-token:{token}@", 1) if token else url

    # --- PyGithub clients --------------------------------------------------------------------

    def app_auth(self):
        return Auth.AppAuth(self.state.app.id, self.state.app.private_key_pem)

    def integration(self, **options):
        """A GithubIntegration for the App (JWT auth) pointed at the stand-in."""
        return GithubIntegration(auth=self.app_auth(), base_url=self.base_url, **{**fast_client_options(), **options})

    def github_for(self, installation_id, **options):
        """A Github client authenticated as an installation (token minted lazily, over HTTP)."""
        auth = self.app_auth().get_installation_auth(installation_id)
        return Github(auth=auth, base_url=self.base_url, **{**fast_client_options(), **options})
