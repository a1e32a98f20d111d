"""REST endpoints on a repository's git data and access: contents, refs, branches, commits and
collaborator permissions. Every SHA and file comes from the bare repo.
"""
from flask import request

from . import gitcmd
from .api_common import (ApiError, api_blueprint, authorized_repo, created, get_state, json_body,
                         no_content, renderer, route)

bp = api_blueprint("standin_repos")


# --- contents --------------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/contents", defaults={"path": ""})
@route(bp, "/repos/<owner>/<name>/contents/", defaults={"path": ""})
@route(bp, "/repos/<owner>/<name>/contents/<path:path>")
def get_contents(owner, name, path):
    """A file (base64) or a directory listing (array) at ?ref= (default branch)."""
    repo = authorized_repo(owner, name)
    ref = request.args.get("ref") or repo.default_branch
    path = path.strip("/")
    if gitcmd.rev_parse(repo.path, ref) is None:
        raise ApiError(404, f"No commit found for the ref {ref}")
    kind = gitcmd.object_type(repo.path, ref, path)
    if kind == "blob":
        data = gitcmd.read_blob(repo.path, ref, path)
        return renderer().content_file(repo, path, ref, data, gitcmd.blob_sha(repo.path, ref, path))
    if kind == "tree":
        return renderer().content_entries(repo, ref, gitcmd.list_tree(repo.path, ref, path))
    raise ApiError(404, "Not Found")


# --- refs and branches -----------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/git/ref/<path:ref>")
@route(bp, "/repos/<owner>/<name>/git/refs/<path:ref>")
def get_ref(owner, name, ref):
    repo = authorized_repo(owner, name)
    full_ref = f"refs/{ref}"
    sha = _ref_sha(repo, full_ref)
    if sha is None:
        raise ApiError(404, "Not Found")
    return renderer().ref(repo, full_ref, sha)


@route(bp, "/repos/<owner>/<name>/git/refs", methods=["POST"])
def create_ref(owner, name):
    repo = authorized_repo(owner, name)
    body = json_body({})
    ref, sha = body.get("ref", ""), body.get("sha", "")
    if not ref.startswith("refs/") or ref.count("/") < 2:
        raise ApiError(422, "Reference name must start with 'refs/' and have at least two slashes.")
    if _ref_sha(repo, ref) is not None:
        raise ApiError(422, "Reference already exists")
    _require_commit(repo, sha)
    gitcmd.update_ref(repo.path, ref, sha)
    return created(renderer().ref(repo, ref, sha))


@route(bp, "/repos/<owner>/<name>/git/refs/<path:ref>", methods=["PATCH"])
def update_ref(owner, name, ref):
    """Move a ref; without `force` only fast-forwards are allowed."""
    repo = authorized_repo(owner, name)
    full_ref, body = f"refs/{ref}", json_body({})
    old, sha = _ref_sha(repo, full_ref), body.get("sha", "")
    if old is None:
        raise ApiError(422, "Reference does not exist")
    _require_commit(repo, sha)
    if not body.get("force") and not gitcmd.is_ancestor(repo.path, old, sha):
        raise ApiError(422, "Update is not a fast forward")
    gitcmd.update_ref(repo.path, full_ref, sha)
    return renderer().ref(repo, full_ref, sha)


@route(bp, "/repos/<owner>/<name>/git/refs/<path:ref>", methods=["DELETE"])
def delete_ref(owner, name, ref):
    repo = authorized_repo(owner, name)
    if _ref_sha(repo, f"refs/{ref}") is None:
        raise ApiError(422, "Reference does not exist")
    gitcmd.delete_ref(repo.path, f"refs/{ref}")
    return no_content()


@route(bp, "/repos/<owner>/<name>/branches")
def list_branches(owner, name):
    repo = authorized_repo(owner, name)
    render = renderer()
    return [render.branch(repo, branch, sha) for branch, sha in sorted(gitcmd.branches(repo.path).items())]


@route(bp, "/repos/<owner>/<name>/branches/<path:branch>")
def get_branch(owner, name, branch):
    repo = authorized_repo(owner, name)
    sha = _ref_sha(repo, f"refs/heads/{branch}")
    if sha is None:
        raise ApiError(404, "Branch not found")
    return renderer().branch(repo, branch, sha)


@route(bp, "/repos/<owner>/<name>/commits/<path:ref>")
def get_commit(owner, name, ref):
    """A commit by SHA or branch name."""
    repo = authorized_repo(owner, name)
    sha = gitcmd.rev_parse(repo.path, ref)
    if sha is None:
        raise ApiError(422, f"No commit found for SHA: {ref}")
    return renderer().commit(repo, sha)


def _ref_sha(repo, full_ref):
    return gitcmd.rev_parse(repo.path, full_ref) if _is_exact_ref(repo, full_ref) else None


def _is_exact_ref(repo, full_ref):
    """rev_parse alone would also resolve SHAs and abbreviations; refs must exist by that name."""
    out = gitcmd.run_git("for-each-ref", "--format=%(refname)", full_ref, cwd=repo.path).decode()
    return full_ref in out.splitlines()


def _require_commit(repo, sha):
    if not sha or gitcmd.rev_parse(repo.path, sha) != sha:
        raise ApiError(422, "Object does not exist")


# --- collaborators ---------------------------------------------------------------------------


@route(bp, "/repos/<owner>/<name>/collaborators/<login>/permission")
def get_permission(owner, name, login):
    repo = authorized_repo(owner, name)
    return renderer().permission(repo, login, get_state().permission(owner, name, login))
