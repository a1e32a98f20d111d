"""Clone, branch, commit and push with real git, treating the checkout's contents as hostile.

- git runs with a scrubbed environment (PATH, a private HOME, LC_ALL=C, proxy and CA settings:
  none of the worker's secrets), system and global config ignored, hooks and fsmonitor disabled,
  and only the http(s) transports allowed.
- The installation token reaches git only through a credential helper that reads it from a pipe
  inherited by the git process: it is never on a command line, in an environment, in .git/config,
  in a remote URL or in a file. The token comes from a provider called for each authenticated
  command, so a push after a multi-hour test run asks for a token that is still fresh.
- Before every command in the checkout, `.git` must be a plain directory whose config holds only
  the keys `git clone` writes (ALLOWED_CONFIG) with origin still the URL we cloned: a
  `core.sshCommand`, `filter.*`, `include.path`, `core.worktree`... makes every command refuse.
- Commits stage exactly the paths given (refusing paths outside the checkout, under `.git` or
  through symlinks); pushes carry a lease on the sha the branch is expected to have, so commits
  pushed by someone else meanwhile are never overwritten (BranchMoved).
"""
import errno
import os
import re
import shutil
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

# Every authenticated command asks the provider for a token valid at least this much longer.
TOKEN_MIN_VALID = timedelta(minutes=30)

# Options on every git command line (after `git`, before the subcommand).
SAFE_OPTIONS = [
    "-c", "core.hooksPath=/dev/null",  # no hook of the repository (or anyone) ever runs
    "-c", "core.fsmonitor=false",
    "-c", "core.askPass=",
    "-c", "credential.helper=",  # resets the list: only the helper we add (if any) is asked
    "-c", "protocol.allow=never",  # no file://, ext::, ssh: transports...
    "-c", "protocol.https.allow=always",
    "-c", "protocol.http.allow=always",  # GitHub Enterprise / the local stand-in over plain http
    "-c", "submodule.recurse=false",
    "-c", "commit.gpgSign=false",
    "--literal-pathspecs",  # a path is a path, never `:(glob)` magic
]

# Keys `git clone` writes; anything else in .git/config makes the checkout refuse to run git.
ALLOWED_CONFIG = re.compile(
    r"(core\.(repositoryformatversion|filemode|bare|logallrefupdates|ignorecase|precomposeunicode|symlinks)"
    r"|remote\.origin\.(url|fetch)"
    r"|branch\..+\.(remote|merge))", re.DOTALL)

