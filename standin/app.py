"""`create_standin_app(state)`: the Flask app of the GitHub stand-in.

URL layout on one host:port
    /api/v3/...                      REST API (api_app, api_repos, api_issues, api_pulls, api_checks)
    /git/<owner>/<repo>.git/...      git smart HTTP (git_http)
    /settings/apps/new, /api/v3/app-manifests/<code>/conversions   App manifest flow (manifest_flow)
    /, /<owner>/<repo>/..., /deliveries   HTML pages, with POST forms for a reviewer's actions (html)

Cross-cutting behaviour lives here: injected faults are answered before routing, every request
is logged in `state.requests`, API errors are GitHub-shaped JSON ({"message": ...}).
"""
import time

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from . import api_app, api_checks, api_issues, api_pulls, api_repos, git_http, html, manifest_flow
from .api_common import STATE_KEY, ApiError, error_response
from .records import StateError
from .render import API_PREFIX

BLUEPRINTS = (api_app.bp, api_repos.bp, api_issues.bp, api_pulls.bp, api_checks.bp, git_http.bp, manifest_flow.bp,
              html.bp)


def create_standin_app(state):
    """A Flask app serving `state` (a StandinState)."""
    app = Flask("github_standin")
    app.config[STATE_KEY] = state
    app.json.sort_keys = False
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.before_request(_injected_fault)
    app.after_request(_finish)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(StateError, _state_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _state():
    return current_app.config[STATE_KEY]


def _injected_fault():
    """Answer with a queued fault (state.inject_fault) instead of the real response."""
    fault = _state().take_fault(request.method, request.path)
    if fault is None:
        return None
    response = jsonify(fault.body)
    response.status_code = fault.status
    response.headers.update(fault.response_headers())
    return response


def _finish(response):
    """Log the request; give API answers GitHub's rate-limit headers unless a fault set them."""
    _state().record_request(request.method, request.path, request.query_string.decode(), response.status_code)
    if request.path.startswith(API_PREFIX) and "X-RateLimit-Remaining" not in response.headers:
        response.headers.update({"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "4999",
                                 "X-RateLimit-Used": "1", "X-RateLimit-Resource": "core",
                                 "X-RateLimit-Reset": str(int(time.time()) + 3600)})
    return response


def _api_error(error):
    return error_response(error.status, error.message, error.errors, error.headers)


def _state_error(error):
    return error_response(error.status, error.message, error.errors)


def _http_error(error):
    """Unknown routes and wrong methods: JSON under /api/v3, plain text elsewhere."""
    if request.path.startswith(API_PREFIX):
        return error_response(error.code, "Not Found" if error.code == 404 else error.name)
    return error


def _unexpected_error(error):
    """A bug in the stand-in: log it and answer 500 with the error, so a test shows it."""
    current_app.logger.exception("stand-in error on %s %s", request.method, request.path)
    return error_response(500, f"stand-in error: {type(error).__name__}: {error}")
