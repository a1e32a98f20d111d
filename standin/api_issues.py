"""REST endpoints on issues and what hangs off them: issues, issue comments, reactions and
labels. Pull requests are issues too: /issues lists them with a `pull_request` key, and their
comments and labels live under /issues/{n}, like on GitHub.
"""
from flask import request

from .api_common import (ApiError, actor, api_blueprint, authorized_repo, created, get_state, json_body,
                         no_content, renderer, route)

bp = api_blueprint("standin_issues")


# --- issues ----------------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/issues")
def list_issues(owner, name):
    """?state=open|closed|all (default open), ?labels=a,b (all must match), ?creator=login."""
    authorized_repo(owner, name)
    state_filter = request.args.get("state", "open")
    wanted_labels = [l for l in request.args.get("labels", "").split(",") if l]
    creator = request.args.get("creator")
    found = [i for i in get_state().issues(owner, name, state_filter, include_pulls=True)
             if set(wanted_labels) <= set(i.labels) and creator in (None, i.user.login)]
    if request.args.get("direction") == "asc":
        found.reverse()
    render = renderer()
    return [render.issue(i) for i in found]


@route(bp, "/repos/<owner>/<name>/issues", methods=["POST"])
def create_issue(owner, name):
    authorized_repo(owner, name)
    body = json_body({})
    if not body.get("title"):
        raise ApiError(422, "Validation Failed", [{"resource": "Issue", "field": "title", "code": "missing_field"}])
    issue = get_state().create_issue(owner, name, body["title"], body.get("body"),
                                     labels=_label_names(body.get("labels", [])), user=actor())
    return created(renderer().issue(issue))


@route(bp, "/repos/<owner>/<name>/issues/<int:number>")
def get_issue(owner, name, number):
    authorized_repo(owner, name)
    return renderer().issue(get_state().issue(owner, name, number))


@route(bp, "/repos/<owner>/<name>/issues/<int:number>", methods=["PATCH"])
def edit_issue(owner, name, number):
    authorized_repo(owner, name)
    state, body = get_state(), json_body({})
    labels = _label_names(body["labels"]) if "labels" in body else None
    issue = state.edit_issue(state.issue(owner, name, number), title=body.get("title"), body=body.get("body"),
                             state=body.get("state"), labels=labels, state_reason=body.get("state_reason"))
    return renderer().issue(issue)


# --- comments --------------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/comments")
def list_issue_comments(owner, name, number):
    authorized_repo(owner, name)
    render = renderer()
    return [render.comment(c) for c in get_state().comments_of(owner, name, number)]


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/comments", methods=["POST"])
def create_comment(owner, name, number):
    authorized_repo(owner, name)
    text = json_body({}).get("body")
    if not text:
        raise ApiError(422, "Validation Failed", [{"resource": "IssueComment", "field": "body", "code": "missing_field"}])
    comment = get_state().add_comment(owner, name, number, text, user=actor())
    return created(renderer().comment(comment))


@route(bp, "/repos/<owner>/<name>/issues/comments")
def list_repo_comments(owner, name):
    repo = authorized_repo(owner, name)
    render = renderer()
    return [render.comment(c) for c in get_state().comments.values() if c.repo == repo.full_name]


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>")
def get_comment(owner, name, comment_id):
    authorized_repo(owner, name)
    return renderer().comment(get_state().comment(comment_id, owner, name))


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>", methods=["PATCH"])
def edit_comment(owner, name, comment_id):
    authorized_repo(owner, name)
    state = get_state()
    state.comment(comment_id, owner, name)
    return renderer().comment(state.edit_comment(comment_id, json_body({}).get("body", "")))


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>", methods=["DELETE"])
def delete_comment(owner, name, comment_id):
    authorized_repo(owner, name)
    state = get_state()
    state.comment(comment_id, owner, name)
    state.delete_comment(comment_id)
    return no_content()


# --- reactions -------------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>/reactions")
def list_reactions(owner, name, comment_id):
    authorized_repo(owner, name)
    render = renderer()
    return [render.reaction(r) for r in get_state().comment(comment_id, owner, name).reactions]


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>/reactions", methods=["POST"])
def create_reaction(owner, name, comment_id):
    """201 for a new reaction, 200 when this user already reacted with that content."""
    authorized_repo(owner, name)
    state = get_state()
    state.comment(comment_id, owner, name)
    reaction, is_new = state.add_reaction(comment_id, json_body({}).get("content"), actor())
    return renderer().reaction(reaction), 201 if is_new else 200


@route(bp, "/repos/<owner>/<name>/issues/comments/<int:comment_id>/reactions/<int:reaction_id>",
       methods=["DELETE"])
def delete_reaction(owner, name, comment_id, reaction_id):
    authorized_repo(owner, name)
    state = get_state()
    state.comment(comment_id, owner, name)
    state.delete_reaction(comment_id, reaction_id)
    return no_content()


# --- labels ----------------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/labels")
def list_issue_labels(owner, name, number):
    authorized_repo(owner, name)
    return renderer().labels_of(get_state().issue(owner, name, number))


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/labels", methods=["POST", "PUT"])
def add_issue_labels(owner, name, number):
    """POST adds, PUT replaces. The body is a bare list (PyGithub) or {"labels": [...]}."""
    authorized_repo(owner, name)
    body = json_body([])
    names = _label_names(body.get("labels", []) if isinstance(body, dict) else body)
    state = get_state()
    if request.method == "PUT":
        state.set_labels(owner, name, number, names)
    else:
        state.add_labels(owner, name, number, names)
    return renderer().labels_of(state.issue(owner, name, number))


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/labels", methods=["DELETE"])
def clear_issue_labels(owner, name, number):
    authorized_repo(owner, name)
    get_state().set_labels(owner, name, number, [])
    return no_content()


@route(bp, "/repos/<owner>/<name>/issues/<int:number>/labels/<path:label>", methods=["DELETE"])
def remove_issue_label(owner, name, number, label):
    authorized_repo(owner, name)
    state = get_state()
    state.remove_label(owner, name, number, label)
    return renderer().labels_of(state.issue(owner, name, number))


@route(bp, "/repos/<owner>/<name>/labels")
def list_labels(owner, name):
    repo = authorized_repo(owner, name)
    render = renderer()
    return [render.label(repo, label) for label in repo.labels.values()]


@route(bp, "/repos/<owner>/<name>/labels", methods=["POST"])
def create_label(owner, name):
    repo = authorized_repo(owner, name)
    body = json_body({})
    if not body.get("name"):
        raise ApiError(422, "Validation Failed", [{"resource": "Label", "field": "name", "code": "missing_field"}])
    label = get_state().create_label(owner, name, body["name"], body.get("color", "ededed").lstrip("#"),
                                     body.get("description"))
    return created(renderer().label(repo, label))


@route(bp, "/repos/<owner>/<name>/labels/<path:label>")
def get_label(owner, name, label):
    repo = authorized_repo(owner, name)
    if label not in repo.labels:
        raise ApiError(404, "Not Found")
    return renderer().label(repo, repo.labels[label])


def _label_names(labels):
    """Label names from strings or {"name": ...} objects."""
    return [l["name"] if isinstance(l, dict) else str(l) for l in labels]
