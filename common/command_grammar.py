"""Slash-commands in comments: the registry (one place to add a command) and the parser.

A command is a line `/py3bridge <command> [args]` or `@<app-slug> <command> [args]`, one per line,
several per comment. Lines quoted with `>` and lines inside code blocks (``` or ~~~ fences, or
indented four spaces) are never commands. Command names are case-insensitive.
"""
import re
from dataclasses import dataclass

ON_PR, ON_PR_OR_DASHBOARD, ANYWHERE = "a py3bridge PR", "a py3bridge PR or the dashboard", "anywhere"


@dataclass(frozen=True)
class CommandSpec:
    name: str
    args: str  # "" none, "fixer" exactly one fixer name, "fixer?" optional fixer name
    where: str
    needs_write: bool
    help: str


REGISTRY = {spec.name: spec for spec in [
    CommandSpec("rebase", "", ON_PR, True, "regenerate this PR from the current base branch and rerun the tests"),
    CommandSpec("recreate", "", ON_PR, True, "like rebase, but discards commits others pushed to the branch"),
    CommandSpec("retest", "", ON_PR, True, "rerun the tests on Python 2.7 and 3 and update the summary"),
    CommandSpec("split", "", ON_PR, True, "close this PR and open two with half the files each"),
    CommandSpec("skip", "fixer?", ON_PR_OR_DASHBOARD, True,
                "on a PR: close it and never propose these files again; `skip <fixer>`: stop a whole transformation"),
    CommandSpec("unskip", "fixer", ON_PR_OR_DASHBOARD, True, "resume proposing a transformation skipped before"),
    CommandSpec("explain", "", ON_PR, False, "what this PR's transformation rewrites and why it is safe on 2.7 and 3"),
    CommandSpec("pause", "", ON_PR_OR_DASHBOARD, True, "stop opening new PRs in this repository"),
    CommandSpec("resume", "", ON_PR_OR_DASHBOARD, True, "start opening new PRs again"),
    CommandSpec("next", "", ON_PR_OR_DASHBOARD, True, "open the next planned PR now, even above the open-PR limit"),
    CommandSpec("status", "", ON_PR_OR_DASHBOARD, False, "reply with the migration progress"),
    CommandSpec("drop-python2", "", ON_PR_OR_DASHBOARD, True,
                "Python 2 is dropped: start the python3-only stage, which removes the 2+3 scaffolding "
                "(six, `__future__` lines, shims); its PRs are tested on Python 3 only"),
    CommandSpec("help", "", ANYWHERE, False, "this list"),
]}


@dataclass(frozen=True)
class Command:
    name: str  # a REGISTRY key, or "" when the line named no known command
    args: tuple
    line: str  # the line as written, for quoting in the reply
    problem: str = ""  # why the line is not a valid command (unknown command, bad arguments)


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _command_lines(body):
    """Lines that may hold commands: not quoted, not in a fenced or indented code block."""
    fenced = None
    for raw in body.replace("\r\n", "\n").split("\n"):
        fence = _FENCE.match(raw)
        if fence:
            marker = fence.group(1)
            fenced = None if fenced == marker else (fenced or marker)
            continue
        if fenced or raw.startswith(("    ", "\t")) or raw.lstrip().startswith(">"):
            continue
        yield raw.strip()


def parse(body, slug="py3bridge", fixer_names=()):
    """The commands in a comment body, in order."""
    prefixes = {"/py3bridge", "@" + slug.lower()}
    commands = []
    for line in _command_lines(body or ""):
        words = line.split()
        if not words or words[0].lower() not in prefixes:
            continue
        commands.append(_command(words[1:], line, fixer_names))
    return commands


def _command(words, line, fixer_names):
    if not words:
        return Command("", (), line, "no command given")
    name, args = words[0].lower(), tuple(words[1:])
    spec = REGISTRY.get(name)
    if spec is None:
        return Command("", args, line, "unknown command `%s`" % words[0])
    if spec.args == "" and args:
        return Command(name, args, line, "`%s` takes no arguments" % name)
    if spec.args == "fixer" and len(args) != 1 or spec.args == "fixer?" and len(args) > 1:
        return Command(name, args, line, "`%s` takes one fixer name" % name)
    if args and fixer_names and args[0] not in fixer_names:
        return Command(name, args, line, "unknown fixer `%s`" % args[0])
    return Command(name, args, line)


def help_text(slug="py3bridge"):
    lines = ["Commands (write `/py3bridge <command>` or `@%s <command>` on a line of its own):" % slug, "",
             "| command | where | what it does |", "|---|---|---|"]
    for spec in REGISTRY.values():
        usage = spec.name + {"": "", "fixer": " <fixer>", "fixer?": " [fixer]"}[spec.args]
        who = "" if spec.needs_write else " (anyone)"
        lines.append("| `%s` | %s | %s%s |" % (usage, spec.where, spec.help, who))
    lines += ["", "Commands that change something need write access to the repository."]
    return "\n".join(lines)
