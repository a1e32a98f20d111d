"""Contract: the real PyGithub client and real git, over real HTTP, against the stand-in.

One test per operation py3bridge relies on (the rows of the endpoint table the stand-in was
designed from), plus the failure modes the bot must survive: bad credentials, repositories
outside the installation, injected 5xx and rate limits. A PyGithub upgrade that needs new
fields from GitHub should fail here first.
"""
import gzip
import json
import os
import threading
import time
from datetime import datetime, timedelta, timezone

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from github import Auth, Github, GithubException, GithubIntegration, GithubRetry
from github.GithubException import BadCredentialsException, RateLimitExceededException, UnknownObjectException
from werkzeug.serving import make_server

from standin import gitcmd
from tests.standin.fixtures import standin, standin_server  # noqa: F401  (fixtures)
from standin.server import fast_client_options
from standin.webhooks import (deliver, installation_event, installation_repositories_event,
                                           issue_comment_event, pull_request_event, push_event, sign)

OWNER, NAME, INSTALLATION = "octo", "legacy", 42
FILES = {
    "setup.py": "from setuptools import setup\nsetup(name='legacy')\n",
    "legacy/__init__.py": "",
    "legacy/core.py": "print 'hello'\n",
    ".github/py3bridge.yml": "stage: syntax\n",
}


@pytest.fixture
def gh(standin):  # noqa: F811
    standin.state.make_repo(OWNER, NAME, FILES, installation_id=INSTALLATION)
    return standin


@pytest.fixture
def repo(gh):
    return gh.github_for(INSTALLATION).get_repo(f"{OWNER}/{NAME}")


def open_pull(gh, repo, branch="py3/print-function", title="Use print()"):
    gh.state.commit_files(OWNER, NAME, branch, {"legacy/core.py": "print('hello')\n"}, "print function")
    return repo.create_pull(base="main", head=branch, title=title, body="Converts print statements.")


def pkt_line(text):
    """git's pkt-line framing: 4 hex digits of length (including themselves), then the data."""
    return f"{len(text) + 4:04x}{text}"


def git(*args, cwd=None):
    return gitcmd.run_git(*args, cwd=cwd).decode()


# --- App authentication (rows 1-3) -----------------------------------------------------------


def test_app_installations_and_tokens(gh):
    gi = gh.integration()
    app = gi.get_app()
    assert (app.id, app.slug, app.name) == (gh.state.app.id, "py3bridge", "py3bridge")
    installations = list(gi.get_installations())
    assert [i.id for i in installations] == [INSTALLATION]
    assert installations[0].account.login == OWNER
    assert gi.get_repo_installation(OWNER, NAME).id == INSTALLATION
    assert [r.full_name for r in gi.get_app_installation(INSTALLATION).get_repos()] == [f"{OWNER}/{NAME}"]

    token = gi.get_access_token(INSTALLATION)
    assert token.token.startswith("ghs_")
    assert timedelta(minutes=59) < token.expires_at - datetime.now(timezone.utc) <= timedelta(hours=1)
    assert gh.state.requests_matching("POST", r"/api/v3/app/installations/42/access_tokens$")[0].status == 201


def test_installation_client_fetches_its_token_from_the_standin(gh):
    """What StandinServer.github_for builds, spelled out: the token request goes to base_url too."""
    auth = Auth.AppAuth(gh.state.app.id, gh.state.app.private_key_pem).get_installation_auth(INSTALLATION)
    g = Github(base_url=gh.base_url, auth=auth, seconds_between_requests=None, seconds_between_writes=None, retry=None)
    assert g.get_repo(f"{OWNER}/{NAME}").default_branch == "main"
    assert [(r.method, r.path) for r in gh.state.requests] == [
        ("POST", "/api/v3/app/installations/42/access_tokens"), ("GET", f"/api/v3/repos/{OWNER}/{NAME}")]


