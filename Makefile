# The two front-door commands (see README.md). Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PACKAGE ?= python-dateutil==1.5
WORK := .work

.PHONY: test run demo venv system

venv: $(VENV)/.installed

# Debian packages the tests and the run command use: a real redis-server; bubblewrap, socat and
# util-linux's setpriv for the sandbox every step of repository code runs in; chromium and its
# chromedriver for the browser test of the sandbox's pages.
SYSTEM_TOOLS := redis-server:redis-server bwrap:bubblewrap socat:socat setpriv:util-linux \
	chromium:chromium chromedriver:chromium-driver
system:
	@missing=""; for pair in $(SYSTEM_TOOLS); do command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

# Every test, against the real Python 2.7 and Python 3 interpreters.
test: venv system
	$(PY) -m pytest -q -n 3 --dist loadfile tests

# The bot: with GitHub App credentials, Redis + web + worker; without, the sandbox (a local
# GitHub stand-in holding a real Python 2 project from PyPI).
run: venv system
	$(PY) -m bot.run $(ARGS)

# The engine alone: download a real Python 2 package from PyPI, show the plan, apply the syntax
# stage, show the plan again.
demo: venv
	rm -rf $(WORK)/checkout
	$(PY) -m workers.sdist "$(PACKAGE)" $(WORK)/checkout
	$(PY) -m bot plan $(WORK)/checkout
	$(PY) -m bot apply $(WORK)/checkout --stage syntax
	$(PY) -m bot plan $(WORK)/checkout
