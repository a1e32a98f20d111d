"""The stand-in's HTML pages over real HTTP: Markdown rendered and sanitised, and the actions
(merge, close, reopen, ready for review, comment) changing the state as GitHub does and sending
the signed webhook deliveries GitHub sends, to a real local receiver."""
import json
import re
import threading

import pytest
import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from standin import gitcmd
from standin.webhooks import sign
from tests.standin.fixtures import standin, standin_server  # noqa: F401  (fixtures)

OWNER, NAME, INSTALLATION, SECRET = "octo", "legacy", 42, "pages-secret"
FILES = {"legacy/__init__.py": "", "legacy/core.py": "print 'hello'\n"}
BODY = """## What changed

| interpreter | before | after |
|---|---|---|
| 2.7.18 | 3 passed | 3 passed |

<details><summary>Commands you can comment</summary>

```
/py3bridge help
```

</details>

<script>alert('x')</script><img src=x onerror="alert(1)"> <a href="javascript:alert(1)" onclick="x()">click</a>
<!-- py3bridge:marker -->
"""


class Receiver:
    """A webhook endpoint on a real port that keeps every delivery (headers and JSON)."""

    def __init__(self):
        self.deliveries = []
        self.server = make_server("127.0.0.1", 0, self._app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/webhook" % self.server.server_port

    @Request.application
    def _app(self, request):
        body = request.get_data()
        self.deliveries.append({"event": request.headers["X-GitHub-Event"], "payload": json.loads(body),
                                "signed": request.headers["X-Hub-Signature-256"] == sign(SECRET, body)})
        return Response('{"message": "queued"}', status=202, content_type="application/json")

    def events(self):
        return [(d["event"], d["payload"].get("action")) for d in self.deliveries]


@pytest.fixture
def site(standin):  # noqa: F811
    standin.state.make_repo(OWNER, NAME, FILES, installation_id=INSTALLATION)
    receiver = Receiver()
    standin.state.configure_webhook(receiver.url, SECRET, root=standin.html_url)
    yield standin, receiver
    receiver.server.shutdown()
    standin.state.webhook = None


def make_pull(standin, draft=False):
    state = standin.state
    state.commit_files(OWNER, NAME, "py3bridge/print_function-1", {"legacy/core.py": "print('hello')\n"}, "print()")
    return state.create_pull(OWNER, NAME, "py3bridge/print_function-1", "main", "py3: print()", body=BODY,
                             user_login="py3bridge[bot]", draft=draft)


def page(standin, path):
    response = requests.get(standin.html_url + path.lstrip("/"))
    assert response.status_code == 200, response.text
    return response


def csrf(html):
    return re.search(r"name=csrf value='([^']+)'", html).group(1)


def post(standin, path, data, token=None):
    url = standin.html_url + path.lstrip("/")
    if token is None:
        token = csrf(page(standin, re.sub(r"/(merge|close|reopen|ready|comments)$", "", path)).text)
    return requests.post(url, data=dict(data, csrf=token), allow_redirects=False)


def test_bodies_are_rendered_markdown_without_anything_unsafe(site):
    standin, _ = site
    pull = make_pull(standin)
    standin.state.add_comment(OWNER, NAME, pull.number,
                              "> /py3bridge help\n\n| command | on |\n|---|---|\n| `rebase` | PR |",
                              user_login="py3bridge[bot]", user_type="Bot")
    response = page(standin, f"/{OWNER}/{NAME}/pull/{pull.number}")
    html = response.text
    assert "<th>interpreter</th>" in html and "<td>2.7.18</td>" in html
    assert "<details><summary>Commands you can comment</summary>" in html and "<pre><code>/py3bridge help" in html
    assert "<blockquote>" in html and "<td><code>rebase</code></td>" in html
    for unsafe in ("<script", "alert(", "onerror", "onclick", "javascript:", "py3bridge:marker"):
        assert unsafe not in html
    assert "+print(&#39;hello&#39;)" in html  # the diff is still there
    assert "script-src" not in response.headers["Content-Security-Policy"]  # and no script could run anyway
    assert response.headers["X-Frame-Options"] == "DENY"


def test_merge_merges_and_delivers_pull_request_closed_then_push(site):
    standin, receiver = site
    pull = make_pull(standin)
    before = standin.state.branch_sha(OWNER, NAME, "main")
    response = post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/merge", {})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/{OWNER}/{NAME}/pull/{pull.number}")
    assert pull.pull.merged and pull.state == "closed" and pull.pull.merged_by.login == OWNER
    after = standin.state.branch_sha(OWNER, NAME, "main")
    merged = gitcmd.run_git("show", f"{after}:legacy/core.py", cwd=standin.state.repos[f"{OWNER}/{NAME}"].path)
    assert merged == b"print('hello')\n"
    assert receiver.events() == [("pull_request", "closed"), ("push", None)]
    closed, push = (d["payload"] for d in receiver.deliveries)
    assert all(d["signed"] for d in receiver.deliveries)
    assert closed["pull_request"]["merged"] is True
    assert closed["pull_request"]["head"]["ref"] == "py3bridge/print_function-1"
    assert closed["installation"]["id"] == INSTALLATION and closed["sender"] == {**closed["sender"], "login": OWNER,
                                                                                 "type": "User"}
    assert closed["pull_request"]["url"].startswith(standin.base_url)
    assert (push["ref"], push["before"], push["after"]) == ("refs/heads/main", before, after)
    html = page(standin, f"/{OWNER}/{NAME}/pull/{pull.number}").text
    assert "id=merge" not in html and "id=reopen" not in html and "Merged by octo" in html
    assert "pull_request.closed" in html and "HTTP 202" in html  # the deliveries, on the PR's page