def test_bad_jwt_is_rejected(gh):
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    forged = GithubIntegration(auth=Auth.AppAuth(gh.state.app.id, other_key), base_url=gh.base_url,
                               **fast_client_options())
    with pytest.raises(GithubException) as error:
        list(forged.get_installations())
    assert error.value.status == 401

    now = int(time.time())
    expired = jwt.encode({"iat": now - 700, "exp": now - 60, "iss": str(gh.state.app.id)},
                         gh.state.app.private_key_pem, algorithm="RS256")
    wrong_issuer = jwt.encode({"iat": now - 60, "exp": now + 300, "iss": "999"},
                              gh.state.app.private_key_pem, algorithm="RS256")
    installation_token = gh.state.mint_token(INSTALLATION).value
    for header in (f"Bearer {expired}", f"Bearer {wrong_issuer}", f"token {installation_token}", None):
        response = requests.get(f"{gh.base_url}/app/installations", headers={"Authorization": header} if header else {})
        assert response.status_code == 401, header
    assert requests.get(f"{gh.base_url}/repos/{OWNER}/{NAME}/installation").status_code == 401


def test_tokens_are_scoped_to_their_installation(gh):
    gh.state.make_repo("other", "private-stuff", {"a.py": "x = 1\n"}, installation_id=7)
    g = gh.github_for(INSTALLATION)
    with pytest.raises(UnknownObjectException):
        g.get_repo("other/private-stuff")
    assert gh.github_for(7).get_repo("other/private-stuff").full_name == "other/private-stuff"
    assert [r.full_name for r in gh.integration().get_app_installation(7).get_repos()] == ["other/private-stuff"]
    with pytest.raises(BadCredentialsException):
        Github(auth=Auth.Token("ghs_forged"), base_url=gh.base_url, **fast_client_options()).get_repo(f"{OWNER}/{NAME}")


# --- repository, contents, refs (rows 4-6) ---------------------------------------------------


def test_repository_and_contents(gh, repo):
    assert (repo.full_name, repo.default_branch, repo.private, repo.owner.login) == (f"{OWNER}/{NAME}", "main", False, OWNER)
    assert repo.clone_url == f"{gh.html_url}git/{OWNER}/{NAME}.git"

    config = repo.get_contents(".github/py3bridge.yml", ref="main")
    assert config.decoded_content == b"stage: syntax\n" and config.encoding == "base64"
    assert sorted(c.path for c in repo.get_contents("legacy")) == ["legacy/__init__.py", "legacy/core.py"]
    assert {c.type for c in repo.get_contents("")} == {"file", "dir"}
    with pytest.raises(UnknownObjectException):
        repo.get_contents("missing.cfg", ref="main")

    gh.state.commit_files(OWNER, NAME, "feature", {"new.txt": "on a branch\n"})
    assert repo.get_contents("new.txt", ref="feature").decoded_content == b"on a branch\n"


def test_refs_branches_and_commits(gh, repo):
    main_sha = repo.get_branch("main").commit.sha
    assert main_sha == gh.state.branch_sha(OWNER, NAME, "main")

    ref = repo.create_git_ref("refs/heads/py3/x", main_sha)
    assert (ref.ref, ref.object.sha) == ("refs/heads/py3/x", main_sha)
    with pytest.raises(GithubException) as duplicate:
        repo.create_git_ref("refs/heads/py3/x", main_sha)
    assert duplicate.value.status == 422

    newer = gh.state.commit_files(OWNER, NAME, "other", {"b.txt": "b\n"})
    fetched = repo.get_git_ref("heads/py3/x")
    fetched.edit(newer, force=True)
    assert gh.state.branch_sha(OWNER, NAME, "py3/x") == newer
    with pytest.raises(GithubException) as not_ff:
        fetched.edit(main_sha)
    assert not_ff.value.status == 422
    assert repo.get_branch("py3/x").commit.sha == newer

    commit = repo.get_commit(newer)
    assert commit.commit.message == "Update files" and [p.sha for p in commit.parents] == [main_sha]
    assert [f.filename for f in commit.files] == ["b.txt"]

    fetched.delete()
    assert gh.state.branch_sha(OWNER, NAME, "py3/x") is None


# --- pull requests (rows 7-9) ----------------------------------------------------------------


