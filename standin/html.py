"""The HTML pages, so a person can look at what the bot did and answer it as a reviewer would
(the `html_url`s point here):

    /                                     every repository with its pull requests and issues
    /<owner>/<repo>                       one repository
    /<owner>/<repo>/pulls, /issues        its pull requests, its issues (newest first)
    /<owner>/<repo>/pull/<n>              a pull request: body, labels, comments, checks, diff
    /<owner>/<repo>/issues/<n>            an issue and its comments
    /<owner>/<repo>/runs/<id>             a check run's output
    /deliveries                           the webhook deliveries the pages' actions sent

Bodies and comments are rendered as GitHub-flavoured Markdown and sanitised (standin/gfm.py).

Actions, each a POST form carrying the server's CSRF token (random per app; a page from
another site cannot read it):

    /<owner>/<repo>/pull/<n>/merge        merge (a real merge commit on the base branch)
    /<owner>/<repo>/pull/<n>/close        close without merging
    /<owner>/<repo>/pull/<n>/reopen       reopen a closed, unmerged PR
    /<owner>/<repo>/pull/<n>/ready        mark a draft ready for review
    /<owner>/<repo>/issues/<n>/comments   comment on an issue or a PR

Each changes the state as GitHub would and then, when the App's webhook is configured
(state.configure_webhook), sends the signed delivery GitHub sends: `pull_request` closed (merged
true/false) and, for a merge, the `push` to the base branch; `pull_request` reopened or
ready_for_review; `issue_comment` created. The actor is the webhook's `actor` login or the
repository's owner (admin), a human "User".
"""
import hmac
import secrets
from urllib.parse import quote

from flask import Blueprint, abort, current_app, redirect, request
from markupsafe import escape

from . import gfm
from .api_common import STATE_KEY
from .records import StateError, User
from .render import Urls
from .webhooks import issue_comment_event, pull_request_event, push_event, send

bp = Blueprint("standin_html", __name__)

CSRF_KEY = "STANDIN_CSRF_TOKEN"
MAX_COMMENT = 65536  # GitHub's limit on a comment body

STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}"
         "pre{background:#f6f8fa;padding:1em;white-space:pre-wrap}"
         ".label{background:#ddd;border-radius:1em;padding:0 .6em;margin-right:.3em}"
         ".comment{border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:0 1em}"
         ".add{color:#1a7f37}.del{color:#cf222e}"
         ".markdown table{border-collapse:collapse;margin:.5em 0}"
         ".markdown th,.markdown td{border:1px solid #d0d7de;padding:.2em .6em}"
         ".markdown code{background:#f6f8fa;padding:.1em .3em}.markdown pre code{padding:0}"
         ".markdown blockquote{color:#57606a;border-left:.25em solid #d0d7de;margin:0;padding:0 1em}"
         ".actions form{display:inline;margin-right:.5em}button{font-size:1em;padding:.3em .9em;cursor:pointer}"
         "button.merge{background:#1f883d;color:#fff;border:1px solid #1a7f37;border-radius:6px}"
         "textarea{width:100%;box-sizing:border-box;font-family:monospace}"
         ".state{border-radius:1em;padding:.1em .7em;color:#fff;background:#1f883d}"
         ".state.closed{background:#cf222e}.state.merged{background:#8250df}.state.draft{background:#6e7781}"
         ".note{color:#57606a}.error{color:#cf222e}")

# What the pages may load or do: their own inline style, forms posted to themselves; no script.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")


@bp.record_once
def _make_csrf_token(setup_state):
    setup_state.app.config.setdefault(CSRF_KEY, secrets.token_urlsafe(32))


@bp.after_request
def _page_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def _state():
    return current_app.config[STATE_KEY]


def _page(title, body, status=200):
    return (f"<!doctype html><meta charset=utf-8><title>{escape(title)}</title><style>{STYLE}</style>"
            f"<p><a href='/'>GitHub stand-in</a> · <a href='/deliveries'>webhook deliveries</a></p>"
            f"<h1>{escape(title)}</h1>{body}"), status


