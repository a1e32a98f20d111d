"""Thin wrappers around the `git` command line, used on the stand-in's bare repositories.

Everything the stand-in knows about commits, branches and files comes from here: SHAs are
real (`git rev-parse`), files are read with `git cat-file`, merges are done by real git in a
temporary clone. Git runs isolated from the user's and the system's configuration.
"""
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

IDENTITY = {"name": "GitHub", "email": "noreply@github.com"}


class GitError(Exception):
    """A git command failed; the message carries its stderr."""


class MergeConflict(GitError):
    """The head branch does not merge cleanly into the base branch."""


@dataclass
class TreeEntry:
    mode: str
    type: str  # "blob" | "tree" | "commit" (submodule)
    sha: str
    size: int
    path: str


@dataclass
class CommitInfo:
    sha: str
    tree: str
    parents: list[str]
    author_name: str
    author_email: str
    author_date: str
    committer_name: str
    committer_email: str
    committer_date: str
    message: str


def git_env(name=IDENTITY["name"], email=IDENTITY["email"]):
    """Environment for a git subprocess: no global/system config, a fixed identity, no prompts."""
    env = dict(os.environ)
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_TERMINAL_PROMPT="0",
        GIT_AUTHOR_NAME=name,
        GIT_AUTHOR_EMAIL=email,
        GIT_COMMITTER_NAME=name,
        GIT_COMMITTER_EMAIL=email,
    )
    return env


def run_git(*args, cwd=None, input=None, check=True):
    """Run git and return stdout as bytes; raise GitError on failure when `check`."""
    proc = subprocess.run(
        ["git", *map(str, args)], cwd=cwd, input=input, capture_output=True, env=git_env()
    )
    if check and proc.returncode != 0:
        raise GitError(f"git {' '.join(map(str, args))}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def _git_ok(*args, cwd=None):
    """True when the git command exits 0."""
    proc = subprocess.run(["git", *map(str, args)], cwd=cwd, capture_output=True, env=git_env())
    return proc.returncode == 0


# --- creating repositories -------------------------------------------------------------------


def init_bare(path: Path, default_branch: str, files: dict):
    """Create a bare repository with one commit on `default_branch` holding `files`.

    The commit is written by `git fast-import` (one process, no work tree). The repository
    accepts pushes over HTTP (`http.receivepack`), as Prow's fakegitserver does.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    run_git("init", "-q", "--bare", f"--initial-branch={default_branch}", path)
    with open(path / "config", "a") as config:
        config.write("[http]\n\treceivepack = true\n[uploadpack]\n\tallowAnySHA1InWant = true\n")
    run_git("fast-import", "--quiet", cwd=path, input=_initial_commit_stream(default_branch, files))


def _initial_commit_stream(branch, files):
    """A fast-import stream: one commit on `branch` with every file inline."""
    message = b"Initial commit\n"
    stream = [f"commit refs/heads/{branch}\n".encode(),
              f"committer {IDENTITY['name']} <{IDENTITY['email']}> {int(time.time())} +0000\n".encode(),
              b"data %d\n" % len(message), message]
    for rel, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        stream += [f"M 100644 inline {rel}\n".encode(), b"data %d\n" % len(data), data, b"\n"]
    return b"".join(stream)


def write_files(root: Path, files: dict):
    """Write {relative path: str | bytes} under root, creating directories."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        target.write_bytes(content)


# --- reading ---------------------------------------------------------------------------------


def rev_parse(bare: Path, rev: str):
    """The commit SHA `rev` names (branch, ref or SHA), or None."""
    out = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=bare, capture_output=True, env=git_env(),
    )
    return out.stdout.decode().strip() if out.returncode == 0 else None


def branches(bare: Path):
    """{branch name: sha} for every branch."""
    out = run_git("for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", cwd=bare)
    return dict(line.split(" ", 1) for line in out.decode().splitlines())


def object_type(bare: Path, rev: str, path: str):
    """'blob', 'tree' or None for `path` at `rev` ('' is the root tree)."""
    proc = subprocess.run(
        ["git", "cat-file", "-t", f"{rev}:{path}"], cwd=bare, capture_output=True, env=git_env()
    )
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def read_blob(bare: Path, rev: str, path: str):
    """File content at `rev`, or None when there is no such file."""
    if object_type(bare, rev, path) != "blob":
        return None
    return run_git("cat-file", "blob", f"{rev}:{path}", cwd=bare)


def blob_sha(bare: Path, rev: str, path: str):
    return run_git("rev-parse", f"{rev}:{path}", cwd=bare).decode().strip()


def list_tree(bare: Path, rev: str, path: str):
    """Entries of directory `path` at `rev` ('' for the root)."""
    spec = f"{rev}:{path}" if path else f"{rev}^{{tree}}"
    out = run_git("ls-tree", "-l", "-z", spec, cwd=bare).decode()
    entries = []
    for record in filter(None, out.split("\0")):
        meta, name = record.split("\t", 1)
        mode, kind, sha, size = meta.split()
        full = f"{path.rstrip('/')}/{name}" if path else name
        entries.append(TreeEntry(mode, kind, sha, 0 if size == "-" else int(size), full))
    return entries