def test_create_find_and_edit_pull_requests(gh, repo):
    pr = open_pull(gh, repo)
    assert pr.number == 1 and pr.state == "open" and pr.head.ref == "py3/print-function"
    assert pr.head.sha == gh.state.branch_sha(OWNER, NAME, "py3/print-function")
    assert pr.base.ref == "main" and pr.html_url == f"{gh.html_url}{OWNER}/{NAME}/pull/1"
    with pytest.raises(GithubException) as duplicate:
        repo.create_pull(base="main", head="py3/print-function", title="again")
    assert duplicate.value.status == 422

    found = repo.get_pulls(state="open", head=f"{OWNER}:py3/print-function")
    assert found.totalCount == 1 and found[0].number == 1
    assert repo.get_pulls(state="open", head=f"{OWNER}:py3/other").totalCount == 0

    pr.edit(body="Updated body")
    assert repo.get_pull(1).body == "Updated body" and repo.get_pull(1).mergeable is True
    pr.edit(state="closed")
    assert gh.state.pull(OWNER, NAME, 1).state == "closed" and not repo.get_pull(1).merged
    assert repo.get_pulls(state="open").totalCount == 0 and repo.get_pulls(state="closed").totalCount == 1


def test_merging_a_pull_request_changes_main(gh, repo):
    pr = open_pull(gh, repo)
    head = pr.head.sha
    status = pr.merge(merge_method="merge")
    assert status.merged
    main = gh.state.branch_sha(OWNER, NAME, "main")
    assert main == status.sha
    assert gitcmd.commit_info(gh.state.get_repo(OWNER, NAME).path, main).parents[1] == head
    assert gh.state.file_content(OWNER, NAME, "legacy/core.py") == b"print('hello')\n"
    merged = repo.get_pull(pr.number)
    assert merged.merged and merged.state == "closed" and pr.is_merged()

    gh.state.commit_files(OWNER, NAME, "two", {"c.txt": "c\n"})
    second = repo.create_pull(base="main", head="two", title="Two")
    gh.state.merge_pull(OWNER, NAME, second.number, method="squash")
    assert gh.state.file_content(OWNER, NAME, "c.txt") == b"c\n"
    assert len(gitcmd.commit_info(gh.state.get_repo(OWNER, NAME).path, "main").parents) == 1


def test_pull_request_validations(gh, repo):
    gh.state.commit_files(OWNER, NAME, "same", {}, "empty")  # an empty commit: still a commit
    repo.create_git_ref("refs/heads/nothing-new", repo.get_branch("main").commit.sha)
    with pytest.raises(GithubException) as no_commits:
        repo.create_pull(base="main", head="nothing-new", title="No change")
    assert no_commits.value.status == 422
    with pytest.raises(GithubException) as no_branch:
        repo.create_pull(base="main", head="missing", title="Nope")
    assert no_branch.value.status == 422


# --- comments, reactions, issues, labels (rows 10-14, 17) -------------------------------------


def test_issue_comments_and_reactions(gh, repo):
    pr = open_pull(gh, repo)
    comment = pr.create_issue_comment("Checks are running.")
    assert comment.user.login == "py3bridge[bot]" and comment.user.type == "Bot"
    comment.edit("Checks passed.")
    assert [c.body for c in pr.get_issue_comments()] == ["Checks passed."]
    assert pr.get_issue_comment(comment.id).body == "Checks passed."  # there is no repo.get_issue_comment

    human = gh.state.add_comment(OWNER, NAME, pr.number, "@py3bridge retry", user_login="alice")
    reaction = pr.get_issue_comment(human.id).create_reaction("+1")
    assert reaction.content == "+1" and gh.state.comment(human.id).reactions[0].user.login == "py3bridge[bot]"
    assert [r.content for r in repo.get_issue(pr.number).get_comment(human.id).get_reactions()] == ["+1"]
    assert [c.user.login for c in repo.get_issues_comments()] == ["py3bridge[bot]", "alice"]

    comment.delete()
    assert [c.body for c in gh.state.comments_of(OWNER, NAME, pr.number)] == ["@py3bridge retry"]


