"""The records the stand-in's state is made of (plain dataclasses), and the errors its
operations raise. The operations themselves are in state.py.

Errors carry the HTTP status GitHub would answer with; the API layer turns them into
{"message": ..., "errors": [...]} responses.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

PERMISSIONS = ("admin", "write", "read", "none")
REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")
TOKEN_LIFETIME = timedelta(hours=1)


def now():
    return datetime.now(timezone.utc).replace(microsecond=0)


def iso(moment):
    """GitHub's timestamp format, or None."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


# --- errors ----------------------------------------------------------------------------------


class StateError(Exception):
    """A request GitHub would refuse; `status` is the HTTP status it would answer with."""

    status = 422

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class NotFound(StateError):
    status = 404

    def __init__(self, message="Not Found", errors=None):
        super().__init__(message, errors)


class Unprocessable(StateError):
    status = 422


class NotMergeable(StateError):
    status = 405


class HeadModified(StateError):
    status = 409


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class User:
    login: str
    type: str = "User"  # "User" | "Bot" | "Organization"


@dataclass
class App:
    id: int
    slug: str
    name: str
    owner: User
    private_key_pem: str
    public_key_pem: str

    @property
    def bot(self):
        """The identity the App acts as with an installation token."""
        return User(f"{self.slug}[bot]", "Bot")


@dataclass
class Installation:
    id: int
    account: User
    repositories: list[str] = field(default_factory=list)  # full names "owner/name"
    created_at: datetime = field(default_factory=now)


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str | None = None


@dataclass
class PullInfo:
    """What makes an issue a pull request."""

    head_ref: str
    base_ref: str
    draft: bool = False
    maintainer_can_modify: bool = False
    merged: bool = False
    merged_at: datetime | None = None
    merged_by: User | None = None
    merge_commit_sha: str | None = None
    last_head_sha: str | None = None  # the head when closed, or last seen (the branch may go away)
    last_base_sha: str | None = None  # the base when closed (for a merge: before merging)


@dataclass
class Issue:
    """An issue, or a pull request when `pull` is set: they share one number space per repo."""

    id: int
    repo: str  # full name
    number: int
    title: str
    body: str | None
    user: User
    state: str = "open"
    state_reason: str | None = None
    labels: list[str] = field(default_factory=list)
    pull: PullInfo | None = None
    created_at: datetime = field(default_factory=now)
    updated_at: datetime = field(default_factory=now)
    closed_at: datetime | None = None

    @property
    def is_pull(self):
        return self.pull is not None


@dataclass
class Repo:
    id: int
    owner: User
    name: str
    path: Path  # the bare git repository
    default_branch: str = "main"
    private: bool = False
    labels: dict[str, Label] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)
    issues: dict[int, Issue] = field(default_factory=dict)
    created_at: datetime = field(default_factory=now)

    @property
    def full_name(self):
        return f"{self.owner.login}/{self.name}"


@dataclass
class Reaction:
    id: int
    content: str
    user: User
    created_at: datetime = field(default_factory=now)


@dataclass
class Comment:
    id: int
    repo: str
    issue_number: int
    body: str
    user: User
    reactions: list[Reaction] = field(default_factory=list)
    created_at: datetime = field(default_factory=now)
    updated_at: datetime = field(default_factory=now)


@dataclass
class CheckRun:
    id: int
    repo: str
    name: str
    head_sha: str
    status: str = "queued"
    conclusion: str | None = None
    output: dict = field(default_factory=dict)  # title, summary, text
    details_url: str | None = None
    external_id: str | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None


@dataclass
class Token:
    value: str
    expires_at: datetime
    installation_id: int | None = None  # an installation token ...
    user: User | None = None  # ... or a user's personal token

    def expired(self):
        return now() >= self.expires_at


@dataclass
class RequestRecord:
    method: str
    path: str
    query: str
    status: int


@dataclass
class Fault:
    """A canned response returned instead of the real one for the next `remaining` matches."""

    method: str  # "*" matches any method
    path_pattern: re.Pattern
    status: int
    body: dict
    headers: dict
    remaining: int = 1

    def matches(self, method, path):
        return self.method in ("*", method.upper()) and bool(self.path_pattern.search(path))

    def response_headers(self):
        """Header values may be callables, evaluated when served (e.g. a reset time of now + 1 s)."""
        return {k: str(v() if callable(v) else v) for k, v in self.headers.items()}
