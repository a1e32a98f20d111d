"""Sandbox mode, the product you can click through without a GitHub account.

A local stand-in for GitHub: the REST API subset py3bridge uses, git over smart HTTP and a few
HTML pages, served on a real port so the real PyGithub client and real `git` talk to it.

Where things live:
    state.py        StandinState: the in-memory world (App, installations, repos, issues/PRs,
                    comments, checks, tokens, request log, fault injection), thread-safe, with
                    helpers to build and inspect it
    records.py      the dataclasses it is made of, and the errors it raises
    gitcmd.py       git command wrappers; bare repos are the source of every SHA and file
    render.py       GitHub JSON shapes (and the Urls of one stand-in address)
    api_*.py        REST endpoints under /api/v3, by area; api_common.py has auth and plumbing
    git_http.py     /git/<owner>/<repo>.git: `git http-backend` as CGI, token-checked
    html.py         pages at / and /<owner>/<repo>/...: PRs, issues, comments (Markdown rendered by
                    gfm.py, sanitised), and Merge/Close/Reopen/comment forms that send GitHub's
                    webhooks to the App's configured webhook (state.configure_webhook)
    app.py          create_standin_app(state): wires it all, logs requests, injects faults
    server.py       StandinServer: the app on 127.0.0.1:<port> in a thread; PyGithub clients
    webhooks.py     sign / deliver signed webhooks, payload builders (re-exported by server.py)
    sandbox_mode.py `python -m standin.sandbox_mode` (what `make run` runs without credentials):
                    the stand-in with a real Python 2 project, the real app and a real worker
tests/standin/ holds the pytest fixture `standin` and test_contract.py, which runs the real
PyGithub and git against it, one test per operation the bot uses; test_pages.py (the pages and
their deliveries) and test_pages_browser.py (a real chromium clicking through the real stack).
"""