def test_issues_and_labels(gh, repo):
    pr = open_pull(gh, repo)
    dashboard = repo.create_issue("py3bridge dashboard", body="- [ ] syntax", labels=["py3bridge"])
    assert dashboard.number == 2 and [l.name for l in dashboard.labels] == ["py3bridge"]
    dashboard.edit(body="- [x] syntax")
    assert repo.get_issue(2).body == "- [x] syntax"
    assert gh.state.issue_by_title(OWNER, NAME, "py3bridge dashboard").body == "- [x] syntax"
    dashboard.create_comment("Stage 1 done.")
    assert [c.body for c in dashboard.get_comments()] == ["Stage 1 done."]

    listed = repo.get_issues(state="open")
    assert [i.number for i in listed] == [2, 1] and listed[1].pull_request is not None
    assert [i.number for i in repo.get_issues(state="all", labels=["py3bridge"])] == [2]
    assert [i.number for i in repo.get_issues(state="all", creator="py3bridge[bot]")] == [2, 1]
    assert repo.get_issues(state="closed").totalCount == 0

    pr.add_to_labels("py3bridge", "stage:syntax")
    assert gh.state.pull(OWNER, NAME, 1).labels == ["py3bridge", "stage:syntax"]
    pr.remove_from_labels("stage:syntax")
    pr.set_labels("done")
    assert gh.state.pull(OWNER, NAME, 1).labels == ["done"]
    repo.create_label("blocked", "d73a4a", "Needs a human")
    assert {l.name for l in repo.get_labels()} == {"py3bridge", "stage:syntax", "done", "blocked"}


# --- permissions and checks (rows 15-16) -----------------------------------------------------


def test_collaborator_permission(gh, repo):
    gh.state.set_permission(OWNER, NAME, "alice", "write")
    gh.state.set_permission(OWNER, NAME, "mallory", "none")
    assert repo.get_collaborator_permission("alice") == "write"
    assert repo.get_collaborator_permission("mallory") == "none"
    assert repo.get_collaborator_permission(OWNER) == "admin"
    assert repo.get_collaborator_permission("passer-by") == "read"


def test_check_runs(gh, repo):
    pr = open_pull(gh, repo)
    run = repo.create_check_run("py3bridge / tests", pr.head.sha, status="in_progress",
                                output={"title": "Running", "summary": "2.7 and 3"})
    assert run.status == "in_progress" and run.pull_requests[0].number == pr.number
    run.edit(status="completed", conclusion="success", output={"title": "Passed", "summary": "all green", "text": "ok"})
    stored = gh.state.check_runs_for(OWNER, NAME, head_sha=pr.head.sha)[0]
    assert (stored.status, stored.conclusion, stored.output["text"]) == ("completed", "success", "ok")
    runs = repo.get_commit(pr.head.sha).get_check_runs()
    assert runs.totalCount == 1 and runs[0].conclusion == "success" and runs[0].output.title == "Passed"
    assert repo.get_check_run(run.id).name == "py3bridge / tests"


# --- git over HTTP (row 18) ------------------------------------------------------------------


def test_git_clone_commit_push_over_http(gh, repo, tmp_path):
    token = gh.state.mint_token(INSTALLATION).value
    work = tmp_path / "clone"
    git("clone", "-q", gh.clone_url(OWNER, NAME, token), work)
    assert (work / "legacy" / "core.py").read_text() == "print 'hello'\n"
    git("checkout", "-q", "-b", "py3/except-as", cwd=work)
    (work / "legacy" / "core.py").write_text("print('hello')\n")
    (work / "big.bin").write_bytes(os.urandom(3 << 19))  # 1.5 MiB incompressible: over http.postBuffer
    git("commit", "-q", "-am", "except as", cwd=work)
    git("add", "big.bin", cwd=work)
    git("commit", "-q", "-m", "big file", cwd=work)
    git("push", "-q", "origin", "py3/except-as", cwd=work)

    pushed = git("rev-parse", "HEAD", cwd=work).strip()
    assert gh.state.branch_sha(OWNER, NAME, "py3/except-as") == pushed
    assert repo.create_pull(base="main", head="py3/except-as", title="except as").head.sha == pushed
    git_requests = gh.state.requests_matching("*", r"^/git/")
    assert [r.status for r in git_requests][:2] == [401, 200]  # git sends credentials after a 401


