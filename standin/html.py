"""Read-only HTML pages, so a person can look at what the bot did (the `html_url`s point here):

    /                               every repository with its pull requests and issues
    /<owner>/<repo>                 one repository
    /<owner>/<repo>/pull/<n>        a pull request: body, labels, comments, check runs, diff
    /<owner>/<repo>/issues/<n>      an issue and its comments
    /<owner>/<repo>/runs/<id>       a check run's output

Markdown is not rendered: text is escaped and shown in <pre>.
"""
from flask import Blueprint, current_app, redirect
from markupsafe import escape

from .api_common import STATE_KEY
from .records import StateError

bp = Blueprint("standin_html", __name__)

STYLE = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}pre{background:#f6f8fa;padding:1em;"
         "white-space:pre-wrap}.label{background:#ddd;border-radius:1em;padding:0 .6em;margin-right:.3em}"
         ".comment{border:1px solid #ddd;margin:1em 0;padding:0 1em}.add{color:#1a7f37}.del{color:#cf222e}")


def _state():
    return current_app.config[STATE_KEY]


def _page(title, body):
    return f"<!doctype html><title>{escape(title)}</title><style>{STYLE}</style>" \
           f"<p><a href='/'>GitHub stand-in</a></p><h1>{escape(title)}</h1>{body}"


def _not_found():
    return _page("Not Found", "<p>Nothing here.</p>"), 404


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


def _repo_section(repo):
    items = sorted(repo.issues.values(), key=lambda i: -i.number)
    pulls = [_issue_link(repo, i) for i in items if i.is_pull]
    issues = [_issue_link(repo, i) for i in items if not i.is_pull]
    return (f"<h2><a href='/{repo.full_name}'>{escape(repo.full_name)}</a></h2>"
            f"<h3>Pull requests</h3><ul>{''.join(pulls) or '<li>none</li>'}</ul>"
            f"<h3>Issues</h3><ul>{''.join(issues) or '<li>none</li>'}</ul>")


def _issue_link(repo, issue):
    kind = "pull" if issue.is_pull else "issues"
    state = "merged" if issue.is_pull and issue.pull.merged else issue.state
    return (f"<li><a href='/{repo.full_name}/{kind}/{issue.number}'>#{issue.number} {escape(issue.title)}</a>"
            f" ({state}) {_labels(issue)}</li>")


def _labels(issue):
    return "".join(f"<span class=label>{escape(name)}</span>" for name in issue.labels)


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
        info = pull.pull
        status = "merged" if info.merged else pull.state
        body = (f"<p>{status} · {escape(info.head_ref)} → {escape(info.base_ref)} · by "
                f"{escape(pull.user.login)} {'· draft' if info.draft else ''}</p><p>{_labels(pull)}</p>"
                f"<pre>{escape(pull.body or '')}</pre>{_comments(state, owner, name, number)}"
                f"<h2>Checks</h2><ul>{''.join(_run_link(owner, name, r) for r in runs) or '<li>none</li>'}</ul>"
                f"<h2>Diff</h2><pre>{_colour_diff(diff)}</pre>")
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
        body = (f"<p>{issue.state} · by {escape(issue.user.login)}</p><p>{_labels(issue)}</p>"
                f"<pre>{escape(issue.body or '')}</pre>{_comments(state, owner, name, number)}")
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
                f"<h2>{escape(output.get('title') or '')}</h2><pre>{escape(output.get('summary') or '')}</pre>"
                f"<pre>{escape(output.get('text') or '')}</pre>")
        return _page(run.name, body)


def _comments(state, owner, name, number):
    parts = [f"<div class=comment id=issuecomment-{c.id}><p><b>{escape(c.user.login)}</b>"
             f"{' (bot)' if c.user.type == 'Bot' else ''} {' '.join(r.content for r in c.reactions)}</p>"
             f"<pre>{escape(c.body)}</pre></div>" for c in state.comments_of(owner, name, number)]
    return f"<h2>Comments</h2>{''.join(parts) or '<p>none</p>'}"


def _run_link(owner, name, run):
    return f"<li><a href='/{owner}/{name}/runs/{run.id}'>{escape(run.name)}</a>: {run.status} {run.conclusion or ''}</li>"


def _colour_diff(diff):
    def line(text):
        css = "add" if text.startswith("+") else "del" if text.startswith("-") else None
        return f"<span class={css}>{escape(text)}</span>" if css else str(escape(text))
    return "\n".join(line(text) for text in diff.splitlines())
