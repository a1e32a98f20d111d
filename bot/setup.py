"""Registering the GitHub App through GitHub's manifest flow.

GET /setup posts app.yml (with this server's own URLs filled in) to GitHub together with a
one-time `state`; GitHub sends the browser back to /setup/callback?code=…&state=…, where the state
is checked and the code exchanged (POST /app-manifests/{code}/conversions) for the app's id,
private key and webhook secret. They are stored in the credentials file the run command reads.

Registration happens once: as soon as the app has credentials (from the environment, or the
credentials file exists), both routes answer 404 and nothing is ever written over saved
credentials, so nobody who can reach the server can re-register it under their own app.
"""
import html
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import requests
import yaml
from flask import Blueprint, abort, current_app, request

from common.settings import credentials_path

blueprint = Blueprint("setup", __name__)
MANIFEST = Path(__file__).resolve().parent.parent / "app.yml"
STATE_SECONDS = 3600


def github_web_url(api_url):
    """https://api.github.com -> https://github.com; https://ghe.example/api/v3 -> https://ghe.example."""
    parts = urlsplit(api_url)
    if parts.netloc == "api.github.com":
        return "https://github.com"
    path = parts.path[: -len("/api/v3")] if parts.path.endswith("/api/v3") else parts.path
    return "%s://%s%s" % (parts.scheme, parts.netloc, path.rstrip("/"))


def manifest_for(base_url):
    manifest = yaml.safe_load(MANIFEST.read_text())
    manifest["url"] = base_url
    manifest["hook_attributes"]["url"] = base_url + "webhook"
    manifest["redirect_url"] = base_url + "setup/callback"
    return manifest


class AlreadyRegistered(Exception):
    pass


def registered(settings):
    """True once any credential is configured or the credentials file exists (checked on every
    request: the server keeps running after /setup saved them)."""
    if settings.app_id or settings.private_key or settings.webhook_secret:
        return True
    path = credentials_path()
    return path.exists() or path.is_symlink()


@blueprint.before_request
def refuse_once_registered():
    if registered(current_app.config["SETTINGS"]):
        abort(404)


@blueprint.get("/setup")
def start():
    settings = current_app.config["SETTINGS"]
    state = secrets.token_urlsafe(24)
    current_app.config["REDIS"].set("py3bridge:setup-state:%s" % state, "1", ex=STATE_SECONDS)
    action = "%s/settings/apps/new?state=%s" % (github_web_url(settings.github_api_url), state)
    manifest = json.dumps(manifest_for(request.host_url))
    return ("<!doctype html><title>Register py3bridge</title><h1>Register py3bridge on GitHub</h1>"
            '<form method="post" action="%s"><input type="hidden" name="manifest" value="%s">'
            '<button type="submit">Create the GitHub App</button></form>' % (html.escape(action), html.escape(manifest)))


@blueprint.get("/setup/callback")
def callback():
    settings = current_app.config["SETTINGS"]
    code, state = request.args.get("code", ""), request.args.get("state", "")
    if not code or not state or not current_app.config["REDIS"].delete("py3bridge:setup-state:%s" % state):
        return "Unknown or expired setup state: start again at /setup.", 400
    response = requests.post("%s/app-manifests/%s/conversions" % (settings.github_api_url, code), timeout=30,
                             headers={"Accept": "application/vnd.github+json"})
    if response.status_code != 201:
        return "GitHub refused the code (HTTP %d): start again at /setup." % response.status_code, 502
    app = response.json()
    try:
        path = store_credentials(app)
    except AlreadyRegistered:
        return "This server already has its app's credentials; they were not changed.", 409
    return ("<!doctype html><title>py3bridge registered</title><h1>Registered %s</h1>"
            "<p>App id %s. Credentials saved to %s; restart the run command, then install the app: "
            '<a href="%s">%s</a></p>' % (html.escape(app.get("slug", "")), html.escape(str(app["id"])),
                                         html.escape(str(path)), html.escape(app.get("html_url", "")),
                                         html.escape(app.get("html_url", ""))))


def store_credentials(app):
    """Write the credentials file (0600); AlreadyRegistered if it exists. The file appears whole
    or not at all (written aside, then hard-linked into place, which never replaces a file)."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        raise AlreadyRegistered(str(path))
    scratch = path.with_name(".%s.%s" % (path.name, secrets.token_hex(8)))
    fd = os.open(str(scratch), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump({"APP_ID": str(app["id"]), "PRIVATE_KEY": app["pem"], "WEBHOOK_SECRET": app["webhook_secret"],
                       "APP_SLUG": app.get("slug", "")}, f)
        try:
            os.link(scratch, path)
        except FileExistsError:
            raise AlreadyRegistered(str(path)) from None
    finally:
        os.unlink(scratch)
    return path