def test_git_http_accepts_gzipped_chunked_bodies(gh):
    """What git does with big fetch negotiations (gzip) and big pushes (chunked), in one request."""
    token = gh.state.mint_token(INSTALLATION).value
    main = gh.state.branch_sha(OWNER, NAME, "main")
    body = gzip.compress((pkt_line(f"want {main}\n") + "0000" + pkt_line("done\n")).encode())
    chunks = (body[i:i + 10] for i in range(0, len(body), 10))  # a generator: requests sends it chunked
    response = requests.post(f"{gh.clone_url(OWNER, NAME)}/git-upload-pack", data=chunks,
                             auth=("x-access-token", token),
                             headers={"Content-Encoding": "gzip", "Content-Type": "application/x-git-upload-pack-request"})
    assert response.status_code == 200 and b"PACK" in response.content


def test_git_http_requires_a_token_covering_the_repo(gh, tmp_path):
    gh.state.make_repo("other", "elsewhere", {"a.py": ""}, installation_id=7)
    wrong = gh.state.mint_token(7).value
    for url in (gh.clone_url(OWNER, NAME), gh.clone_url(OWNER, NAME, "ghs_forged"), gh.clone_url(OWNER, NAME, wrong)):
        with pytest.raises(gitcmd.GitError):
            git("ls-remote", url)
    response = requests.get(f"{gh.clone_url(OWNER, NAME)}/info/refs?service=git-upload-pack")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Basic")


# --- faults ----------------------------------------------------------------------------------


def test_injected_502_is_retried_by_github_retry(gh):
    gh.state.inject_server_error("GET", rf"/repos/{OWNER}/{NAME}$", status=502)
    g = gh.github_for(INSTALLATION, retry=GithubRetry(total=2, backoff_factor=0))
    assert g.get_repo(f"{OWNER}/{NAME}").name == NAME
    assert [r.status for r in gh.state.requests_matching("GET", rf"/repos/{OWNER}/{NAME}$")] == [502, 200]

    gh.state.inject_server_error("GET", rf"/repos/{OWNER}/{NAME}$")
    with pytest.raises(GithubException) as error:
        gh.github_for(INSTALLATION).get_repo(f"{OWNER}/{NAME}")  # retry=None: the 502 surfaces
    assert error.value.status == 502


def test_injected_rate_limits(gh):
    token = gh.state.mint_token(INSTALLATION).value
    url, headers = f"{gh.base_url}/repos/{OWNER}/{NAME}", {"Authorization": f"token {token}"}

    gh.state.inject_secondary_rate_limit("GET", rf"/repos/{OWNER}/{NAME}$")
    secondary = requests.get(url, headers=headers)
    assert secondary.status_code == 403 and secondary.headers["Retry-After"] == "1"
    assert secondary.json()["message"].startswith("You have exceeded a secondary rate limit")
    assert requests.get(url, headers=headers).status_code == 200

    gh.state.inject_rate_limit("*", rf"/repos/{OWNER}/{NAME}$")
    with pytest.raises(RateLimitExceededException) as error:
        gh.github_for(INSTALLATION).get_repo(f"{OWNER}/{NAME}")
    assert error.value.headers["x-ratelimit-remaining"] == "0"
    assert 0 <= int(error.value.headers["x-ratelimit-reset"]) - time.time() <= 2


def test_unknown_api_route_is_a_json_404(gh):
    response = requests.get(f"{gh.base_url}/no/such/thing")
    assert response.status_code == 404 and response.json()["message"] == "Not Found"


# --- HTML pages --------------------------------------------------------------------------------


def test_html_pages(gh, repo):
    pr = open_pull(gh, repo)
    pr.create_issue_comment("Looks <b>good</b>")
    issue = repo.create_issue("Dashboard", body="body text")
    issue.create_comment("a comment")
    index = requests.get(gh.html_url).text
    assert "octo/legacy" in index and "Use print()" in index and "Dashboard" in index
    page = requests.get(pr.html_url).text
    assert "+print(&#39;hello&#39;)" in page and "<p>Looks <b>good</b></p>" in page  # Markdown, rendered
    assert "a comment" in requests.get(issue.html_url).text
    assert requests.get(f"{gh.html_url}{OWNER}/{NAME}/pull/99").status_code == 404
    pr.merge()
    assert "+print(&#39;hello&#39;)" in requests.get(pr.html_url).text  # the diff as it was before merging


# --- webhooks ----------------------------------------------------------------------------------


