"""Which stages a repository's plan holds: the 2+3 stages always, and the python3-only stage once
its maintainers have dropped Python 2. They say so in one of three ways; the first found is the
reason shown on the dashboard and in the CLI's plan."""
from workers.deps.python_requires import declared_python_requires, excludes_python2
from workers.rewriting.fixer import STAGES, TWO_AND_THREE_STAGES


def python2_dropped(root, config, dropped_by_command=""):
    """Why the python3-only stage is on ("" when it is not): the config's `python2: dropped`, the
    `/py3bridge drop-python2` command (`dropped_by_command` says who and when), or python_requires."""
    if config.python2_dropped:
        return "`python2: dropped` in .github/py3bridge.yml"
    if dropped_by_command:
        return "`/py3bridge drop-python2` %s" % dropped_by_command
    declared = declared_python_requires(root)
    if declared and excludes_python2(declared[0]):
        return "%s declares python_requires %r" % (declared[1], declared[0])
    return ""


def plan_stages(dropped_reason):
    return STAGES if dropped_reason else TWO_AND_THREE_STAGES
