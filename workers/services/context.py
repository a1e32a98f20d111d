"""What every service gets: the settings, Redis, the GitHub App client, and a phase timer."""
import time
from contextlib import contextmanager

from common import deliveries
from workers.forge.github_client import AppClient

_CLIENTS = {}


class Context:
    def __init__(self, settings):
        self.settings = settings
        self.redis = deliveries.connect(settings.redis_url)
        key = (settings.app_id, settings.github_api_url)
        self.client = _CLIENTS.setdefault(key, AppClient(settings))

    def app_slug(self):
        """The app's slug as GitHub knows it (a renamed app keeps working); cached an hour."""
        cached = self.redis.get("py3bridge:app-slug")
        if cached:
            return cached.decode()
        slug = self.client.app_slug()
        self.redis.set("py3bridge:app-slug", slug, ex=3600)
        return slug

    @property
    def author(self):
        return ("py3bridge[bot]", "%s+py3bridge[bot]@users.noreply.github.com" % self.settings.app_id)


@contextmanager
def timed(timings, phase):
    started = time.monotonic()
    try:
        yield
    finally:
        timings[phase] = round(timings.get(phase, 0.0) + time.monotonic() - started, 3)