@pytest.fixture
def receiver():
    """A tiny HTTP endpoint recording deliveries: [(headers, body bytes)]."""
    received = []

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        headers = {k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")}
        headers["Content-Type"] = environ.get("CONTENT_TYPE")
        received.append((headers, environ["wsgi.input"].read(length)))
        start_response("202 Accepted", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/webhook", received
    server.shutdown()
    server.server_close()


def test_deliver_signs_like_github(gh, receiver):
    url, received = receiver
    payload = push_event(gh.state, gh.urls, OWNER, NAME)
    response = deliver(url, "push", payload, secret="s3cret", delivery_id="d-1")
    assert response.status_code == 202
    headers, body = received[0]
    assert json.loads(body) == payload
    assert headers["X-Github-Event"] == "push" and headers["X-Github-Delivery"] == "d-1"
    assert headers["X-Hub-Signature-256"] == sign("s3cret", body)
    assert headers["User-Agent"] == "GitHub-Hookshot/standin" and headers["Content-Type"] == "application/json"
    assert sign("It's a Secret to Everybody", b"Hello, World!") == (  # GitHub's documented test vector
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")


def test_payload_builders(gh, repo):
    state, urls = gh.state, gh.urls
    created = installation_event(state, urls, INSTALLATION)
    assert created["action"] == "created" and created["installation"]["id"] == INSTALLATION
    assert created["repositories"][0]["full_name"] == f"{OWNER}/{NAME}"

    state.make_repo(OWNER, "second", {"x.py": ""}, installation_id=INSTALLATION)
    added = installation_repositories_event(state, urls, INSTALLATION, added=[f"{OWNER}/second"])
    assert [r["name"] for r in added["repositories_added"]] == ["second"]

    sha = state.commit_files(OWNER, NAME, "main", {"legacy/core.py": "print('x')\n"}, "direct push")
    push = push_event(state, urls, OWNER, NAME)
    assert (push["ref"], push["after"], push["installation"]["id"]) == ("refs/heads/main", sha, INSTALLATION)
    assert push["head_commit"]["modified"] == ["legacy/core.py"] and push["repository"]["default_branch"] == "main"

    pr = open_pull(gh, repo)
    on_pr = issue_comment_event(state, urls, state.add_comment(OWNER, NAME, pr.number, "@py3bridge go",
                                                               user_login="alice"))
    assert on_pr["issue"]["pull_request"]["url"].endswith("/pulls/1")
    assert (on_pr["comment"]["user"]["login"], on_pr["comment"]["user"]["type"]) == ("alice", "User")
    bot_comment = state.add_comment(OWNER, NAME, pr.number, "done", user_login="py3bridge[bot]", user_type="Bot")
    deleted = issue_comment_event(state, urls, state.delete_comment(bot_comment.id), action="deleted")
    assert deleted["comment"]["user"]["type"] == "Bot" and deleted["action"] == "deleted"
    edited = issue_comment_event(state, urls, state.edit_comment(on_pr["comment"]["id"], "@py3bridge stop"),
                                 action="edited", previous_body="@py3bridge go")
    assert edited["changes"] == {"body": {"from": "@py3bridge go"}}

    state.merge_pull(OWNER, NAME, pr.number)
    closed = pull_request_event(state, urls, OWNER, NAME, pr.number)
    assert closed["action"] == "closed" and closed["pull_request"]["merged"] is True
    assert closed["pull_request"]["head"]["ref"] == "py3/print-function"
    issue = state.create_issue(OWNER, NAME, "plain issue")
    assert "pull_request" not in issue_comment_event(
        state, urls, state.add_comment(OWNER, NAME, issue.number, "hi", user_login="bob"))["issue"]

    state.commit_files(OWNER, NAME, "py3/other", {"o.txt": "o\n"})
    other = state.create_pull(OWNER, NAME, "py3/other", "main", "Other")
    state.close_pull(OWNER, NAME, other.number)
    assert pull_request_event(state, urls, OWNER, NAME, other.number)["pull_request"]["merged"] is False
    state.edit_issue(other, state="open")
    assert pull_request_event(state, urls, OWNER, NAME, other.number, action="reopened")["pull_request"]["state"] == "open"
