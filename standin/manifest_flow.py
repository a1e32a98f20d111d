"""GitHub's App manifest flow on the stand-in.

POST /settings/apps/new?state=S  (form field `manifest`, JSON) registers nothing new: the stand-in
already has its App. It remembers the manifest under a one-time code and redirects the browser
to the manifest's redirect_url with ?code=…&state=S, as GitHub does.
POST /api/v3/app-manifests/<code>/conversions answers the App's id, slug, key and webhook
secret once per code (201), 404 for an unknown or used code.
"""
import json
import secrets
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, redirect, request

from .api_common import STATE_KEY
from .render import API_PREFIX

bp = Blueprint("manifest_flow", __name__)


def _state():
    return current_app.config[STATE_KEY]


@bp.post("/settings/apps/new")
def new_app():
    try:
        manifest = json.loads(request.form.get("manifest", ""))
    except ValueError:
        return "manifest is not JSON", 400
    if not manifest.get("url") or not (manifest.get("hook_attributes") or {}).get("url"):
        return "manifest needs url and hook_attributes.url", 422
    code = secrets.token_hex(10)
    state = _state()
    with state.lock:
        state.manifest_codes[code] = manifest
    query = urlencode({"code": code, "state": request.args.get("state", "")})
    return redirect("%s?%s" % (manifest["redirect_url"], query))


@bp.post(API_PREFIX + "/app-manifests/<code>/conversions")
def conversions(code):
    state = _state()
    with state.lock:
        manifest = state.manifest_codes.pop(code, None)
    if manifest is None:
        return jsonify({"message": "Not Found"}), 404
    app = state.app
    return jsonify({"id": app.id, "slug": app.slug, "name": manifest.get("name", app.name), "pem": app.private_key_pem,
                    "webhook_secret": state.manifest_webhook_secret, "client_id": "Iv1.standin",
                    "client_secret": "standin-secret", "html_url": request.host_url + "apps/" + app.slug}), 201
