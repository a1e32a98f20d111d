"""REST endpoints on pull requests: create, list with filters, get, edit and merge.
Head and base SHAs come from the bare repo; merging really merges (state.merge_pull).
"""
from flask import request

from .api_common import (ApiError, actor, api_blueprint, authorized_repo, created, get_state, json_body,
                         no_content, renderer, route)

bp = api_blueprint("standin_pulls")


@route(bp, "/repos/<owner>/<name>/pulls")
def list_pulls(owner, name):
    """?state=open|closed|all (default open), ?head=owner:branch, ?base=branch."""
    authorized_repo(owner, name)
    head, base = request.args.get("head"), request.args.get("base")
    found = [p for p in get_state().pulls(owner, name, request.args.get("state", "open"))
             if _head_matches(p, owner, head) and base in (None, p.pull.base_ref)]
    if request.args.get("direction") == "asc":
        found.reverse()
    render = renderer()
    return [render.pull(p, detailed=False) for p in found]


def _head_matches(pull, owner, head):
    """GitHub filters `head` as "user:ref"; a bare ref matches nothing useful there, so accept it."""
    if head is None:
        return True
    head_owner, _, ref = head.rpartition(":")
    return ref == pull.pull.head_ref and head_owner in ("", owner)


@route(bp, "/repos/<owner>/<name>/pulls", methods=["POST"])
def create_pull(owner, name):
    authorized_repo(owner, name)
    body = json_body({})
    missing = [f for f in ("title", "head", "base") if not body.get(f)]
    if missing:
        raise ApiError(422, "Validation Failed",
                       [{"resource": "PullRequest", "field": f, "code": "missing_field"} for f in missing])
    pull = get_state().create_pull(owner, name, body["head"], body["base"], body["title"], body.get("body"),
                                   draft=bool(body.get("draft")),
                                   maintainer_can_modify=bool(body.get("maintainer_can_modify")), user=actor())
    return created(renderer().pull(pull))


@route(bp, "/repos/<owner>/<name>/pulls/<int:number>")
def get_pull(owner, name, number):
    authorized_repo(owner, name)
    return renderer().pull(get_state().pull(owner, name, number))


@route(bp, "/repos/<owner>/<name>/pulls/<int:number>", methods=["PATCH"])
def edit_pull(owner, name, number):
    """title, body, state (open/closed), base."""
    authorized_repo(owner, name)
    state, body = get_state(), json_body({})
    pull = state.edit_issue(state.pull(owner, name, number), title=body.get("title"), body=body.get("body"),
                            state=body.get("state"), base=body.get("base"))
    return renderer().pull(pull)


@route(bp, "/repos/<owner>/<name>/pulls/<int:number>/merge")
def is_merged(owner, name, number):
    authorized_repo(owner, name)
    if not get_state().pull(owner, name, number).pull.merged:
        raise ApiError(404, "Not Found")
    return no_content()


@route(bp, "/repos/<owner>/<name>/pulls/<int:number>/merge", methods=["PUT"])
def merge_pull(owner, name, number):
    """merge_method merge|squash|rebase, commit_title, commit_message, sha (must equal the head)."""
    authorized_repo(owner, name)
    body = json_body({})
    sha = get_state().merge_pull(owner, name, number, method=body.get("merge_method", "merge"),
                                 commit_title=body.get("commit_title"), commit_message=body.get("commit_message"),
                                 expected_head_sha=body.get("sha"), merged_by=actor())
    return {"sha": sha, "merged": True, "message": "Pull Request successfully merged"}
