"""The only module that talks to GitHub's API (through PyGithub).

Base URL from settings (github.com, GitHub Enterprise, or the local stand-in). 5xx answers and
rate limits are retried with backoff, honouring Retry-After and X-RateLimit-Reset (PyGithub's
GithubRetry); writes are spaced to stay under GitHub's content-creation limits. Installation
tokens are cached and never logged; a caller says how long the token must stay valid (`min_valid`:
five minutes for an API request, more for a git push), and a cached token that expires sooner is
replaced. API clients look the token up on every request, so a client made before a multi-hour
test run still has a valid token after it.
"""
import threading
from datetime import datetime, timedelta, timezone

from github import Auth, Github, GithubIntegration, GithubRetry

TOKEN_MARGIN = timedelta(minutes=5)


def _retry():
    return GithubRetry(total=8, backoff_factor=0.5, secondary_rate_wait=60, max_rate_limit_wait=900)


class AppClient:
    def __init__(self, settings):
        self.settings = settings
        self._tokens = {}
        self._lock = threading.Lock()

    def _common(self):
        return dict(base_url=self.settings.github_api_url, retry=_retry(), seconds_between_requests=None,
                    seconds_between_writes=self.settings.seconds_between_writes or None)

    def integration(self):
        auth = Auth.AppAuth(int(self.settings.app_id), self.settings.private_key)
        return GithubIntegration(auth=auth, **self._common())

    def installation_token(self, installation_id, min_valid=TOKEN_MARGIN):
        """A token for the installation that stays valid at least `min_valid` longer (cached)."""
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached and cached[1] - min_valid > datetime.now(timezone.utc):
                return cached[0]
        access = self.integration().get_access_token(installation_id)
        expires = access.expires_at if access.expires_at.tzinfo else access.expires_at.replace(tzinfo=timezone.utc)
        with self._lock:
            self._tokens[installation_id] = (access.token, expires)
        return access.token

    def token_provider(self, installation_id):
        """callable(min_valid) -> token, for git (workers.forge.gitrepo.Checkout)."""
        return lambda min_valid=TOKEN_MARGIN: self.installation_token(installation_id, min_valid=min_valid)

    def github(self, installation_id):
        return Github(auth=InstallationToken(self, installation_id), **self._common())

    def app_slug(self):
        return self.integration().get_app().slug


class InstallationToken(Auth.Token):
    """Token auth that asks the client for the installation's token on every request (cached there,
    replaced near expiry) instead of keeping the one it was made with."""

    def __init__(self, client, installation_id):
        self._client, self._installation_id = client, installation_id
        super().__init__(client.installation_token(installation_id))

    @property
    def token(self):
        return self._client.installation_token(self._installation_id)


def find_pull_by_branch(repo, branch):
    owner = repo.owner.login
    for pull in repo.get_pulls(state="all", head="%s:%s" % (owner, branch)):
        return pull
    return None
