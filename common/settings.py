"""The app's settings, read from the environment (or given to create_app in tests).

    APP_ID, PRIVATE_KEY (PEM text) or PRIVATE_KEY_FILE, WEBHOOK_SECRET  — the GitHub App's credentials
    REDIS_URL        — default redis://127.0.0.1:6379/0
    GITHUB_API_URL   — default https://api.github.com (GitHub Enterprise: https://HOST/api/v3)
    PY3BRIDGE_WORK_DIR — where workers clone repositories (default: a temp folder)
    PY3BRIDGE_CREDENTIALS — file written by the /setup manifest flow (default
                       ~/.config/py3bridge/credentials.json); used for what the environment lacks
    PY3BRIDGE_MAX_STEP_SECONDS — the most seconds a repository may give one test step (its
                       configured timeout); default 3600. A larger timeout is a configuration error.
    PY3BRIDGE_SYNC_BUDGET_SECONDS — wall-clock seconds one sync of a repository may spend; every
                       test step's timeout is cut to what is left, and no PR is opened once it is
                       spent (the rest waits for the next sync); default 14400 (4 hours)
"""
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    app_id: str = ""
    private_key: str = ""
    webhook_secret: str = ""
    redis_url: str = "redis://127.0.0.1:6379/0"
    github_api_url: str = "https://api.github.com"
    work_dir: str = ""
    queue_name: str = "py3bridge"
    # Seconds PyGithub waits between writes: GitHub's content-creation limit is about 80 a minute.
    seconds_between_writes: float = 1.0
    max_step_seconds: float = 3600.0
    sync_budget_seconds: float = 4 * 3600.0

    @property
    def has_credentials(self):
        return bool(self.app_id and self.private_key and self.webhook_secret)


def credentials_path(environ=None):
    env = os.environ if environ is None else environ
    configured = env.get("PY3BRIDGE_CREDENTIALS")
    return Path(configured) if configured else Path.home() / ".config" / "py3bridge" / "credentials.json"


def _stored_credentials(environ):
    path = credentials_path(environ)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _seconds(env, name, default):
    """A positive, finite number of seconds from the environment (default when unset)."""
    raw = env.get(name, "")
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise SettingsError("%s: %r is not a positive number of seconds" % (name, raw))
    return value


def max_step_seconds(environ=None):
    """PY3BRIDGE_MAX_STEP_SECONDS: the cap on a repository's configured test timeout."""
    return _seconds(os.environ if environ is None else environ, "PY3BRIDGE_MAX_STEP_SECONDS",
                    Settings.max_step_seconds)


def sync_budget_seconds(environ=None):
    """PY3BRIDGE_SYNC_BUDGET_SECONDS: what one sync of a repository may spend in all."""
    return _seconds(os.environ if environ is None else environ, "PY3BRIDGE_SYNC_BUDGET_SECONDS",
                    Settings.sync_budget_seconds)


def from_environment(environ=None):
    env = os.environ if environ is None else environ
    env = dict(_stored_credentials(env), **env)
    key = env.get("PRIVATE_KEY", "")
    if not key and env.get("PRIVATE_KEY_FILE"):
        try:
            with open(env["PRIVATE_KEY_FILE"]) as f:
                key = f.read()
        except OSError as err:
            raise SettingsError("PRIVATE_KEY_FILE: %s" % err) from None
    return Settings(
        app_id=env.get("APP_ID", ""),
        private_key=key,
        webhook_secret=env.get("WEBHOOK_SECRET", ""),
        redis_url=env.get("REDIS_URL", Settings.redis_url),
        github_api_url=env.get("GITHUB_API_URL", Settings.github_api_url).rstrip("/"),
        work_dir=env.get("PY3BRIDGE_WORK_DIR", "") or os.path.join(tempfile.gettempdir(), "py3bridge-work"),
        seconds_between_writes=float(env.get("PY3BRIDGE_SECONDS_BETWEEN_WRITES", "1.0")),
        max_step_seconds=max_step_seconds(env),
        sync_budget_seconds=sync_budget_seconds(env),
    )