def _not_found():
    return _page("Not Found", "<p>Nothing here.</p>", 404)


def _markdown(text):
    rendered = gfm.render(text)
    return f"<div class=markdown>{rendered}</div>" if rendered else "<p class=note><i>No description.</i></p>"


# --- lists -----------------------------------------------------------------------------------


@bp.route("/")
def index():
    state = _state()
    with state.lock:
        sections = [_repo_section(repo) for repo in state.repos.values()]
    return _page("Repositories", "".join(sections) or "<p>No repositories.</p>")


@bp.route("/<owner>/<name>")
def repository(owner, name):
    state = _state()
    with state.lock:
        repo = state.repos.get(f"{owner}/{name}")
        return _page(repo.full_name, _repo_section(repo)) if repo else _not_found()


@bp.route("/<owner>/<name>/pulls")
def pull_list(owner, name):
    return _list_page(owner, name, pulls=True)


@bp.route("/<owner>/<name>/issues")
def issue_list(owner, name):
    return _list_page(owner, name, pulls=False)


def _list_page(owner, name, pulls):
    state = _state()
    with state.lock:
        repo = state.repos.get(f"{owner}/{name}")
        if repo is None:
            return _not_found()
        items = [i for i in sorted(repo.issues.values(), key=lambda i: -i.number) if i.is_pull == pulls]
        links = "".join(_issue_link(repo, i) for i in items) or "<li>none</li>"
        kind = "Pull requests" if pulls else "Issues"
        return _page(f"{kind} · {repo.full_name}", f"<ul id=items>{links}</ul>")


def _repo_section(repo):
    items = sorted(repo.issues.values(), key=lambda i: -i.number)
    pulls = [_issue_link(repo, i) for i in items if i.is_pull]
    issues = [_issue_link(repo, i) for i in items if not i.is_pull]
    full = repo.full_name
    return (f"<h2><a href='/{full}'>{escape(full)}</a></h2>"
            f"<h3><a href='/{full}/pulls'>Pull requests</a></h3><ul>{''.join(pulls) or '<li>none</li>'}</ul>"
            f"<h3><a href='/{full}/issues'>Issues</a></h3><ul>{''.join(issues) or '<li>none</li>'}</ul>")


def _status(issue):
    if issue.is_pull and issue.pull.merged:
        return "merged"
    if issue.is_pull and issue.state == "open" and issue.pull.draft:
        return "draft"
    return issue.state


def _issue_link(repo, issue):
    kind = "pull" if issue.is_pull else "issues"
    return (f"<li class='item {_status(issue)}' data-number={issue.number}>"
            f"<a href='/{repo.full_name}/{kind}/{issue.number}'>#{issue.number} {escape(issue.title)}</a>"
            f" (<span class=status>{_status(issue)}</span>) {_labels(issue)}</li>")


def _labels(issue):
    return "".join(f"<span class=label>{escape(name)}</span>" for name in issue.labels)


# --- one pull request, issue, check run ------------------------------------------------------


@bp.route("/<owner>/<name>/pull/<int:number>")
def pull_request(owner, name, number):
    state = _state()
    with state.lock:
        try:
            pull = state.pull(owner, name, number)
            diff = state.pull_diff(owner, name, number)
        except StateError:
            return _not_found()
        runs = state.check_runs_for(owner, name, head_sha=state.head_sha(pull))
        info, status = pull.pull, _status(pull)
        body = (f"<p><span class='state {status}' id=state>{status}</span> {escape(info.head_ref)} → "
                f"{escape(info.base_ref)} · by {escape(pull.user.login)}</p><p>{_labels(pull)}</p>"
                f"{_markdown(pull.body)}{_pull_actions(state, owner, name, pull)}"
                f"{_comments(state, owner, name, number)}{_comment_form(state, owner, name, pull)}"
                f"<h2>Checks</h2><ul>{''.join(_run_link(owner, name, r) for r in runs) or '<li>none</li>'}</ul>"
                f"<h2>Diff</h2><pre id=diff>{_colour_diff(diff)}</pre>{_deliveries(state, owner, name, number)}")
        return _page(f"#{number} {pull.title}", body)


