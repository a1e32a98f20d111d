"""The stand-in's whole world, in memory: the App, installations, repositories, issues and pull
requests, comments, check runs, tokens, the request log and injected faults.

Git data is never stored here: each repository is a real bare repo on disk and every SHA or file
is read from it (`gitcmd`). All public methods take `self.lock`, so the HTTP threads and a test
can use one `StandinState` at the same time; the API layer also holds the lock for a whole
request so that each request sees and leaves a consistent state.

The records (User, Repo, Issue, Comment, ...) and the errors methods raise (StateError and
its subclasses, with the HTTP status GitHub would answer with) are defined in records.py.
"""
import functools
import itertools
import re
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from . import gitcmd
from .webhooks import HookConfig
from .records import (PERMISSIONS, REACTIONS, TOKEN_LIFETIME, App, CheckRun, Comment, Fault, HeadModified,
                      Installation, Issue, Label, NotFound, NotMergeable, PullInfo, Reaction, Repo, RequestRecord,
                      Token, Unprocessable, User, now)


def _locked(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.lock:
            return method(self, *args, **kwargs)

    return wrapper


def _generate_key_pair(bits):
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return private_pem, public_pem


class StandinState:
    """Everything the stand-in serves. `root` holds the bare repositories (a temp dir if None)."""

    def __init__(self, root=None, app_id=12345, app_slug="py3bridge", app_name="py3bridge",
                 app_owner="py3bridge-dev", key_bits=2048):
        self.lock = threading.RLock()
        self._owns_root = root is None
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="github-standin-"))
        private_pem, public_pem = _generate_key_pair(key_bits)
        self.app = App(app_id, app_slug, app_name, User(app_owner, "Organization"), private_pem, public_pem)
        self._ids = itertools.count(1000)
        self.reset()

    @_locked
    def reset(self):
        """Forget everything but the App (and its key): no installations, repos, tokens, logs, faults.

        Lets one running server serve many tests, each starting from an empty world.
        """
        self.installations: dict[int, Installation] = {}
        self.repos: dict[str, Repo] = {}  # by full name
        self.comments: dict[int, Comment] = {}
        self.check_runs: dict[int, CheckRun] = {}
        self.tokens: dict[str, Token] = {}
        self.requests: list[RequestRecord] = []
        self.faults: list[Fault] = []
        self.manifest_codes: dict[str, dict] = {}  # manifest flow: one-time code -> manifest
        self.manifest_webhook_secret = "standin-manifest-webhook-secret"
        self.webhook = None  # a webhooks.HookConfig: where the pages' actions are delivered
        self.deliveries = []  # webhooks.DeliveryRecord, oldest first (the last MAX_DELIVERIES)
        shutil.rmtree(self.root / "repos", ignore_errors=True)

    def next_id(self):
        """One id sequence for every kind of object: ids never collide across kinds."""
        return next(self._ids)

    def close(self):
        """Remove the repositories' directory if this state created it."""
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    # --- installations and repositories ------------------------------------------------------

    @_locked
    def add_installation(self, installation_id, account_login, account_type="User"):
        """Install the App on an account (idempotent)."""
        if installation_id not in self.installations:
            self.installations[installation_id] = Installation(installation_id, User(account_login, account_type))
        return self.installations[installation_id]

    @_locked
    def make_repo(self, owner, name, files, installation_id=None, default_branch="main", private=False):
        """Create a repository: a real bare repo with one commit of `files` ({path: str|bytes}).

        With `installation_id`, the repository is added to that installation (created for
        `owner` if missing).
        """
        full_name = f"{owner}/{name}"
        if full_name in self.repos:
            raise Unprocessable(f"Repository {full_name} already exists")
        path = self.root / "repos" / owner / f"{name}.git"
        gitcmd.init_bare(path, default_branch, files)
        owner_user = self._account_user(owner)
        repo = Repo(self.next_id(), owner_user, name, path, default_branch, private)
        self.repos[full_name] = repo
        if installation_id is not None:
            self.install_repo(installation_id, owner, name)
        return repo

    def _account_user(self, login):
        for installation in self.installations.values():
            if installation.account.login == login:
                return installation.account
        return User(login)

    @_locked
    def install_repo(self, installation_id, owner, name):
        """Give installation `installation_id` access to an existing repository."""
        repo = self.get_repo(owner, name)
        installation = self.add_installation(installation_id, owner)
        if repo.full_name not in installation.repositories:
            installation.repositories.append(repo.full_name)
        return installation

    @_locked
    def get_repo(self, owner, name):
        repo = self.repos.get(f"{owner}/{name}")
        if repo is None:
            raise NotFound()
        return repo

    @_locked
    def installation_of(self, owner, name):
        """The installation covering a repository, or None."""
        full_name = f"{owner}/{name}"
        return next((i for i in self.installations.values() if full_name in i.repositories), None)

    # --- permissions -------------------------------------------------------------------------

    @_locked
    def set_permission(self, owner, name, login, perm):
        if perm not in PERMISSIONS:
            raise ValueError(f"permission must be one of {PERMISSIONS}")
        self.get_repo(owner, name).permissions[login] = perm

    @_locked
    def permission(self, owner, name, login):
        """The owner is admin; unknown users can read public repositories (GitHub's answer)."""
        repo = self.get_repo(owner, name)
        if login in repo.permissions:
            return repo.permissions[login]
        if login == repo.owner.login:
            return "admin"
        return "none" if repo.private else "read"

    # --- the App's webhook (the pages' actions are delivered to it) ----------------------------

    MAX_DELIVERIES = 200

    @_locked
    def configure_webhook(self, url, secret, root=None, actor=None):
        """Deliver the events of actions taken on the HTML pages to `url`, signed with `secret`.

        `root` is the stand-in's own address for URLs in payloads (default: as the page was
        requested); `actor` the login who merges and comments there (default: the repository's
        owner, who is admin).
        """
        self.webhook = HookConfig(url, secret, root, actor)
        return self.webhook

    @_locked
    def record_delivery(self, record):
        self.deliveries.append(record)
        del self.deliveries[:-self.MAX_DELIVERIES]
        return record

    @_locked
    def deliveries_for(self, owner, name, number=None):
        """Deliveries about one repository (and one issue or PR when `number` is given), newest first."""
        return [d for d in reversed(self.deliveries)
                if d.repo == f"{owner}/{name}" and (number is None or d.number == number)]

    # --- tokens ------------------------------------------------------------------------------

    @_locked
    def mint_token(self, installation_id):
        """An installation access token, valid for an hour."""
        if installation_id not in self.installations:
            raise NotFound()
        return self._remember(Token(_token_value("ghs_"), now() + TOKEN_LIFETIME, installation_id=installation_id))

    @_locked
    def mint_user_token(self, login):
        """A personal token: acts as `login` (type User) on every repository."""
        return self._remember(Token(_token_value("ghp_"), now() + TOKEN_LIFETIME, user=User(login)))

    def _remember(self, token):
        self.tokens[token.value] = token
        return token

    @_locked
    def valid_token(self, value):
        """The unexpired Token with this value, or None."""
        token = self.tokens.get(value)
        return token if token and not token.expired() else None

    @_locked
    def token_covers(self, token, owner, name):
        if token.user is not None:
            return f"{owner}/{name}" in self.repos
        return f"{owner}/{name}" in self.installations[token.installation_id].repositories

    def token_actor(self, token):
        """Who a token acts as: the App's bot user or the token's user."""
        return token.user if token.user is not None else self.app.bot

    # --- git reads ---------------------------------------------------------------------------

    @_locked
    def branch_sha(self, owner, name, branch):
        """The branch's commit SHA from the bare repo, or None."""
        return gitcmd.rev_parse(self.get_repo(owner, name).path, f"refs/heads/{branch}")

    @_locked
    def resolve(self, owner, name, rev):
        """A commit SHA for a branch name, ref or SHA, or None."""
        return gitcmd.rev_parse(self.get_repo(owner, name).path, rev)

    @_locked
    def file_content(self, owner, name, path, ref=None):
        """File bytes at `ref` (default branch if None) via git, or None."""
        repo = self.get_repo(owner, name)
        return gitcmd.read_blob(repo.path, ref or repo.default_branch, path)

    @_locked
    def commit_files(self, owner, name, branch, files, message="Update files", start_point=None, author=None):
        """Commit {path: content or None (delete)} on `branch` as a push would; return the new SHA.

        A new branch starts from `start_point` (default: the default branch). `author` is
        (name, email); default "GitHub <noreply@github.com>".
        """
        repo = self.get_repo(owner, name)
        start = start_point or repo.default_branch
        if gitcmd.rev_parse(repo.path, f"refs/heads/{start}"):
            start = f"origin/{start}"  # a branch name, as seen from the temporary clone
        return gitcmd.commit_files(repo.path, branch, files, message, start, author)

    @_locked
    def branches(self, owner, name):
        return gitcmd.branches(self.get_repo(owner, name).path)

    # --- issues and pull requests ------------------------------------------------------------

    @_locked
    def create_issue(self, owner, name, title, body=None, user_login=None, labels=(), user=None):
        """Open an issue as `user` (or `user_login`, default the repository owner)."""
        repo = self.get_repo(owner, name)
        author = user or (User(user_login) if user_login else repo.owner)
        issue = Issue(self.next_id(), repo.full_name, self._next_number(repo), title, body, author)
        repo.issues[issue.number] = issue
        self.add_labels(owner, name, issue.number, labels)
        return issue

    @_locked
    def create_pull(self, owner, name, head, base, title, body=None, user_login=None, draft=False,
                    maintainer_can_modify=False, user=None):
        """Open a pull request with GitHub's validations: branches exist, commits differ, no duplicate."""
        repo = self.get_repo(owner, name)
        head = head.split(":", 1)[-1]
        self._check_new_pull(repo, head, base)
        author = user or (User(user_login) if user_login else repo.owner)
        issue = Issue(self.next_id(), repo.full_name, self._next_number(repo), title, body, author,
                      pull=PullInfo(head, base, draft, maintainer_can_modify))
        issue.pull.last_head_sha = self.branch_sha(owner, name, head)
        repo.issues[issue.number] = issue
        return issue

    def _check_new_pull(self, repo, head, base):
        for field_name, branch in (("base", base), ("head", head)):
            if gitcmd.rev_parse(repo.path, f"refs/heads/{branch}") is None:
                raise Unprocessable("Validation Failed", [{"resource": "PullRequest", "field": field_name, "code": "invalid"}])
        for other in repo.issues.values():
            if other.is_pull and other.state == "open" and (other.pull.head_ref, other.pull.base_ref) == (head, base):
                raise Unprocessable("Validation Failed", [{
                    "resource": "PullRequest", "code": "custom",
                    "message": f"A pull request already exists for {repo.owner.login}:{head}."}])
        if gitcmd.count_commits(repo.path, f"refs/heads/{base}", f"refs/heads/{head}") == 0:
            raise Unprocessable("Validation Failed", [{
                "resource": "PullRequest", "code": "custom", "message": f"No commits between {base} and {head}"}])

    def _next_number(self, repo):
        return max(repo.issues, default=0) + 1

    @_locked
    def issue(self, owner, name, number):
        """Issue or pull request `number` (NotFound if missing)."""
        issue = self.get_repo(owner, name).issues.get(int(number))
        if issue is None:
            raise NotFound()
        return issue

    @_locked
    def pull(self, owner, name, number):
        issue = self.issue(owner, name, number)
        if not issue.is_pull:
            raise NotFound()
        return issue

    @_locked
    def issues(self, owner, name, state="all", include_pulls=False):
        """Issues (and pull requests if asked), newest first."""
        found = [i for i in self.get_repo(owner, name).issues.values()
                 if (include_pulls or not i.is_pull) and state in ("all", i.state)]
        return sorted(found, key=lambda i: -i.number)

    @_locked
    def pulls(self, owner, name, state="all"):
        """Pull requests, newest first."""
        return [i for i in self.issues(owner, name, state, include_pulls=True) if i.is_pull]

    @_locked
    def issue_by_title(self, owner, name, title):
        """The newest issue or pull request with exactly this title, or None."""
        return next((i for i in self.issues(owner, name, include_pulls=True) if i.title == title), None)

    @_locked
    def head_sha(self, issue):
        """A pull request's head SHA: live from the branch while open, as it was when closed."""
        owner, name = issue.repo.split("/")
        if issue.state == "closed" and issue.pull.last_head_sha:
            return issue.pull.last_head_sha
        sha = self.branch_sha(owner, name, issue.pull.head_ref)
        if sha:
            issue.pull.last_head_sha = sha
        return sha or issue.pull.last_head_sha

    @_locked
    def base_sha(self, issue):
        """A pull request's base SHA: live while open, as it was when closed (before a merge)."""
        owner, name = issue.repo.split("/")
        if issue.state == "closed" and issue.pull.last_base_sha:
            return issue.pull.last_base_sha
        return self.branch_sha(owner, name, issue.pull.base_ref)

    def _freeze_shas(self, issue):
        """Remember head and base as they are now; a closed PR keeps showing them."""
        issue.pull.last_head_sha = self.head_sha(issue)
        issue.pull.last_base_sha = self.base_sha(issue)

    @_locked
    def pull_diff(self, owner, name, number):
        """`git diff base...head` of a pull request."""
        pull = self.pull(owner, name, number)
        repo = self.get_repo(owner, name)
        return gitcmd.diff(repo.path, self.base_sha(pull), self.head_sha(pull))

    @_locked
    def mergeable(self, issue):
        """None when closed or unknown, else whether head merges cleanly into base."""
        if issue.state != "open":
            return None
        repo = self.repos[issue.repo]
        return gitcmd.merges_cleanly(repo.path, self.base_sha(issue), self.head_sha(issue))

    @_locked
    def edit_issue(self, issue, title=None, body=None, state=None, labels=None, state_reason=None, base=None):
        """Apply the fields given (None leaves a field alone), as PATCH issues/pulls does."""
        if title is not None:
            issue.title = title
        if body is not None:
            issue.body = body
        if labels is not None:
            owner, name = issue.repo.split("/")
            self.set_labels(owner, name, issue.number, labels)
        if base is not None and issue.is_pull:
            issue.pull.base_ref = base
        if state is not None:
            self._set_state(issue, state, state_reason)
        issue.updated_at = now()
        return issue

    def _set_state(self, issue, state, reason=None):
        if state not in ("open", "closed"):
            raise Unprocessable("Validation Failed", [{"resource": "Issue", "field": "state", "code": "invalid"}])
        if state == "open" and issue.is_pull and issue.pull.merged:
            raise Unprocessable("Validation Failed", [{
                "resource": "PullRequest", "code": "custom", "message": "Cannot reopen a merged pull request"}])
        if state == issue.state:
            return
        if issue.is_pull and state == "closed" and not issue.pull.merged:
            self._freeze_shas(issue)  # merge_pull freezes before merging
        issue.state = state
        issue.closed_at = now() if state == "closed" else None
        issue.state_reason = (reason or "completed") if state == "closed" else ("reopened" if reason is None else reason)

    @_locked
    def close_pull(self, owner, name, number):
        """Close a pull request without merging."""
        return self.edit_issue(self.pull(owner, name, number), state="closed")

    @_locked
    def merge_pull(self, owner, name, number, method="merge", commit_title=None, commit_message=None,
                   expected_head_sha=None, merged_by=None):
        """Really merge the PR head into its base in the bare repo; mark it merged and closed.

        Returns the new base SHA (the merge commit, or the squashed/rebased tip).
        """
        pull = self.pull(owner, name, number)
        if pull.state != "open":
            raise NotMergeable("Pull Request is not mergeable")
        head_sha = self.head_sha(pull)
        if expected_head_sha and expected_head_sha != head_sha:
            raise HeadModified("Head branch was modified. Review and try the merge again.")
        if method not in ("merge", "squash", "rebase"):
            raise Unprocessable("Validation Failed", [{"resource": "PullRequest", "field": "merge_method", "code": "invalid"}])
        title = commit_title or _default_merge_title(pull, owner, method)
        self._freeze_shas(pull)
        try:
            sha = gitcmd.merge_branches(self.get_repo(owner, name).path, pull.pull.base_ref,
                                        pull.pull.head_ref, method, title, commit_message or "")
        except gitcmd.MergeConflict:
            raise NotMergeable("Pull Request is not mergeable") from None
        pull.pull.merged, pull.pull.merged_at, pull.pull.merge_commit_sha = True, now(), sha
        pull.pull.merged_by = merged_by or self.get_repo(owner, name).owner
        self._set_state(pull, "closed")
        pull.updated_at = now()
        return sha

    # --- labels ------------------------------------------------------------------------------

    @_locked
    def create_label(self, owner, name, label_name, color="ededed", description=None):
        repo = self.get_repo(owner, name)
        if label_name.lower() in (n.lower() for n in repo.labels):
            raise Unprocessable("Validation Failed", [{"resource": "Label", "code": "already_exists", "field": "name"}])
        repo.labels[label_name] = Label(self.next_id(), label_name, color, description)
        return repo.labels[label_name]

    def _ensure_label(self, repo, label_name):
        """GitHub creates unknown labels when they are added to an issue."""
        if label_name not in repo.labels:
            repo.labels[label_name] = Label(self.next_id(), label_name)
        return repo.labels[label_name]

    @_locked
    def add_labels(self, owner, name, number, label_names):
        issue, repo = self.issue(owner, name, number), self.get_repo(owner, name)
        for label_name in label_names:
            self._ensure_label(repo, label_name)
            if label_name not in issue.labels:
                issue.labels.append(label_name)
        return issue.labels

    @_locked
    def set_labels(self, owner, name, number, label_names):
        self.issue(owner, name, number).labels = []
        return self.add_labels(owner, name, number, label_names)

    @_locked
    def remove_label(self, owner, name, number, label_name):
        issue = self.issue(owner, name, number)
        if label_name not in issue.labels:
            raise NotFound("Label does not exist")
        issue.labels.remove(label_name)
        return issue.labels

    # --- comments and reactions --------------------------------------------------------------

    @_locked
    def add_comment(self, owner, name, number, body, user_login=None, user_type="User", user=None):
        """Comment on an issue or pull request as `user` (or login + type, e.g. "Bot")."""
        issue = self.issue(owner, name, number)
        author = user or User(user_login or self.get_repo(owner, name).owner.login, user_type)
        comment = Comment(self.next_id(), issue.repo, issue.number, body, author)
        self.comments[comment.id] = comment
        issue.updated_at = now()
        return comment

    @_locked
    def comment(self, comment_id, owner=None, name=None):
        """Comment by id (NotFound if missing or, when given, in another repository)."""
        comment = self.comments.get(int(comment_id))
        if comment is None or (owner and comment.repo != f"{owner}/{name}"):
            raise NotFound()
        return comment

    @_locked
    def comments_of(self, owner, name, number):
        """Comments of an issue or pull request, oldest first."""
        full_name = self.issue(owner, name, number).repo
        return [c for c in self.comments.values() if c.repo == full_name and c.issue_number == int(number)]

    @_locked
    def edit_comment(self, comment_id, body):
        comment = self.comment(comment_id)
        comment.body, comment.updated_at = body, now()
        return comment

    @_locked
    def delete_comment(self, comment_id):
        """Remove a comment and return it (for a `deleted` webhook payload)."""
        comment = self.comment(comment_id)
        del self.comments[comment.id]
        return comment

    @_locked
    def add_reaction(self, comment_id, content, user):
        """React to a comment; returns (reaction, created) like GitHub's 201 vs 200."""
        if content not in REACTIONS:
            raise Unprocessable("Validation Failed", [{"resource": "Reaction", "field": "content", "code": "invalid"}])
        comment = self.comment(comment_id)
        for reaction in comment.reactions:
            if (reaction.content, reaction.user) == (content, user):
                return reaction, False
        reaction = Reaction(self.next_id(), content, user)
        comment.reactions.append(reaction)
        return reaction, True

    @_locked
    def delete_reaction(self, comment_id, reaction_id):
        comment = self.comment(comment_id)
        comment.reactions = [r for r in comment.reactions if r.id != int(reaction_id)]

    # --- check runs --------------------------------------------------------------------------

    @_locked
    def create_check_run(self, owner, name, check_name, head_sha, **fields):
        repo = self.get_repo(owner, name)
        if gitcmd.rev_parse(repo.path, head_sha) is None:
            raise Unprocessable("No commit found for SHA: " + head_sha)
        run = CheckRun(self.next_id(), repo.full_name, check_name, head_sha)
        self.check_runs[run.id] = run
        return self.update_check_run(run.id, **fields)

    @_locked
    def update_check_run(self, run_id, name=None, status=None, conclusion=None, output=None,
                         details_url=None, external_id=None, started_at=None, completed_at=None):
        """Apply the fields given; a conclusion completes the run, as on GitHub."""
        run = self.check_run(run_id)
        for attr, value in (("name", name), ("details_url", details_url), ("external_id", external_id),
                            ("started_at", started_at), ("completed_at", completed_at)):
            if value is not None:
                setattr(run, attr, value)
        if output is not None:
            run.output = {**run.output, **output}
        if status is not None:
            run.status = status
        if conclusion is not None:
            run.status, run.conclusion = "completed", conclusion
        if run.status != "queued" and run.started_at is None:
            run.started_at = now()
        if run.status == "completed" and run.completed_at is None:
            run.completed_at = now()
        return run

    @_locked
    def check_run(self, run_id, owner=None, name=None):
        run = self.check_runs.get(int(run_id))
        if run is None or (owner and run.repo != f"{owner}/{name}"):
            raise NotFound()
        return run

    @_locked
    def check_runs_for(self, owner, name, head_sha=None, check_name=None):
        """Check runs of a repository (optionally of one commit / one name), newest first."""
        full_name = self.get_repo(owner, name).full_name
        runs = [r for r in self.check_runs.values() if r.repo == full_name
                and head_sha in (None, r.head_sha) and check_name in (None, r.name)]
        return sorted(runs, key=lambda r: -r.id)

    # --- request log and fault injection -----------------------------------------------------

    @_locked
    def record_request(self, method, path, query, status):
        self.requests.append(RequestRecord(method, path, query, status))

    @_locked
    def requests_matching(self, method="*", path_regex=""):
        """Logged requests with this method ("*" for any) whose path matches `path_regex`."""
        pattern = re.compile(path_regex)
        return [r for r in self.requests if method in ("*", r.method) and pattern.search(r.path)]

    @_locked
    def inject_fault(self, method, path_regex, status, message, headers=None, times=1):
        """Answer the next `times` requests matching method + path regex with a canned error.

        The regex is searched in the full request path, e.g. r"/api/v3/repos/octo/legacy/pulls$".
        """
        body = {"message": message, "documentation_url": "https://docs.github.com/rest"}
        fault = Fault(method.upper(), re.compile(path_regex), status, body, dict(headers or {}), times)
        self.faults.append(fault)
        return fault

    def inject_server_error(self, method, path_regex, status=502, times=1):
        return self.inject_fault(method, path_regex, status, "Server Error", times=times)

    def inject_secondary_rate_limit(self, method, path_regex, retry_after=1, times=1):
        message = ("You have exceeded a secondary rate limit. "
                   "Please wait a few minutes before you try again.")
        return self.inject_fault(method, path_regex, 403, message, {"Retry-After": str(retry_after)}, times)

    def inject_rate_limit(self, method, path_regex, reset_in=1, times=1):
        headers = {"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0", "X-RateLimit-Used": "5000",
                   "X-RateLimit-Reset": lambda: int(time.time()) + reset_in, "X-RateLimit-Resource": "core"}
        return self.inject_fault(method, path_regex, 403, "API rate limit exceeded for installation.",
                                 headers, times)

    @_locked
    def take_fault(self, method, path):
        """The first pending fault matching this request (consuming one use), or None."""
        for fault in self.faults:
            if fault.matches(method, path):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                return fault
        return None


def _token_value(prefix):
    return prefix + secrets.token_urlsafe(27).replace("-", "a").replace("_", "b")[:36]


def _default_merge_title(pull, owner, method):
    if method == "merge":
        return f"Merge pull request #{pull.number} from {owner}/{pull.pull.head_ref}"
    return f"{pull.title} (#{pull.number})"
