"""Webhook deliveries as GitHub sends them to an App: signing, delivery over HTTP, and payload
builders for the events py3bridge handles.

Payloads are built from the stand-in's state with the same JSON shapes as its REST API (so
URLs point at the stand-in) and the field names of real deliveries (octokit/webhooks examples).

    payload = pull_request_event(state, urls, "octo", "legacy", 3)        # action from its state
    deliver(app_url + "/webhook", "pull_request", payload, secret="s3cret")
"""
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

import requests

from . import gitcmd
from .render import Renderer, node_id

ZERO_SHA = "0" * 40


# --- signing and delivery --------------------------------------------------------------------


def sign(secret, body):
    """GitHub's X-Hub-Signature-256 value: "sha256=" + hex HMAC-SHA256 of the raw body."""
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def webhook_headers(event, body, secret, delivery_id=None, app_id=None):
    """The headers of a delivery, for posting `body` yourself (e.g. with a Flask test client)."""
    key = secret.encode() if isinstance(secret, str) else secret
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery_id or str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(secret, body),
        "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/standin",
    }
    if app_id is not None:
        headers.update({"X-GitHub-Hook-Installation-Target-Type": "integration",
                        "X-GitHub-Hook-Installation-Target-ID": str(app_id)})
    return headers


def deliver(url, event, payload, secret, delivery_id=None, timeout=10):
    """POST a signed delivery to `url`; returns the requests.Response."""
    body = json.dumps(payload).encode()
    return requests.post(url, data=body, headers=webhook_headers(event, body, secret, delivery_id), timeout=timeout)


# --- payload builders ------------------------------------------------------------------------


def installation_event(state, urls, installation_id, action="created", sender=None):
    """`installation` (created/deleted/...): the installation and the repositories it covers."""
    render = Renderer(state, urls)
    installation = state.installations[installation_id]
    return {
        "action": action,
        "installation": render.installation(installation),
        "repositories": [_short_repo(state.repos[n]) for n in installation.repositories],
        "sender": render.user(sender or installation.account),
    }


def installation_repositories_event(state, urls, installation_id, added=(), removed=(), action="added", sender=None):
    """`installation_repositories` (added/removed); `added`/`removed` are "owner/name" strings."""
    render = Renderer(state, urls)
    installation = state.installations[installation_id]
    return {
        "action": action,
        "installation": render.installation(installation),
        "repository_selection": "selected",
        "repositories_added": [_short_repo(state.repos[n]) for n in added],
        "repositories_removed": [_short_repo(state.repos[n]) for n in removed],
        "requester": None,
        "sender": render.user(sender or installation.account),
    }


def push_event(state, urls, owner, name, ref=None, before=None, after=None, sender=None):
    """`push` of `ref` (default: the default branch); `after` defaults to the ref's current SHA."""
    render, repo = Renderer(state, urls), state.get_repo(owner, name)
    ref = ref or f"refs/heads/{repo.default_branch}"
    after = after or state.resolve(owner, name, ref) or ZERO_SHA
    before = before or _first_parent(repo, after)
    commits = [_push_commit(render, repo, sha) for sha in _new_commits(repo, before, after)]
    pusher = sender or repo.owner
    return {
        "ref": ref, "before": before, "after": after,
        "created": before == ZERO_SHA, "deleted": after == ZERO_SHA, "forced": False, "base_ref": None,
        "compare": f"{urls.html_repo(repo.full_name)}/compare/{before[:12]}...{after[:12]}",
        "commits": commits, "head_commit": commits[-1] if commits else None,
        "repository": render.repo(repo),
        "pusher": {"name": pusher.login, "email": f"{pusher.login}@users.noreply.github.com"},
        "sender": render.user(pusher),
        "installation": _installation_ref(state, owner, name),
    }


def pull_request_event(state, urls, owner, name, number, action=None, sender=None):
    """`pull_request`; action defaults to "closed" for a closed PR (merged or not), else "opened"."""
    render, pull = Renderer(state, urls), state.pull(owner, name, number)
    action = action or ("closed" if pull.state == "closed" else "opened")
    return {
        "action": action, "number": pull.number, "pull_request": render.pull(pull),
        "repository": render.repo(state.get_repo(owner, name)),
        "installation": _installation_ref(state, owner, name),
        "sender": render.user(sender or pull.user),
    }