@bp.route("/<owner>/<name>/issues/<int:number>")
def issue_page(owner, name, number):
    state = _state()
    with state.lock:
        try:
            issue = state.issue(owner, name, number)
        except StateError:
            return _not_found()
        if issue.is_pull:
            return redirect(f"/{owner}/{name}/pull/{number}")
        status = _status(issue)
        body = (f"<p><span class='state {status}' id=state>{status}</span> by {escape(issue.user.login)}</p>"
                f"<p>{_labels(issue)}</p>{_markdown(issue.body)}{_comments(state, owner, name, number)}"
                f"{_comment_form(state, owner, name, issue)}{_deliveries(state, owner, name, number)}")
        return _page(f"#{number} {issue.title}", body)


@bp.route("/<owner>/<name>/runs/<int:run_id>")
def check_run_page(owner, name, run_id):
    state = _state()
    with state.lock:
        try:
            run = state.check_run(run_id, owner, name)
        except StateError:
            return _not_found()
        output = run.output
        body = (f"<p>{run.status} · {run.conclusion or ''} · {run.head_sha}</p>"
                f"<h2>{escape(output.get('title') or '')}</h2>{_markdown(output.get('summary'))}"
                f"{_markdown(output.get('text')) if output.get('text') else ''}")
        return _page(run.name, body)


@bp.route("/deliveries")
def deliveries_page():
    state = _state()
    with state.lock:
        hook = state.webhook
        where = (f"<p>Events are delivered to <code>{escape(hook.url)}</code>, signed.</p>" if hook else
                 "<p class=note>No webhook configured: actions on these pages change the stand-in only.</p>")
        rows = "".join(_delivery_row(d) for d in reversed(state.deliveries))
    return _page("Webhook deliveries", where + _delivery_table(rows))


def _comments(state, owner, name, number):
    parts = [f"<div class=comment id=issuecomment-{c.id}><p><b class=author>{escape(c.user.login)}</b>"
             f"{' (bot)' if c.user.type == 'Bot' else ''} {' '.join(_emoji(r.content) for r in c.reactions)}</p>"
             f"{_markdown(c.body)}</div>" for c in state.comments_of(owner, name, number)]
    return f"<h2>Comments</h2><div id=comments>{''.join(parts) or '<p>none</p>'}</div>"


_EMOJI = {"+1": "👍", "-1": "👎", "laugh": "😄", "confused": "😕", "heart": "❤️", "hooray": "🎉",
          "rocket": "🚀", "eyes": "👀"}


def _emoji(content):
    return f"<span class=reaction title='{escape(content)}'>{_EMOJI.get(content, escape(content))}</span>"


def _run_link(owner, name, run):
    return (f"<li><a href='/{owner}/{name}/runs/{run.id}'>{escape(run.name)}</a>: "
            f"{run.status} {run.conclusion or ''}</li>")


def _colour_diff(diff):
    def line(text):
        css = "add" if text.startswith("+") else "del" if text.startswith("-") else None
        return f"<span class={css}>{escape(text)}</span>" if css else str(escape(text))
    return "\n".join(line(text) for text in diff.splitlines())


def _deliveries(state, owner, name, number):
    rows = "".join(_delivery_row(d) for d in state.deliveries_for(owner, name, number))
    return f"<h2>Webhook deliveries</h2>{_delivery_table(rows)}" if rows else ""


def _delivery_table(rows):
    return (f"<table class=deliveries><tr><th>when</th><th>event</th><th>answer</th></tr>{rows}</table>"
            if rows else "<p>none</p>")


