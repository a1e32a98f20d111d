"""Which job a webhook delivery becomes. Pure: payload in, (job name, plain arguments) out.

Events for repositories or pull requests that are not py3bridge's give no job at all.
"""
BRANCH_PREFIX = "py3bridge/"


def _installation_id(payload):
    return (payload.get("installation") or {}).get("id")


def jobs_for(event, payload):
    """[(job function name in workers.jobs, kwargs)] for one delivery."""
    installation = _installation_id(payload)
    action = payload.get("action")
    if event == "installation" and action in ("created", "new_permissions_accepted", "unsuspend"):
        return [("sync_repository", {"installation_id": installation, "full_name": r["full_name"]})
                for r in payload.get("repositories") or []]
    if event == "installation_repositories" and action == "added":
        return [("sync_repository", {"installation_id": installation, "full_name": r["full_name"]})
                for r in payload.get("repositories_added") or []]
    if event == "push":
        repo = payload.get("repository") or {}
        if payload.get("ref") == "refs/heads/%s" % repo.get("default_branch") and not payload.get("deleted"):
            return [("sync_repository", {"installation_id": installation, "full_name": repo["full_name"]})]
        return []
    if event == "issue_comment":
        return _comment_job(installation, action, payload)
    if event == "pull_request" and action in ("closed", "reopened"):
        pull = payload.get("pull_request") or {}
        if not (pull.get("head") or {}).get("ref", "").startswith(BRANCH_PREFIX):
            return []
        kwargs = {"installation_id": installation, "full_name": payload["repository"]["full_name"],
                  "number": pull["number"], "branch": pull["head"]["ref"]}
        if action == "reopened":
            return [("pull_request_reopened", kwargs)]
        return [("pull_request_closed", dict(kwargs, merged=bool(pull.get("merged"))))]
    return []


def _comment_job(installation, action, payload):
    """New comments that may hold a command; edits, deletions and bots' comments never run one."""
    comment, issue = payload.get("comment") or {}, payload.get("issue") or {}
    user = comment.get("user") or {}
    if action != "created" or user.get("type") == "Bot" or user.get("login", "").endswith("[bot]"):
        return []
    body = comment.get("body") or ""
    if not any(line.lstrip().startswith(("/", "@")) for line in body.splitlines()):
        return []
    return [("handle_comment", {
        "installation_id": installation, "full_name": payload["repository"]["full_name"], "number": issue["number"],
        "comment_id": comment["id"], "body": body, "author": user.get("login", ""),
        "is_pull": "pull_request" in issue})]