def commit_info(bare: Path, rev: str):
    """Metadata of one commit."""
    fmt = "%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B"
    fields = run_git("show", "-s", f"--format={fmt}", rev, cwd=bare).decode().split("\0")
    sha, tree, parents, an, ae, ad, cn, ce, cd, message = fields
    return CommitInfo(sha, tree, parents.split(), an, ae, ad, cn, ce, cd, message.rstrip("\n"))


def changed_files(bare: Path, rev: str):
    """[(status letter, path, additions, deletions)] of a commit against its first parent."""
    names = run_git("diff-tree", "-r", "--root", "--no-commit-id", "--name-status", rev, cwd=bare).decode()
    stats = run_git("diff-tree", "-r", "--root", "--no-commit-id", "--numstat", rev, cwd=bare).decode()
    counts = {}
    for line in stats.splitlines():
        added, deleted, path = line.split("\t", 2)
        counts[path] = (int(added) if added != "-" else 0, int(deleted) if deleted != "-" else 0)
    result = []
    for line in names.splitlines():
        status, path = line.split("\t", 1)
        result.append((status[0], path, *counts.get(path, (0, 0))))
    return result


def is_ancestor(bare: Path, ancestor: str, descendant: str):
    return _git_ok("merge-base", "--is-ancestor", ancestor, descendant, cwd=bare)


def count_commits(bare: Path, base: str, head: str):
    """Commits on `head` that are not on `base`."""
    return int(run_git("rev-list", "--count", f"{base}..{head}", cwd=bare).decode())


def merges_cleanly(bare: Path, base: str, head: str):
    """True/False from `git merge-tree --write-tree`, None when git cannot tell."""
    proc = subprocess.run(
        ["git", "merge-tree", "--write-tree", base, head], cwd=bare, capture_output=True, env=git_env()
    )
    return {0: True, 1: False}.get(proc.returncode)


def diff(bare: Path, base: str, head: str):
    """`git diff base...head`: what the head branch changes since it forked."""
    return run_git("diff", f"{base}...{head}", cwd=bare).decode(errors="replace")


# --- writing ---------------------------------------------------------------------------------


def update_ref(bare: Path, ref: str, sha: str):
    run_git("update-ref", ref, sha, cwd=bare)


def delete_ref(bare: Path, ref: str):
    run_git("update-ref", "-d", ref, cwd=bare)


def merge_branches(bare: Path, base: str, head: str, method: str, title: str, message: str):
    """Merge branch `head` into branch `base` in a temporary clone and push; return the new base SHA.

    method: "merge" (always a merge commit, like GitHub), "squash" or "rebase".
    """
    with tempfile.TemporaryDirectory(prefix="standin-merge-") as work:
        run_git("clone", "-q", bare, work)
        if method == "rebase":
            _rebase(work, base, head)
        else:
            run_git("checkout", "-q", "-B", base, f"origin/{base}", cwd=work)
            _merge_or_squash(work, head, method, title, message)
        run_git("push", "-q", "origin", f"HEAD:refs/heads/{base}", cwd=work)
        return run_git("rev-parse", "HEAD", cwd=work).decode().strip()


def commit_files(bare: Path, branch: str, files: dict, message: str, start_point: str, author=None):
    """Commit `files` ({path: str|bytes, or None to delete}) on `branch` and push; return the SHA.

    A missing branch starts at `start_point`. `author` is (name, email) or None for IDENTITY.
    """
    with tempfile.TemporaryDirectory(prefix="standin-commit-") as work:
        run_git("clone", "-q", "--no-checkout", bare, work)
        exists = _git_ok("rev-parse", "--verify", "--quiet", f"origin/{branch}", cwd=work)
        run_git("checkout", "-q", "-B", branch, f"origin/{branch}" if exists else start_point, cwd=work)
        write_files(Path(work), {p: c for p, c in files.items() if c is not None})
        for path in (p for p, c in files.items() if c is None):
            run_git("rm", "-q", "--ignore-unmatch", path, cwd=work)
        run_git("add", "-A", cwd=work)
        author_flag = [f"--author={author[0]} <{author[1]}>"] if author else []
        run_git("commit", "-q", "--allow-empty", "-m", message, *author_flag, cwd=work)
        run_git("push", "-q", "origin", f"HEAD:refs/heads/{branch}", cwd=work)
        return run_git("rev-parse", "HEAD", cwd=work).decode().strip()


def _merge_or_squash(work: str, head: str, method: str, title: str, message: str):
    full_message = f"{title}\n\n{message}".strip() + "\n"
    flag = "--squash" if method == "squash" else "--no-ff"
    if not _git_ok("merge", "-q", flag, "--no-edit", "-m", full_message, f"origin/{head}", cwd=work):
        raise MergeConflict(f"{head} does not merge cleanly")
    if method == "squash":
        run_git("commit", "-q", "-m", full_message, cwd=work)


def _rebase(work: str, base: str, head: str):
    run_git("checkout", "-q", "-B", "standin-rebase", f"origin/{head}", cwd=work)
    if not _git_ok("rebase", "-q", f"origin/{base}", cwd=work):
        raise MergeConflict(f"{head} does not rebase cleanly onto {base}")