def _delivery_row(record):
    event = record.event + (f".{record.action}" if record.action else "")
    where = f" {record.repo}#{record.number}" if record.number else f" {record.repo or ''}"
    status = f"HTTP {record.status}" if record.status is not None else "not delivered"
    return (f"<tr><td>{record.delivered_at:%H:%M:%S}</td><td>{escape(event)}{escape(where)}</td>"
            f"<td>{status}: <code>{escape(record.answer[:200])}</code></td></tr>")


# --- forms -----------------------------------------------------------------------------------


def _form(action, label, element_id, css=""):
    return (f"<form method=post action='{escape(action)}'>{_csrf_field()}"
            f"<button type=submit id={element_id} class='{css}'>{escape(label)}</button></form>")


def _csrf_field():
    return f"<input type=hidden name=csrf value='{escape(current_app.config[CSRF_KEY])}'>"


def _pull_actions(state, owner, name, pull):
    base = f"/{owner}/{name}/pull/{pull.number}"
    info = pull.pull
    if info.merged:
        by = f" by {escape(info.merged_by.login)}" if info.merged_by else ""
        return f"<p class='actions note'>Merged{by} into {escape(info.base_ref)}.</p>"
    if pull.state == "closed":
        reopen = _form(base + "/reopen", "Reopen pull request", "reopen")
        return f"<p class=actions>Closed without merging. {reopen}</p>"
    if info.draft:
        buttons = (_form(base + "/ready", "Ready for review", "ready") +
                   "<span class=note>A draft cannot be merged.</span> " +
                   _form(base + "/close", "Close pull request", "close"))
    else:
        mergeable = state.mergeable(pull)
        merge = (_form(base + "/merge", "Merge pull request", "merge", "merge") if mergeable is not False else
                 "<span class=error>This branch has conflicts with the base branch.</span> ")
        buttons = merge + _form(base + "/close", "Close pull request", "close")
    return f"<div class=actions><p>{buttons}</p></div>"


def _comment_form(state, owner, name, issue):
    return (f"<h3>Add a comment</h3><form method=post action='/{owner}/{name}/issues/{issue.number}/comments'>"
            f"{_csrf_field()}<textarea name=body id=new_comment_field rows=4 required "
            f"placeholder='Leave a comment (Markdown). Try /py3bridge help'></textarea>"
            f"<p><button type=submit id=comment-submit>Comment</button></p></form>{_acting_as(state, owner, name)}")


def _acting_as(state, owner, name):
    actor = _actor(state, owner, name)
    hook = state.webhook
    where = (f"the bot's webhook is sent to {escape(hook.url)}" if hook else
             "no webhook is configured, so no bot hears it")
    return (f"<p class=note>You act as <b>{escape(actor.login)}</b> "
            f"({escape(state.permission(owner, name, actor.login))} on this repository); {where}. "
            f"The bot works in the background: reload the page to see what it did.</p>")


def _actor(state, owner, name):
    hook = state.webhook
    if hook is not None and hook.actor:
        return User(hook.actor)
    return state.get_repo(owner, name).owner


# --- actions ---------------------------------------------------------------------------------


def _check_csrf():
    sent = request.form.get("csrf", "")
    if not hmac.compare_digest(sent.encode(), current_app.config[CSRF_KEY].encode()):
        abort(403, "missing or wrong CSRF token; reload the page and try again")


def _urls(state):
    hook = state.webhook
    return Urls(hook.root if hook is not None and hook.root else request.host_url)


def _after(state, owner, name, number, events, anchor=""):
    """Deliver `events` [(event, payload)] in order (outside the state lock) and go back to the page."""
    hook = state.webhook
    if hook is not None:
        for event, payload in events:
            state.record_delivery(send(hook, event, payload, number=number))
    return redirect(f"/{quote(owner)}/{quote(name)}/pull/{number}{anchor}" if _is_pull(state, owner, name, number)
                    else f"/{quote(owner)}/{quote(name)}/issues/{number}{anchor}", code=303)


