"""The only module that talks to GitHub's API (through PyGithub).

Base URL from settings (github.com, GitHub Enterprise, or the local stand-in). 5xx answers and
rate limits are retried with backoff, honouring Retry-After and X-RateLimit-Reset (PyGithub's
GithubRetry); writes are spaced to stay under GitHub's content-creation limits. Installation
tokens are cached until five minutes before they expire and are never logged.
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

    def installation_token(self, installation_id):
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached and cached[1] - TOKEN_MARGIN > datetime.now(timezone.utc):
                return cached[0]
        access = self.integration().get_access_token(installation_id)
        expires = access.expires_at if access.expires_at.tzinfo else access.expires_at.replace(tzinfo=timezone.utc)
        with self._lock:
            self._tokens[installation_id] = (access.token, expires)
        return access.token

    def github(self, installation_id):
        return Github(auth=Auth.Token(self.installation_token(installation_id)), **self._common())

    def app_slug(self):
        return self.integration().get_app().slug


def find_pull_by_branch(repo, branch):
    owner = repo.owner.login
    for pull in repo.get_pulls(state="all", head="%s:%s" % (owner, branch)):
        return pull
    return None