def issue_comment_event(state, urls, comment, action="created", previous_body=None, sender=None):
    """`issue_comment` (created/edited/deleted) for a state Comment (keep the one delete_comment returns).

    On a pull request `issue` carries a `pull_request` key; `comment.user.type` is "User" or "Bot".
    """
    render = Renderer(state, urls)
    owner, name = comment.repo.split("/")
    payload = {
        "action": action,
        "issue": render.issue(state.issue(owner, name, comment.issue_number)),
        "comment": render.comment(comment),
        "repository": render.repo(state.get_repo(owner, name)),
        "installation": _installation_ref(state, owner, name),
        "sender": render.user(sender or comment.user),
    }
    if action == "edited":
        payload["changes"] = {"body": {"from": previous_body if previous_body is not None else comment.body}}
    return payload


# --- pieces ----------------------------------------------------------------------------------


def _short_repo(repo):
    return {"id": repo.id, "node_id": node_id("Repository", repo.id), "name": repo.name,
            "full_name": repo.full_name, "private": repo.private}


def _installation_ref(state, owner, name):
    installation = state.installation_of(owner, name)
    if installation is None:
        return None
    return {"id": installation.id, "node_id": node_id("Installation", installation.id)}


def _first_parent(repo, sha):
    if sha == ZERO_SHA:
        return ZERO_SHA
    parents = gitcmd.commit_info(repo.path, sha).parents
    return parents[0] if parents else ZERO_SHA


def _new_commits(repo, before, after, limit=20):
    if after == ZERO_SHA:
        return []
    span = after if before == ZERO_SHA else f"{before}..{after}"
    out = gitcmd.run_git("rev-list", "--reverse", span, cwd=repo.path).decode().split()
    return out[-limit:]


def _push_commit(render, repo, sha):
    info = gitcmd.commit_info(repo.path, sha)
    files = gitcmd.changed_files(repo.path, sha)
    by_status = {kind: [path for status, path, *_ in files if status == letter]
                 for kind, letter in (("added", "A"), ("removed", "D"), ("modified", "M"))}
    return {
        "id": info.sha, "tree_id": info.tree, "distinct": True, "message": info.message,
        "timestamp": info.committer_date, "url": f"{render.urls.html_repo(repo.full_name)}/commit/{info.sha}",
        "author": {"name": info.author_name, "email": info.author_email, "username": info.author_name},
        "committer": {"name": info.committer_name, "email": info.committer_email, "username": info.committer_name},
        **by_status,
    }


# --- the App's webhook: where actions taken on the stand-in's pages are delivered ----------------


@dataclass
class HookConfig:
    """The App's webhook as GitHub keeps it: the URL, the secret it signs with, and for the
    sandbox, the stand-in's own root (payload URLs) and who acts on the pages (a login, or None
    for each repository's owner)."""
    url: str
    secret: str
    root: str | None = None
    actor: str | None = None


@dataclass
class DeliveryRecord:
    """One delivery the stand-in sent, as "Recent deliveries" in an App's settings shows it."""
    id: str
    event: str
    action: str | None
    repo: str | None
    number: int | None
    status: int | None  # the HTTP status, None when the request failed
    answer: str  # the response body (cut short) or the error
    delivered_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def send(hook, event, payload, number=None):
    """Deliver `payload` to `hook` (a HookConfig) as GitHub would; never raises. Returns a DeliveryRecord."""
    delivery_id = str(uuid.uuid4())
    repo = (payload.get("repository") or {}).get("full_name")
    try:
        response = deliver(hook.url, event, payload, hook.secret, delivery_id=delivery_id)
        status, answer = response.status_code, response.text[:500]
    except requests.RequestException as err:
        status, answer = None, f"{type(err).__name__}: {err}"[:500]
    return DeliveryRecord(delivery_id, event, payload.get("action"), repo, number, status, answer)
