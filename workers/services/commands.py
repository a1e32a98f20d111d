"""Running slash-commands (parsed by common/command_grammar.py) from a PR or the dashboard.

Each comment runs once (its id is claimed in Redis), gets an 👀 reaction straight away and one
reply that quotes the command and says what was done or why not; a long command's reply says it
is working and is edited in place when done. Everything a command changes is stored in the
repository's state and shown on the dashboard.
"""
import datetime
import tempfile
from pathlib import Path

from common.command_grammar import ANYWHERE, ON_PR, REGISTRY, help_text, parse
from workers import fixers as registry
from workers.deps import upgrade as upgrades
from workers.forge.gitrepo import BranchMoved
from workers.services import dashboard, evidence_runs, opening, pr_text as pull_request, repository, sync
from workers.services import state as repo_state
from workers.services.state import SKIPPED, SPLIT, BatchRecord
from workers.testrun import config as test_config
from workers.testrun.session import run_session
from workers.testrun.trees import export_revision

WRITE_PERMISSIONS = ("admin", "maintain", "write")
LONG_RUNNING = ("rebase", "recreate", "retest", "split", "next")
CLAIM_SECONDS = 90 * 24 * 3600


def handle_comment(context, installation_id, full_name, number, comment_id, body, author, is_pull):
    if not context.redis.set("py3bridge:comment:%s" % comment_id, "1", nx=True, ex=CLAIM_SECONDS):
        return  # this comment's commands already ran (a redelivery)
    slug = context.app_slug()
    commands = parse(body, slug, tuple(registry.BY_NAME) + (upgrades.NAME,))
    if not commands:
        return
    repo = context.client.github(installation_id).get_repo(full_name)
    state = repo_state.load(context.redis, full_name)
    batch = state.batch_for_pr(number) if is_pull else None
    place = "pr" if batch else "dashboard" if number == state.dashboard_issue and not is_pull else "other"
    if place == "other" and all(c.name != "help" for c in commands):
        return  # not ours: only `help` is answered everywhere
    issue = repo.get_issue(number)
    issue.get_comment(comment_id).create_reaction("eyes")
    for command in commands:
        if place == "other" and command.name != "help":
            continue
        Run(context, installation_id, repo, issue, command, author, place, slug).reply()