# Environment variables git may need that hold nothing of the worker's (proxies, CA bundles).
PASSED_ENVIRONMENT = ("TMPDIR", "http_proxy", "https_proxy", "no_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                      "NO_PROXY", "ALL_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH")

# The credential helper: the command line holds only the pipe's fd number. The token is written
# once per line, CREDENTIAL_READS times, so each `get` (a clone may ask more than once) reads one
# line (`read` takes a pipe byte by byte). /dev/fd/N, not <&N: dash only redirects fds 0-9.
CREDENTIAL_READS = 8
HELPER = ("!f() { while IFS= read -r _; do :; done; test \"$1\" = get || return 0; "
          "IFS= read -r p </dev/fd/%d || return 1; echo username=x-access-token; echo \"password=$p\"; }; f")

_HOME = None


class GitError(Exception):
    pass


class BranchMoved(GitError):
    """The remote branch is not where we expected it: someone pushed to it; nothing was overwritten."""


def git_environment():
    """The whole environment of every git process: nothing inherited but PATH, proxies and CAs."""
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": _private_home(), "LC_ALL": "C", "LANG": "C",
           "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_SYSTEM": "/dev/null",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_ATTR_NOSYSTEM": "1", "GIT_NO_REPLACE_OBJECTS": "1"}
    env.update({name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ})
    return env


def _private_home():
    """An empty directory only this user can read, as git's HOME (no ~/.gitconfig, no credentials)."""
    global _HOME
    if _HOME is None or not os.path.isdir(_HOME):
        _HOME = tempfile.mkdtemp(prefix="py3bridge-git-home-")
    return _HOME


def _token_provider(token):
    """A callable(min_valid) -> token, from a callable or (tests, scripts) a fixed string."""
    if callable(token):
        return token
    return lambda min_valid=None: token


class Checkout:
    def __init__(self, path, token, remote_url=None):
        """`token`: a callable(min_valid: timedelta) returning an installation token valid at least
        that long (or a fixed string)."""
        self.path = Path(path)
        self._token = _token_provider(token)
        self.remote_url = remote_url

    # -- running git -----------------------------------------------------------------------------

    def command(self, args, helper_fd=None):
        """The argv of one git command (the token is never part of it)."""
        auth = []
        if helper_fd is not None:
            auth = ["-c", "credential.helper=" + HELPER % helper_fd]
        return ["git"] + SAFE_OPTIONS + auth + list(args)

    def run(self, *args, authenticated=False, verify=True):
        """Run git in the checkout; the CompletedProcess (text). `verify` checks .git first."""
        if verify:
            self.verify_repository()
        if not authenticated:
            return subprocess.run(self.command(args), cwd=str(self.path), capture_output=True, text=True,
                                  env=git_environment(), stdin=subprocess.DEVNULL)
        token = self._token(TOKEN_MIN_VALID)
        if not token or any(c in token for c in "\r\n\0") or len(token) > 1024:
            raise GitError("the installation token is not usable")
        read_fd, write_fd = os.pipe()
        try:
            payload = ((token + "\n") * CREDENTIAL_READS).encode()
            with os.fdopen(write_fd, "wb") as pipe:  # well under the pipe's buffer: never blocks
                pipe.write(payload)
            return subprocess.run(self.command(args, helper_fd=read_fd), cwd=str(self.path), capture_output=True,
                                  text=True, env=git_environment(), stdin=subprocess.DEVNULL, pass_fds=(read_fd,))
        finally:
            os.close(read_fd)

    def git(self, *args, authenticated=False, check=True, verify=True):
        proc = self.run(*args, authenticated=authenticated, verify=verify)
        if check and proc.returncode != 0:
            raise GitError("git %s failed: %s" % (args[0], proc.stderr.strip()[-500:]))
        return proc.stdout.strip()

    def verify_repository(self):
        """Refuse a checkout whose .git could make git run something or talk to another remote."""
        dot_git = self.path / ".git"
        if dot_git.is_symlink() or not dot_git.is_dir():
            raise GitError("%s: .git is not a plain directory; refusing to run git there" % self.path)
        for name in ("commondir", "config.worktree"):
            if os.path.lexists(dot_git / name):
                raise GitError("%s: .git/%s exists; refusing to run git there" % (self.path, name))
        config = dot_git / "config"
        if config.is_symlink() or not config.is_file():
            raise GitError("%s: .git/config is not a plain file; refusing to run git there" % self.path)
        proc = subprocess.run(["git", "config", "--file", str(config), "--null", "--list"], capture_output=True,
                              env=git_environment(), stdin=subprocess.DEVNULL, cwd=str(self.path))
        if proc.returncode != 0:
            raise GitError("%s: .git/config cannot be read; refusing to run git there" % self.path)
        for entry in proc.stdout.split(b"\0"):
            if not entry:
                continue
            key, _, value = entry.decode("utf-8", "replace").partition("\n")
            if not ALLOWED_CONFIG.fullmatch(key):
                raise GitError("%s: .git/config was changed (%s is set); refusing to run git there"
                               % (self.path, key.splitlines()[0][:100]))
            if key == "remote.origin.url" and self.remote_url is not None and value != self.remote_url:
                raise GitError("%s: the origin remote was changed; refusing to run git there" % self.path)

    # -- operations ------------------------------------------------------------------------------

    def head(self):
        return self.git("rev-parse", "HEAD")

    def remote_sha(self, branch):
        """The sha of origin/<branch> as last fetched, or "" when there was no such branch."""
        return self.git("rev-parse", "--verify", "-q", "refs/remotes/origin/%s" % branch, check=False)

    def authors(self, base, ref):
        """[(short sha, author email)] of the commits in ref and not in base."""
        lines = self.git("log", "--format=%h %ae", "%s..%s" % (base, ref))
        return [tuple(line.split(None, 1)) for line in lines.splitlines() if line.strip()]

    def reset_to(self, branch):
        self.git("checkout", "-q", "-f", "-B", branch, "origin/%s" % branch)
        self.git("reset", "-q", "--hard", "origin/%s" % branch)
        self.git("clean", "-q", "-fdx")

    def start_branch(self, name, base):
        self.git("checkout", "-q", "-B", name, "origin/%s" % base)

    def commit_files(self, paths, message, author_name, author_email):
        """Commit exactly these files (paths relative to the checkout, as they are now on disk):
        nothing else in the working tree or the index is committed. Returns the commit's sha."""
        paths = sorted({self.checked_path(path) for path in paths})
        if not paths:
            raise GitError("nothing to commit: no file was given")
        self.git("reset", "-q")  # the index is HEAD's again: nothing staged by anyone else goes in
        self.git("add", "--", *paths)
        self.git("-c", "user.name=%s" % author_name, "-c", "user.email=%s" % author_email,
                 "commit", "-q", "--no-verify", "-m", message)
        committed = self.git("diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", "HEAD")
        extra = sorted(set(committed.split("\0")) - set(paths) - {""})
        if extra:  # cannot happen with the index reset above; never push such a commit
            self.git("reset", "-q", "--soft", "HEAD^")
            raise GitError("the commit held files that were not asked for: %s" % ", ".join(extra[:5]))
        return self.head()

    def checked_path(self, path):
        """A path relative to the checkout, refused when it leaves it, is under .git or goes through a
        symlink (the file itself included)."""
        relative = PurePosixPath(str(path).replace(os.sep, "/"))
        parts = relative.parts
        if relative.is_absolute() or not parts or any(part in ("", ".", "..") for part in parts) \
                or any(part.lower() == ".git" for part in parts):
            raise GitError("refusing to commit %r: not a path inside the checkout" % str(path))
        current = self.path
        for part in parts:
            current = current / part
            if current.is_symlink():
                raise GitError("refusing to commit %r: it goes through a symbolic link" % str(path))
        if current.exists() and not current.is_file():
            raise GitError("refusing to commit %r: not a regular file" % str(path))
        return relative.as_posix()

    def push(self, branch, expected):
        """Push HEAD to the branch if the branch is still at `expected` (a sha; "" = must not exist).
        Returns the sha pushed; raises BranchMoved when someone else moved the branch."""
        if expected and not re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", expected):
            raise GitError("the expected sha of %s is not a full sha: %r" % (branch, expected))
        sha = self.head()
        ref = "refs/heads/%s" % branch
        proc = self.run("push", "--porcelain", "--no-verify", "--force-with-lease=%s:%s" % (ref, expected),
                        "origin", "HEAD:%s" % ref, authenticated=True)
        if proc.returncode != 0:
            if "stale info" in proc.stdout or "stale info" in proc.stderr:
                raise BranchMoved("the branch %s moved since py3bridge pushed it; not overwritten" % branch)
            raise GitError("git push failed: %s" % (proc.stderr.strip() or proc.stdout.strip())[-500:])
        return sha


def clone(clone_url, token, dest, branch):
    """Clone `branch` of the repository into dest (replaced). `token`: see Checkout."""
    parts = urlsplit(clone_url)
    if parts.username or parts.password:
        raise GitError("refusing a clone URL that carries credentials")
    dest = Path(dest)
    if dest.exists() or dest.is_symlink():
        _remove(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    checkout = Checkout(dest.parent, token, remote_url=clone_url)
    checkout.git("clone", "-q", "--no-recurse-submodules", "--branch", branch, "--", clone_url, str(dest),
                 authenticated=True, verify=False)
    checkout.path = dest
    checkout.verify_repository()
    return checkout


def _remove(path, attempts=5):
    """Remove a previous checkout, symlinks as links (never what they point at). A worker killed
    mid-clone leaves git processes that the kernel is still stopping, and one may add a file while
    the folder is emptied ("Directory not empty"): the removal is tried again, a moment later."""
    if path.is_symlink() or path.is_file():
        path.unlink()
        return
    for attempt in range(attempts):
        try:
            shutil.rmtree(path)
            return
        except OSError as err:
            if err.errno != errno.ENOTEMPTY or attempt == attempts - 1:
                raise
            time.sleep(0.2)