def test_close_and_reopen_deliver_what_github_sends(site):
    standin, receiver = site
    pull = make_pull(standin)
    assert post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/close", {}).status_code == 303
    assert pull.state == "closed" and not pull.pull.merged
    assert "id=reopen" in page(standin, f"/{OWNER}/{NAME}/pull/{pull.number}").text
    assert post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/reopen", {}).status_code == 303
    assert pull.state == "open"
    assert receiver.events() == [("pull_request", "closed"), ("pull_request", "reopened")]
    assert receiver.deliveries[0]["payload"]["pull_request"]["merged"] is False
    assert receiver.deliveries[1]["payload"]["pull_request"]["state"] == "open"
    # A second click (another tab) on a state already reached changes and sends nothing.
    post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/reopen", {})
    assert len(receiver.deliveries) == 2


def test_comment_is_made_by_a_user_with_write_access_and_delivered(site):
    standin, receiver = site
    pull = make_pull(standin)
    issue = standin.state.create_issue(OWNER, NAME, "Python 3 migration dashboard", body="- [ ] **bold**",
                                       user_login="py3bridge[bot]")
    assert "<strong>bold</strong>" in page(standin, f"/{OWNER}/{NAME}/issues/{issue.number}").text
    for number in (pull.number, issue.number):
        response = post(standin, f"/{OWNER}/{NAME}/issues/{number}/comments", {"body": "/py3bridge help\r\n"})
        assert response.status_code == 303 and "#issuecomment-" in response.headers["Location"]
    comments = [c for number in (pull.number, issue.number) for c in standin.state.comments_of(OWNER, NAME, number)]
    assert [(c.body, c.user.login, c.user.type) for c in comments] == [("/py3bridge help\n", OWNER, "User")] * 2
    assert standin.state.permission(OWNER, NAME, OWNER) == "admin"
    assert receiver.events() == [("issue_comment", "created")] * 2
    first, second = (d["payload"] for d in receiver.deliveries)
    assert "pull_request" in first["issue"] and "pull_request" not in second["issue"]
    assert first["comment"]["id"] == comments[0].id and first["comment"]["body"] == "/py3bridge help\n"
    assert post(standin, f"/{OWNER}/{NAME}/issues/{pull.number}/comments", {"body": "  "}).status_code == 422


def test_actions_need_the_csrf_token_and_post(site):
    standin, receiver = site
    pull = make_pull(standin)
    for path in ("merge", "close"):
        url = f"/{OWNER}/{NAME}/pull/{pull.number}/{path}"
        assert post(standin, url, {}, token="").status_code == 403
        assert post(standin, url, {}, token="guess").status_code == 403
        assert requests.get(standin.html_url + url.lstrip("/")).status_code == 405
    assert requests.post(standin.html_url + f"{OWNER}/{NAME}/issues/{pull.number}/comments",
                         data={"body": "/py3bridge skip"}).status_code == 403
    assert pull.state == "open" and standin.state.comments_of(OWNER, NAME, pull.number) == []
    assert receiver.deliveries == []


def test_a_draft_is_made_ready_before_it_can_be_merged(site):
    standin, receiver = site
    pull = make_pull(standin, draft=True)
    html = page(standin, f"/{OWNER}/{NAME}/pull/{pull.number}").text
    assert "id=merge" not in html and "id=ready" in html
    assert post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/merge", {}).status_code == 405
    assert post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/ready", {}).status_code == 303
    assert not pull.pull.draft and "id=merge" in page(standin, f"/{OWNER}/{NAME}/pull/{pull.number}").text
    assert receiver.events() == [("pull_request", "ready_for_review")]


def test_without_a_webhook_actions_change_the_stand_in_only(site):
    standin, receiver = site
    standin.state.webhook = None
    pull = make_pull(standin)
    assert post(standin, f"/{OWNER}/{NAME}/pull/{pull.number}/merge", {}).status_code == 303
    assert pull.pull.merged and receiver.deliveries == []
    assert "No webhook configured" in page(standin, "/deliveries").text