class Run:
    """One command of one comment: checks, the action, the reply."""

    def __init__(self, context, installation_id, repo, issue, command, author, place, slug):
        self.context, self.installation_id, self.repo, self.issue = context, installation_id, repo, issue
        self.command, self.author, self.place, self.slug = command, author, place, slug
        self.reply_comment = None

    def say(self, text):
        body = "> %s\n\n%s" % (self.command.line, text)
        if self.reply_comment is None:
            self.reply_comment = self.issue.create_comment(body)
        else:
            self.reply_comment.edit(body)

    def reply(self):
        refusal = self._refusal()
        if refusal:
            return self.say(refusal)
        if self.command.name in LONG_RUNNING:
            self.say("⏳ @%s, working on it: this message will be updated." % self.author)
        try:
            self.say(getattr(self, "do_" + self.command.name.replace("-", "_"))())
        except Exception as err:  # the reply must never stay at "working on it"
            self.say("❌ `%s` failed: %s" % (self.command.name, err))
            raise

    def _refusal(self):
        command = self.command
        if command.problem:
            return "%s.\n\n%s" % (command.problem[0].upper() + command.problem[1:], help_text(self.slug))
        spec = REGISTRY[command.name]
        if spec.where == ON_PR and self.place != "pr":
            return "`%s` works on a py3bridge pull request." % command.name
        if spec.where != ANYWHERE and self.place == "other":
            return "`%s` works on a py3bridge pull request or the dashboard issue." % command.name
        if command.name == "skip" and not command.args and self.place != "pr":
            return "On the dashboard, say which transformation to skip: `/py3bridge skip <fixer>`."
        if spec.needs_write and not self._can_write():
            return ("Sorry @%s, `%s` needs write access to this repository; `explain`, `status` and `help` "
                    "are open to everyone." % (self.author, command.name))
        return ""

    def _can_write(self):
        return self.repo.get_collaborator_permission(self.author) in WRITE_PERMISSIONS

    # -- state, under the repository lock -----------------------------------------------------

    def _change_state(self, change):
        with repo_state.repository_lock(self.context.redis, self.repo.full_name):
            state = repo_state.load(self.context.redis, self.repo.full_name)
            text = change(state)
            dashboard.update(self.repo, state)
            repo_state.save(self.context.redis, state)
        return text

    def _batch(self, state):
        return state.batch_for_pr(self.issue.number)

    # -- commands ----------------------------------------------------------------------------

    def do_help(self):
        return help_text(self.slug)

    def do_status(self):
        state = repo_state.load(self.context.redis, self.repo.full_name)
        readiness = state.readiness or {}
        counts = {}
        for batch in state.batches:
            counts[batch.state] = counts.get(batch.state, 0) + 1
        lines = ["**%d of %d** Python files parse on Python 3 and are free of Python-2-only syntax." % (
            readiness.get("py3_ready", 0), readiness.get("files", 0)),
            "Pull requests: %s." % (", ".join("%d %s" % (n, s) for s, n in sorted(counts.items())) or "none yet")]
        if state.paused:
            lines.append("Paused: no new pull requests until `/py3bridge resume`.")
        if state.skipped_fixers:
            lines.append("Skipped transformations: %s." % ", ".join("`%s`" % f for f in state.skipped_fixers))
        lines += ["Still to do: %s." % (", ".join("`%(fixer)s` %(files)d files" % r for r in state.remaining) or "nothing")]
        return "\n".join(lines)

    def do_explain(self):
        batch = self._batch(repo_state.load(self.context.redis, self.repo.full_name))
        fixer = repository.fixer_for(batch)
        text = "**`%s`** (%s, risk: %s)\n\n%s" % (fixer.name, fixer.summary, fixer.risk, fixer.explanation)
        if fixer.review_hint:
            text += "\n\n**What to look at:** " + fixer.review_hint
        return text

    def do_drop_python2(self):
        when = "by @%s on %s" % (self.author, datetime.date.today().isoformat())
        self._change_state(lambda s: setattr(s, "python2_dropped_by", s.python2_dropped_by or when))
        sync.sync_repository(self.context, self.installation_id, self.repo.full_name)
        return ("Python 2 is dropped %s. py3bridge now also proposes the **python3-only** stage: pull "
                "requests that remove the 2+3 scaffolding (six, `__future__` lines, shims), each tested on "
                "Python 3 only, after the 2+3 stages' work." % when)

    def do_pause(self):
        return self._change_state(lambda s: setattr(s, "paused", True) or (
            "Paused: no new pull requests in this repository until `/py3bridge resume`."))

    def do_resume(self):
        self._change_state(lambda s: setattr(s, "paused", False))
        sync.sync_repository(self.context, self.installation_id, self.repo.full_name)
        return "Resumed: new pull requests are opened again (up to the open-PR limit)."

    def do_skip(self):
        if self.command.args:
            fixer = self.command.args[0]
            self._change_state(lambda s: s.skipped_fixers.append(fixer) if fixer not in s.skipped_fixers else None)
            return "`%s` will not be proposed in this repository any more (`/py3bridge unskip %s` brings it back)." % (
                fixer, fixer)

        def close(state):
            batch = self._batch(state)
            batch.state = SKIPPED
            self.repo.get_pull(self.issue.number).edit(state="closed")
        self._change_state(close)
        return "Closed. These files will not be proposed for this transformation again."

    def do_unskip(self):
        fixer = self.command.args[0]
        self._change_state(lambda s: s.skipped_fixers.remove(fixer) if fixer in s.skipped_fixers else None)
        return "`%s` will be proposed again." % fixer

    def do_next(self):
        before = {b.pr for b in repo_state.load(self.context.redis, self.repo.full_name).batches}
        sync.sync_repository(self.context, self.installation_id, self.repo.full_name, extra=1)
        opened = [b for b in repo_state.load(self.context.redis, self.repo.full_name).batches if b.pr not in before]
        if not opened:
            return "Nothing left to propose right now."
        return "Opened #%d." % opened[-1].pr

    def do_retest(self):
        with repo_state.repository_lock(self.context.redis, self.repo.full_name):
            state = repo_state.load(self.context.redis, self.repo.full_name)
            batch = self._batch(state)
            checkout, config = self._checkout(state)
            checkout.git("checkout", "-q", "-B", batch.branch, "origin/%s" % batch.branch)
            with tempfile.TemporaryDirectory(prefix="py3bridge-base-") as scratch:
                base = export_revision(checkout.path, "origin/%s" % self.repo.default_branch, Path(scratch) / "t")
                reports = run_session(base, checkout.path, repository.test_interpreters(config, checkout.path),
                                      test_config.load(checkout.path, config.tests), scope=repository.cache_scope(state))
            opening.remember_blockers(state, batch, reports)
            self._publish(batch, reports, checkout.head())
            repo_state.save(self.context.redis, state)
        return "Tests rerun; the summary and the check are updated."

    def do_rebase(self, discard_others=False):
        with repo_state.repository_lock(self.context.redis, self.repo.full_name):
            state = repo_state.load(self.context.redis, self.repo.full_name)
            batch = self._batch(state)
            checkout, config = self._checkout(state)
            foreign = self._foreign_commits(checkout, batch)
            if foreign and not discard_others:
                return ("Someone else pushed to this branch (%s), so I did not touch it. `/py3bridge recreate` "
                        "regenerates it and discards those commits." % ", ".join(foreign))
            old_branch = checkout.git("rev-parse", "origin/%s" % batch.branch)
            built = opening.build_branch(self.context, self.repo, checkout, state, batch, config, {},
                                         self._kept_evidence(state, checkout))
            if built is None:
                repo_state.save(self.context.redis, state)
                return "The transformation no longer changes these files: %s" % batch.reason
            fixer, reports, sha = built
            if checkout.git("rev-parse", "%s^{tree}" % sha) == checkout.git("rev-parse", "%s^{tree}" % old_branch) \
                    and checkout.git("rev-parse", "%s^" % old_branch) == checkout.git(
                        "rev-parse", "origin/%s" % self.repo.default_branch):
                return "Already up to date with `%s`." % self.repo.default_branch
            try:  # lease: the branch as we inspected it above; a push made since then is kept
                batch.pushed_sha = checkout.push(batch.branch, old_branch)
            except BranchMoved:
                return ("Someone pushed to this branch while I was rebuilding it, so I did not overwrite it. "
                        "Run the command again to rebuild on top of the new state.")
            self._publish(batch, reports, sha)
            repo_state.save(self.context.redis, state)
        verb = "Recreated" if discard_others else "Rebased"
        return "%s on `%s` (%s): the transformation was applied again and the tests rerun." % (
            verb, self.repo.default_branch, sha[:7])

    def do_recreate(self):
        return self.do_rebase(discard_others=True)

    def do_split(self):
        with repo_state.repository_lock(self.context.redis, self.repo.full_name):
            state = repo_state.load(self.context.redis, self.repo.full_name)
            batch = self._batch(state)
            if len(batch.files) < 2:
                return "This pull request changes one file; there is nothing to split."
            half = (len(batch.files) + 1) // 2
            batch.state = SPLIT
            self.repo.get_pull(self.issue.number).edit(state="closed")
            halves = [BatchRecord(batch.fixer, state.next_sequence(batch.fixer), batch.files[:half])]
            state.batches.append(halves[0])
            halves.append(BatchRecord(batch.fixer, state.next_sequence(batch.fixer), batch.files[half:]))
            state.batches.append(halves[1])
            repo_state.save(self.context.redis, state)
            checkout, config = self._checkout(state)
            for new in halves:
                opening.open_pull_request(self.context, self.repo, checkout, state, new, config, {},
                                          self._kept_evidence(state, checkout))
                repo_state.save(self.context.redis, state)
            dashboard.update(self.repo, state)
            repo_state.save(self.context.redis, state)
        return "Split into %s." % " and ".join("#%d (%d files)" % (b.pr, len(b.files)) for b in halves)

    # -- helpers -----------------------------------------------------------------------------

    def _checkout(self, state):
        config = repository.read_config(self.repo, state)
        return repository.fresh_clone(self.context, self.repo, self.installation_id), config

    def _kept_evidence(self, state, checkout):
        """The bytes/text evidence a sync recorded for the default branch's revision, or None: a
        command never runs the suite for it."""
        return evidence_runs.cached(self.context, state, checkout.remote_sha(self.repo.default_branch)) or None

    def _foreign_commits(self, checkout, batch):
        bot_email = self.context.author[1]
        lines = checkout.git("log", "--format=%h %ae", "origin/%s..origin/%s" % (self.repo.default_branch, batch.branch))
        return [line.split()[0] for line in lines.splitlines() if line and line.split()[1] != bot_email]

    def _publish(self, batch, reports, sha):
        pull = self.repo.get_pull(batch.pr)
        fixer = repository.fixer_for(batch)
        pull.edit(body=pull_request.body(fixer, batch, reports))
        opening.report_check(self.repo, sha, reports)

