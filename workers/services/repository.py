"""A repository as the services see it: its configuration, a fresh clone, its test interpreters and cache scope."""
from pathlib import Path

from github import UnknownObjectException

from workers import fixers as registry
from workers.deps import upgrade as upgrades
from workers.engine.interpreters import find_version, verification_interpreters
from workers.forge.gitrepo import clone
from workers.services import repo_config
from workers.testrun import config as test_config



def read_config(repo, state):
    try:
        text = repo.get_contents(repo_config.PATH, ref=repo.default_branch).decoded_content.decode("utf-8")
    except UnknownObjectException:
        state.config_error = ""
        return repo_config.RepoConfig()
    try:
        config = repo_config.parse(text)
    except repo_config.ConfigInvalid as err:
        state.config_error = str(err)
        return repo_config.RepoConfig()
    state.config_error = ""
    return config


def fresh_clone(context, repo, installation_id):
    """A clone whose git commands ask for a fresh-enough token each time (a push after hours of tests)."""
    dest = Path(context.settings.work_dir) / repo.full_name.replace("/", "__")
    return clone(repo.clone_url, context.client.token_provider(installation_id), dest, repo.default_branch)


def cache_scope(state):
    """Test environments belong to one installation: no other installation's steps ever see them."""
    return "installation-%s" % state.installation_id


def test_interpreters(config, checkout=None):
    """The interpreters the repository's tests run on: its `interpreters` setting, else 2.7 and
    the Python 3 of tests.python3 / .py3bridge.toml, else the newest its Django runs on, else 3
    (workers/testrun/pythons.py, given the checkout)."""
    if checkout is not None:
        from workers.testrun.pythons import choose

        return choose(checkout, test_config.load(checkout, config.tests), config.interpreters).interpreters
    if config.interpreters:
        return [find_version(version) for version in config.interpreters]
    return verification_interpreters()


def fixer_for(batch):
    return upgrades.DESCRIPTION if batch.is_upgrade else registry.get(batch.fixer)
