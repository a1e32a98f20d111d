"""JSON shapes of GitHub objects, built from the state, shared by the REST API and the webhook
payload builders.

Field names follow GitHub's REST API. PyGithub needs some fields strictly:
`url` on every object it may edit later, `issue_url` on pull requests, absolute URLs on the
stand-in's own host and port under /api/v3, `head`/`base` objects, `encoding: base64` on files.
"""
import base64
import zlib
from urllib.parse import quote

from . import gitcmd
from .records import REACTIONS, User, iso

API_PREFIX = "/api/v3"


class Urls:
    """Absolute URLs on one running stand-in, from its root such as "http://127.0.0.1:5000/"."""

    def __init__(self, root):
        self.root = root.rstrip("/")
        self.api = self.root + API_PREFIX

    def api_repo(self, full_name):
        return f"{self.api}/repos/{full_name}"

    def html_repo(self, full_name):
        return f"{self.root}/{full_name}"

    def clone(self, full_name):
        return f"{self.root}/git/{full_name}.git"

    def api_user(self, login):
        return f"{self.api}/users/{quote(login)}"


def node_id(kind, number):
    return base64.b64encode(f"0{kind}{number}".encode()).decode()


def user_id(login):
    """A stable id per login (users are not stored, only named)."""
    return zlib.crc32(login.encode()) & 0x7FFFFFFF


