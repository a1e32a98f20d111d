"""Which job a webhook delivery becomes. Pure: payload in, (job name, plain arguments) out.

Events for repositories or pull requests that are not py3bridge's give no job at all. A payload
that lacks a field its job needs, or holds one of the wrong type, raises PayloadInvalid (the
webhook answers 400): nothing reaches a worker that it would have to second-guess.
"""
import re

BRANCH_PREFIX = "py3bridge/"
# GitHub's own rules: an owner is letters, digits and "-"; a repository name adds "." and "_".
_FULL_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


class PayloadInvalid(ValueError):
    """A delivery whose payload does not have the shape its event promises."""


def _object(container, key, where, required=True):
    value = container.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise PayloadInvalid("%s%s must be an object" % (where, key))
    return value


def _int(container, key, where):
    value = container.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PayloadInvalid("%s%s must be a positive integer" % (where, key))
    return value


def _str(container, key, where, default=None):
    value = container.get(key)
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise PayloadInvalid("%s%s must be a string" % (where, key))
    return value


def _bool(container, key, where):
    value = container.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise PayloadInvalid("%s%s must be true or false" % (where, key))
    return value


def _list(container, key, where):
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise PayloadInvalid("%s%s must be a list" % (where, key))
    return value


def _full_name(repo, where):
    name = _str(repo, "full_name", where)
    if not _FULL_NAME.fullmatch(name) or name.split("/")[1] in (".", ".."):
        raise PayloadInvalid("%sfull_name is not a repository name" % where)
    return name


def _installation_id(payload):
    return _int(_object(payload, "installation", ""), "id", "installation.")


def _repository(payload):
    return _full_name(_object(payload, "repository", ""), "repository.")


def _sync_all(payload, key):
    installation = _installation_id(payload)
    jobs = []
    for repo in _list(payload, key, ""):
        if not isinstance(repo, dict):
            raise PayloadInvalid("%s[] must hold objects" % key)
        jobs.append(("sync_repository", {"installation_id": installation,
                                         "full_name": _full_name(repo, "%s[]." % key)}))
    return jobs


def jobs_for(event, payload):
    """[(job function name in workers.jobs, kwargs)] for one delivery; raises PayloadInvalid."""
    if not isinstance(payload, dict):
        raise PayloadInvalid("the payload must be an object")
    action = payload.get("action")
    if event == "installation" and action in ("created", "new_permissions_accepted", "unsuspend"):
        return _sync_all(payload, "repositories")
    if event == "installation_repositories" and action == "added":
        return _sync_all(payload, "repositories_added")
    if event == "push":
        repo = _object(payload, "repository", "")
        default = _str(repo, "default_branch", "repository.")
        if _str(payload, "ref", "") != "refs/heads/%s" % default or _bool(payload, "deleted", ""):
            return []
        return [("sync_repository", {"installation_id": _installation_id(payload),
                                     "full_name": _full_name(repo, "repository.")})]
    if event == "issue_comment":
        return _comment_job(action, payload)
    if event == "pull_request" and action in ("closed", "reopened"):
        return _pull_request_job(action, payload)
    return []


def _pull_request_job(action, payload):
    """Only branches named like ours; the job itself checks the head repository and the number
    against the batch it recorded (a fork can name a branch anything)."""
    pull = _object(payload, "pull_request", "")
    head = _object(pull, "head", "pull_request.")
    branch = _str(head, "ref", "pull_request.head.")
    if not branch.startswith(BRANCH_PREFIX):
        return []
    head_repo = _object(head, "repo", "pull_request.head.", required=False)  # null: the fork was deleted
    kwargs = {"installation_id": _installation_id(payload), "full_name": _repository(payload),
              "number": _int(pull, "number", "pull_request."), "branch": branch,
              "head_repo": _full_name(head_repo, "pull_request.head.repo.") if head_repo is not None else None}
    if action == "reopened":
        return [("pull_request_reopened", kwargs)]
    return [("pull_request_closed", dict(kwargs, merged=_bool(pull, "merged", "pull_request.")))]


def _comment_job(action, payload):
    """New comments that may hold a command; edits, deletions and bots' comments never run one."""
    if action != "created":
        return []
    comment = _object(payload, "comment", "")
    user = _object(comment, "user", "comment.")
    login = _str(user, "login", "comment.user.", default="")
    if user.get("type") == "Bot" or login.endswith("[bot]"):
        return []
    body = _str(comment, "body", "comment.", default="")
    if not any(line.lstrip().startswith(("/", "@")) for line in body.splitlines()):
        return []
    issue = _object(payload, "issue", "")
    return [("handle_comment", {
        "installation_id": _installation_id(payload), "full_name": _repository(payload),
        "number": _int(issue, "number", "issue."), "comment_id": _int(comment, "id", "comment."), "body": body,
        "author": login, "is_pull": "pull_request" in issue})]