def _is_pull(state, owner, name, number):
    with state.lock:
        return state.issue(owner, name, number).is_pull


def _refused(message, owner, name, number, status=422):
    link = f"<p><a href='/{escape(owner)}/{escape(name)}/issues/{number}'>Back</a></p>"
    return _page("Not done", f"<p class=error>{escape(message)}</p>{link}", status)


@bp.post("/<owner>/<name>/pull/<int:number>/merge")
def merge(owner, name, number):
    _check_csrf()
    state = _state()
    with state.lock:
        try:
            pull = state.pull(owner, name, number)
        except StateError:
            return _not_found()
        if pull.state == "open" and pull.pull.draft:
            return _refused("Pull request is still a draft.", owner, name, number, 405)
        actor = _actor(state, owner, name)
        try:
            sha = state.merge_pull(owner, name, number, merged_by=actor)
        except StateError as err:
            return _refused(err.message, owner, name, number, err.status)
        urls = _urls(state)
        events = [("pull_request", pull_request_event(state, urls, owner, name, number, "closed", sender=actor)),
                  ("push", push_event(state, urls, owner, name, ref=f"refs/heads/{pull.pull.base_ref}",
                                      before=pull.pull.last_base_sha, after=sha, sender=actor))]
    return _after(state, owner, name, number, events)


@bp.post("/<owner>/<name>/pull/<int:number>/close")
def close(owner, name, number):
    return _set_pull_state(owner, name, number, "closed")


@bp.post("/<owner>/<name>/pull/<int:number>/reopen")
def reopen(owner, name, number):
    return _set_pull_state(owner, name, number, "open")


def _set_pull_state(owner, name, number, wanted):
    _check_csrf()
    state = _state()
    with state.lock:
        try:
            pull = state.pull(owner, name, number)
        except StateError:
            return _not_found()
        if pull.state == wanted:  # a second click, or another tab: nothing happens, nothing is sent
            return redirect(f"/{quote(owner)}/{quote(name)}/pull/{number}", code=303)
        try:
            state.edit_issue(pull, state=wanted)
        except StateError as err:
            return _refused(err.message, owner, name, number, err.status)
        action = "closed" if wanted == "closed" else "reopened"
        payload = pull_request_event(state, _urls(state), owner, name, number, action,
                                     sender=_actor(state, owner, name))
    return _after(state, owner, name, number, [("pull_request", payload)])


@bp.post("/<owner>/<name>/pull/<int:number>/ready")
def ready_for_review(owner, name, number):
    _check_csrf()
    state = _state()
    with state.lock:
        try:
            pull = state.pull(owner, name, number)
        except StateError:
            return _not_found()
        if pull.state != "open" or not pull.pull.draft:
            return redirect(f"/{quote(owner)}/{quote(name)}/pull/{number}", code=303)
        pull.pull.draft = False
        payload = pull_request_event(state, _urls(state), owner, name, number, "ready_for_review",
                                     sender=_actor(state, owner, name))
    return _after(state, owner, name, number, [("pull_request", payload)])


@bp.post("/<owner>/<name>/issues/<int:number>/comments")
def comment(owner, name, number):
    _check_csrf()
    body = request.form.get("body", "").replace("\r\n", "\n")
    state = _state()
    with state.lock:
        try:
            state.issue(owner, name, number)
        except StateError:
            return _not_found()
        if not body.strip():
            return _refused("Comment body cannot be blank.", owner, name, number)
        if len(body) > MAX_COMMENT:
            return _refused(f"Comment body is too long (maximum is {MAX_COMMENT} characters).", owner, name, number)
        created = state.add_comment(owner, name, number, body, user=_actor(state, owner, name))
        payload = issue_comment_event(state, _urls(state), created)
    return _after(state, owner, name, number, [("issue_comment", payload)], anchor=f"#issuecomment-{created.id}")