class Renderer:
    """Turns state records into GitHub JSON for one stand-in address."""

    def __init__(self, state, urls: Urls):
        self.state = state
        self.urls = urls

    # --- people and apps ---------------------------------------------------------------------

    def user(self, user):
        return {
            "login": user.login, "id": user_id(user.login), "node_id": node_id("User", user.login),
            "type": user.type, "site_admin": False,
            "url": self.urls.api_user(user.login), "html_url": f"{self.urls.root}/{quote(user.login)}",
            "avatar_url": "", "gravatar_id": "",
        }

    def app(self):
        app = self.state.app
        return {
            "id": app.id, "slug": app.slug, "node_id": node_id("App", app.id), "name": app.name,
            "owner": self.user(app.owner), "description": "", "external_url": self.urls.root,
            "html_url": f"{self.urls.root}/apps/{app.slug}",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
            "permissions": _APP_PERMISSIONS, "events": _APP_EVENTS, "installations_count": len(self.state.installations),
        }

    def installation(self, installation):
        account = installation.account
        return {
            "id": installation.id, "account": self.user(account), "repository_selection": "selected",
            "access_tokens_url": f"{self.urls.api}/app/installations/{installation.id}/access_tokens",
            "repositories_url": f"{self.urls.api}/installation/repositories",
            "html_url": f"{self.urls.root}/settings/installations/{installation.id}",
            "app_id": self.state.app.id, "app_slug": self.state.app.slug,
            "target_id": user_id(account.login), "target_type": account.type,
            "permissions": _APP_PERMISSIONS, "events": _APP_EVENTS,
            "created_at": iso(installation.created_at), "updated_at": iso(installation.created_at),
            "single_file_name": None, "suspended_at": None, "suspended_by": None,
        }

    def access_token(self, token):
        return {"token": token.value, "expires_at": iso(token.expires_at),
                "permissions": _APP_PERMISSIONS, "repository_selection": "selected"}

    # --- repositories ------------------------------------------------------------------------

    def repo(self, repo):
        api, full = self.urls.api_repo(repo.full_name), repo.full_name
        open_issues = sum(1 for i in repo.issues.values() if i.state == "open")
        return {
            "id": repo.id, "node_id": node_id("Repository", repo.id), "name": repo.name, "full_name": full,
            "private": repo.private, "visibility": "private" if repo.private else "public",
            "owner": self.user(repo.owner), "html_url": self.urls.html_repo(full), "description": None,
            "fork": False, "url": api, "clone_url": self.urls.clone(full),
            "git_url": self.urls.clone(full), "svn_url": self.urls.html_repo(full),
            "issues_url": api + "/issues{/number}", "pulls_url": api + "/pulls{/number}",
            "contents_url": api + "/contents/{+path}", "branches_url": api + "/branches{/branch}",
            "default_branch": repo.default_branch, "archived": False, "disabled": False,
            "has_issues": True, "open_issues_count": open_issues, "open_issues": open_issues,
            "topics": [], "size": 0, "language": "Python",
            "created_at": iso(repo.created_at), "updated_at": iso(repo.created_at), "pushed_at": iso(repo.created_at),
        }

    def permission(self, repo, login, permission):
        return {"permission": permission, "role_name": permission,
                "user": {**self.user(User(login)), "permissions": _permission_flags(permission)}}

    # --- issues, pull requests, comments, labels ----------------------------------------------

    def label(self, repo, label):
        return {"id": label.id, "node_id": node_id("Label", label.id), "name": label.name,
                "url": f"{self.urls.api_repo(repo.full_name)}/labels/{quote(label.name)}",
                "color": label.color, "description": label.description, "default": False}

    def labels_of(self, issue):
        repo = self.state.repos[issue.repo]
        return [self.label(repo, repo.labels[name]) for name in issue.labels]

    def issue(self, issue):
        api = self.urls.api_repo(issue.repo)
        data = {
            "url": f"{api}/issues/{issue.number}", "repository_url": api,
            "labels_url": f"{api}/issues/{issue.number}/labels{{/name}}",
            "comments_url": f"{api}/issues/{issue.number}/comments",
            "events_url": f"{api}/issues/{issue.number}/events",
            "html_url": self.html_issue_url(issue), "id": issue.id, "node_id": node_id("Issue", issue.id),
            "number": issue.number, "title": issue.title, "user": self.user(issue.user),
            "labels": self.labels_of(issue), "state": issue.state, "state_reason": issue.state_reason,
            "locked": False, "assignee": None, "assignees": [], "milestone": None,
            "comments": self._comment_count(issue), "created_at": iso(issue.created_at),
            "updated_at": iso(issue.updated_at), "closed_at": iso(issue.closed_at),
            "author_association": self._association(issue.user, issue.repo), "body": issue.body,
            "draft": issue.pull.draft if issue.is_pull else False,
        }
        if issue.is_pull:
            data["pull_request"] = {
                "url": f"{api}/pulls/{issue.number}", "html_url": self.html_issue_url(issue),
                "diff_url": self.html_issue_url(issue) + ".diff", "patch_url": self.html_issue_url(issue) + ".patch",
                "merged_at": iso(issue.pull.merged_at),
            }
        return data

    def html_issue_url(self, issue):
        kind = "pull" if issue.is_pull else "issues"
        return f"{self.urls.html_repo(issue.repo)}/{kind}/{issue.number}"

    def pull(self, issue, detailed=True):
        """A pull request; `detailed` adds the fields only GET pulls/{n} returns (mergeable...)."""
        api, pull = self.urls.api_repo(issue.repo), issue.pull
        html = self.html_issue_url(issue)
        data = {
            "url": f"{api}/pulls/{issue.number}", "id": issue.id, "node_id": node_id("PullRequest", issue.id),
            "html_url": html, "diff_url": html + ".diff", "patch_url": html + ".patch",
            "issue_url": f"{api}/issues/{issue.number}",
            "commits_url": f"{api}/pulls/{issue.number}/commits",
            "comments_url": f"{api}/issues/{issue.number}/comments",
            "statuses_url": f"{api}/statuses/{self.state.head_sha(issue)}",
            "number": issue.number, "state": issue.state, "locked": False, "title": issue.title,
            "user": self.user(issue.user), "body": issue.body, "labels": self.labels_of(issue),
            "milestone": None, "assignee": None, "assignees": [], "requested_reviewers": [],
            "created_at": iso(issue.created_at), "updated_at": iso(issue.updated_at),
            "closed_at": iso(issue.closed_at), "merged_at": iso(pull.merged_at),
            "merge_commit_sha": pull.merge_commit_sha, "draft": pull.draft,
            "head": self._pull_part(issue, pull.head_ref, self.state.head_sha(issue)),
            "base": self._pull_part(issue, pull.base_ref, self.state.base_sha(issue)),
            "author_association": self._association(issue.user, issue.repo), "auto_merge": None,
            "_links": {"self": {"href": f"{api}/pulls/{issue.number}"}, "html": {"href": html},
                       "issue": {"href": f"{api}/issues/{issue.number}"},
                       "comments": {"href": f"{api}/issues/{issue.number}/comments"}},
        }
        if detailed:
            data.update(self._pull_details(issue))
        return data

    def _pull_details(self, issue):
        mergeable = self.state.mergeable(issue)
        state = {True: "clean", False: "dirty", None: "unknown"}[mergeable]
        return {
            "merged": issue.pull.merged, "mergeable": mergeable, "rebaseable": mergeable,
            "mergeable_state": state, "merged_by": self.user(issue.pull.merged_by) if issue.pull.merged_by else None,
            "comments": self._comment_count(issue), "review_comments": 0,
            "maintainer_can_modify": issue.pull.maintainer_can_modify,
        }

    def _pull_part(self, issue, ref, sha):
        repo = self.state.repos[issue.repo]
        return {"label": f"{repo.owner.login}:{ref}", "ref": ref, "sha": sha,
                "user": self.user(repo.owner), "repo": self.repo(repo)}

    def comment(self, comment):
        api = self.urls.api_repo(comment.repo)
        issue = self.state.repos[comment.repo].issues[comment.issue_number]
        bot = comment.user == self.state.app.bot
        return {
            "url": f"{api}/issues/comments/{comment.id}",
            "html_url": f"{self.html_issue_url(issue)}#issuecomment-{comment.id}",
            "issue_url": f"{api}/issues/{comment.issue_number}", "id": comment.id,
            "node_id": node_id("IssueComment", comment.id), "user": self.user(comment.user),
            "created_at": iso(comment.created_at), "updated_at": iso(comment.updated_at),
            "author_association": self._association(comment.user, comment.repo), "body": comment.body,
            "performed_via_github_app": self.app() if bot else None,
            "reactions": self._reaction_summary(comment, f"{api}/issues/comments/{comment.id}/reactions"),
        }

    def reaction(self, reaction):
        return {"id": reaction.id, "node_id": node_id("Reaction", reaction.id), "user": self.user(reaction.user),
                "content": reaction.content, "created_at": iso(reaction.created_at)}

    def _reaction_summary(self, comment, url):
        summary = {"url": url, "total_count": len(comment.reactions)}
        summary.update({content: sum(r.content == content for r in comment.reactions) for content in REACTIONS})
        return summary

    def _comment_count(self, issue):
        return sum(1 for c in self.state.comments.values() if (c.repo, c.issue_number) == (issue.repo, issue.number))

    def _association(self, user, full_name):
        owner = full_name.split("/")[0]
        if user.login == owner:
            return "OWNER"
        if user.type != "Bot" and self.state.repos[full_name].permissions.get(user.login) in ("admin", "write"):
            return "COLLABORATOR"
        return "NONE"

    # --- checks ------------------------------------------------------------------------------

    def check_run(self, run):
        api = self.urls.api_repo(run.repo)
        output = {"title": None, "summary": None, "text": None, **run.output}
        output.update(annotations_count=0, annotations_url=f"{api}/check-runs/{run.id}/annotations")
        return {
            "id": run.id, "node_id": node_id("CheckRun", run.id), "head_sha": run.head_sha,
            "external_id": run.external_id or "", "url": f"{api}/check-runs/{run.id}",
            "html_url": f"{self.urls.html_repo(run.repo)}/runs/{run.id}", "details_url": run.details_url,
            "status": run.status, "conclusion": run.conclusion, "name": run.name,
            "started_at": iso(run.started_at), "completed_at": iso(run.completed_at), "output": output,
            "check_suite": {"id": run.id}, "app": self.app(), "pull_requests": self._pulls_at(run),
        }

    def _pulls_at(self, run):
        """Open pull requests whose head is the run's commit, in the short form GitHub uses."""
        repo = self.state.repos[run.repo]
        found = []
        for issue in repo.issues.values():
            if issue.is_pull and issue.state == "open" and self.state.head_sha(issue) == run.head_sha:
                api = self.urls.api_repo(run.repo)
                short_repo = {"id": repo.id, "url": api, "name": repo.name}
                found.append({"url": f"{api}/pulls/{issue.number}", "id": issue.id, "number": issue.number,
                              "head": {"ref": issue.pull.head_ref, "sha": run.head_sha, "repo": short_repo},
                              "base": {"ref": issue.pull.base_ref, "sha": self.state.base_sha(issue), "repo": short_repo}})
        return found

    # --- git data ----------------------------------------------------------------------------

    def ref(self, repo, ref, sha):
        api = self.urls.api_repo(repo.full_name)
        return {"ref": ref, "node_id": node_id("Ref", ref), "url": f"{api}/git/{ref}",
                "object": {"sha": sha, "type": "commit", "url": f"{api}/git/commits/{sha}"}}

    def branch(self, repo, branch_name, sha):
        api = self.urls.api_repo(repo.full_name)
        return {"name": branch_name, "commit": {"sha": sha, "url": f"{api}/commits/{sha}"}, "protected": False,
                "_links": {"self": f"{api}/branches/{quote(branch_name)}",
                           "html": f"{self.urls.html_repo(repo.full_name)}/tree/{quote(branch_name)}"}}

    def commit(self, repo, sha):
        api, info = self.urls.api_repo(repo.full_name), gitcmd.commit_info(repo.path, sha)
        html = f"{self.urls.html_repo(repo.full_name)}/commit/{info.sha}"
        return {
            "sha": info.sha, "node_id": node_id("Commit", info.sha), "url": f"{api}/commits/{info.sha}",
            "html_url": html, "comments_url": f"{api}/commits/{info.sha}/comments",
            "commit": {
                "url": f"{api}/git/commits/{info.sha}", "message": info.message, "comment_count": 0,
                "author": {"name": info.author_name, "email": info.author_email, "date": info.author_date},
                "committer": {"name": info.committer_name, "email": info.committer_email, "date": info.committer_date},
                "tree": {"sha": info.tree, "url": f"{api}/git/trees/{info.tree}"},
            },
            "author": None, "committer": None,
            "parents": [{"sha": p, "url": f"{api}/commits/{p}"} for p in info.parents],
            "files": [_commit_file(*f) for f in gitcmd.changed_files(repo.path, info.sha)],
        }

    def content_file(self, repo, path, ref, data, blob_sha):
        item = self._content_entry(repo, path, ref, "file", blob_sha, len(data))
        item.update(encoding="base64", content=base64.encodebytes(data).decode())
        return item

    def content_entries(self, repo, ref, entries):
        kinds = {"blob": "file", "tree": "dir", "commit": "submodule"}
        return [self._content_entry(repo, e.path, ref, kinds[e.type], e.sha, e.size) for e in entries]

    def _content_entry(self, repo, path, ref, kind, sha, size):
        api, html = self.urls.api_repo(repo.full_name), self.urls.html_repo(repo.full_name)
        url = f"{api}/contents/{quote(path)}?ref={quote(ref, safe='')}"
        html_url = f"{html}/{'blob' if kind == 'file' else 'tree'}/{quote(ref)}/{quote(path)}"
        return {
            "type": kind, "name": path.rsplit("/", 1)[-1], "path": path, "sha": sha, "size": size,
            "url": url, "html_url": html_url, "git_url": f"{api}/git/{'blobs' if kind == 'file' else 'trees'}/{sha}",
            "download_url": f"{html}/raw/{quote(ref)}/{quote(path)}" if kind == "file" else None,
            "_links": {"self": url, "git": f"{api}/git/blobs/{sha}", "html": html_url},
        }


def _permission_flags(permission):
    rank = {"none": 0, "read": 1, "write": 2, "admin": 3}[permission]
    return {"pull": rank >= 1, "triage": rank >= 1, "push": rank >= 2, "maintain": rank >= 3, "admin": rank >= 3}


def _commit_file(status, path, additions, deletions):
    statuses = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "C": "copied", "T": "changed"}
    return {"filename": path, "status": statuses.get(status, "modified"), "additions": additions,
            "deletions": deletions, "changes": additions + deletions}


_APP_PERMISSIONS = {"checks": "write", "contents": "write", "issues": "write", "metadata": "read",
                    "pull_requests": "write"}
_APP_EVENTS = ["installation", "installation_repositories", "issue_comment", "pull_request", "push"]
