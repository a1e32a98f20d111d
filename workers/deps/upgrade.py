"""A dependency upgrade as a py3bridge pull request: one pin in one file, to the first release
that runs on both Python 2.7 and Python 3."""
from workers.deps import django_ladder
from workers.deps.readiness import UPGRADE
from workers.deps.pin_edit import edit_pin
from workers.files import safe_files
from workers.rewriting.fixer import NEEDS_REVIEW

NAME = "upgrade_dependency"


class UpgradeDependency:
    """What an upgrade PR says about itself (its title, body, `explain`), as a fixer's declarations do.
    Not a fixer: the bot proposes upgrades before any code batch (services/planning.py)."""

    name = NAME
    summary = "Upgrade a dependency to its first release that runs on Python 2.7 and 3"
    explanation = (
        "Changes one pinned version on one line of one dependency file (a requirements file, setup.py, "
        "setup.cfg or the Pipfile), to the lowest release at or above the "
        "current pin whose files and metadata (Requires-Python, wheel tags, trove classifiers) say it "
        "runs on both Python 2.7 and Python 3. The smallest step up keeps the API changes you have to "
        "read as few as possible; the test summary shows what the upgrade did to your suite."
    )
    review_hint = "Read the package's changelog between the two versions for behaviour changes."
    risk = NEEDS_REVIEW
    requires = ()
    reports_only = False


DESCRIPTION = UpgradeDependency()


EDITABLE_FILES = ("setup.py", "setup.cfg", "Pipfile")  # and requirements files (*.txt)


def candidates(rows):
    """Readiness rows that can become an upgrade PR: a pin with == on one line of a requirements
    file, setup.py (a plain string literal), setup.cfg or the Pipfile, with a release on both above
    it or (Django) a step of the upgrade ladder left. Never a range, never a computed list."""
    return [row for row in rows if (row.status == UPGRADE or row.ladder) and row.dependency.upgradable_in_place
            and (row.dependency.source.endswith(".txt") or row.dependency.source in EDITABLE_FILES)]


def target(row):
    """The version a readiness row (JSON) is upgraded to: the ladder's next step, else the first
    release at or above the pin that runs on both."""
    steps = row.get("ladder") or []
    return steps[0]["version"] if steps else row["first_version_supporting_both"]


def apply_upgrade(root, batch):
    """Rewrite the pin in the checkout. Returns {path: 1}.

    Byte for byte (pin_edit.py): only the version inside that requirement's text on that line
    changes, and the write is atomic with the mode kept. Raises OSError (safe_files.UnsafePath for
    a symlinked file or one outside the checkout) or ValueError (the pin is no longer on that line,
    or is not a plain literal we can edit)."""
    relative = batch.files[0]
    data = safe_files.read_bytes(root, relative)
    new_data = edit_pin(relative, data, batch.line, batch.package, getattr(batch, "from_version", ""),
                        batch.to_version)
    safe_files.write_bytes(root, relative, new_data, expected=data)
    return {relative: 1}


def where(batch):
    """The one line an upgrade changes, for the PR body and the dashboard: "`setup.py` line 12"."""
    return "`%s` line %d" % (batch.files[0], batch.line) if batch.files and batch.line else ""


def title(batch):
    if getattr(batch, "ladder", None):
        return django_ladder.title(batch)
    return "py3: upgrade %s from %s to %s (first release on Python 2.7 and 3)" % (
        batch.package, batch.from_version, batch.to_version)
