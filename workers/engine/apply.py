"""Applying fixers to files: transform, verify with real interpreters, then write atomically.

A file is written only if, for every verification interpreter, it still compiles when it
compiled before. Otherwise it is left untouched and the reason is reported. Writes go through a
temporary file and a rename, so a crash never leaves a half-written file behind.
"""
import difflib
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple, Optional
from pathlib import Path

from workers import fixers as registry
from workers.deps import backports, declare, undeclare
from workers.rewriting import parsing, text_lines
from workers.files import safe_files, source
from workers.engine.context import contexts_for
from workers.rewriting.code_view import SourceView
from workers.rewriting.collector import collector_paused
from workers.rewriting.trigger_index import admitted
from workers.rewriting.fixer import FixerCrashed, is_codemod
from workers.engine.parallel import map_files
from workers.engine.scan import TOO_DEEP, parse_python3, recursion_limit
from workers.engine.tree import python_files_and_skipped
from workers.engine.verify import compile_error_here, compile_errors, runs_here, version_here

CHANGED, REJECTED, FAILED = "changed", "rejected", "failed"
# Below this much source a pool costs more than it saves; above it, even a few files share the
# cores (feedparser: one 157 KB module and five others).
SERIAL_APPLY_BYTES = 32 * 1024


class CompiledHere(NamedTuple):
    """What the Python running py3bridge said of compiling a changed file (None: it compiled)."""
    error_after: Optional[str]
    error_before: Optional[str]  # only asked when the new text fails


class Job(NamedTuple):
    """One file for the pool: its bytes, or the FAILED FileResult of reading them."""
    path: str
    data: object  # bytes, or a FileResult when the file could not be read safely
    fixer_names: list
    context: object  # the file's ModuleContext
    unplanned: bool
    compile_here: bool  # whether the Python running py3bridge verifies, in the pool

    @property
    def size(self):
        return len(self.data) if isinstance(self.data, bytes) else 0


class Candidate(NamedTuple):
    """A changed file waiting for verification."""
    result: "FileResult"
    old_data: bytes
    new_data: bytes
    compiled_here: Optional[CompiledHere]  # None when no verifier runs in this process


@dataclass
class FileResult:
    path: str
    status: str
    sites: dict = field(default_factory=dict)  # fixer name -> [Site]
    reason: str = ""
    diff: str = ""
    imports_added: list = field(default_factory=list)  # runtime packages the file imports only now, and backports
    imports_removed: list = field(default_factory=list)  # retired packages (six) the file no longer imports

    def counts(self):
        added = removed = 0
        for line in self.diff.split("\n"):
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
        return added, removed

    def to_json(self, with_diff=False):
        added, removed = self.counts()
        data = {
            "path": self.path,
            "status": self.status,
            "sites": {name: [s.to_json() for s in sites] for name, sites in sorted(self.sites.items())},
            "lines_added": added,
            "lines_removed": removed,
        }
        if self.reason:
            data["reason"] = self.reason
        if with_diff:
            data["diff"] = self.diff
        return data


@dataclass
class ApplyResult:
    fixers: list
    files: list  # [FileResult], sorted by path
    interpreters: dict  # label -> version string
    dependencies: dict = field(default_factory=dict)  # package now imported -> file declaring it ("" if none)
    dependency_problems: dict = field(default_factory=dict)  # package -> why it could not be declared
    skipped: list = field(default_factory=list)  # [(path, reason)] never read (symlinks...), from the plan
    undeclared: list = field(default_factory=list)  # [undeclare.Removal]: packages nothing imports any more

    @property
    def changed(self):
        return [f for f in self.files if f.status == CHANGED]

    @property
    def not_applied(self):
        return [f for f in self.files if f.status != CHANGED]

    def to_json(self, with_diff=False):
        return {
            "fixers": self.fixers,
            "interpreters": self.interpreters,
            "changed": len(self.changed),
            "not_applied": len(self.not_applied),
            "files": [f.to_json(with_diff) for f in self.files],
            "dependencies_added": [
                dict({"package": package, "path": path},
                     **({"reason": self.dependency_problems[package]} if package in self.dependency_problems else {}))
                for package, path in sorted(self.dependencies.items())
            ],
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
            "dependencies_removed": [removal.to_json() for removal in self.undeclared],
        }


def transform_text(text, fixers, context=None):
    """(new text, {fixer name: [Site]}) for decoded source text; raises parsing.ParseError, or
    FixerCrashed naming the fixer that failed. The 2+3 fixers run on one fissix tree, then the
    python3-only codemods on one libcst tree of the result, sharing its walks."""
    with collector_paused():
        return _transformed(text, fixers, context)


def _transformed(text, fixers, context):
    sites = {}
    two_and_three = [fixer for fixer in fixers if not is_codemod(fixer)]
    python3_only = [fixer for fixer in fixers if is_codemod(fixer)]
    if two_and_three:
        text = _run_fixers(parsing.parse(text, context), two_and_three, sites)
    if python3_only:
        from workers.rewriting import codemod  # libcst, imported only when the stage runs (scan.parse_python3)
        text, found = codemod.fix_text(text, python3_only, context)
        sites.update(found)
    return text, sites


def parse_for(fixer, text, context=None):
    """The tree `fixer` works on: libcst's for a codemod, fissix's for the others."""
    return parse_python3(text, context) if is_codemod(fixer) else parsing.parse(text, context)


def _run_fixers(tree, fixers, sites):
    for fixer in fixers:
        try:
            fixed = fixer.fix(tree)
        except RecursionError:  # the file is too deep, not the fixer wrong: the caller says so
            raise
        except Exception as err:  # a bug in one fixer must not take the whole batch down
            raise FixerCrashed("fixer %s failed on this file: %s: %s" % (fixer.name, type(err).__name__, err)) from err
        if fixed:
            sites[fixer.name] = fixed
    return str(tree)


def _transform_job(job):
    """(FileResult or None, new bytes, None or what the Python running py3bridge says of compiling
    the new bytes and, when they fail, the old ones: it is one of the verifiers, and compiles here,
    in the pool, instead of in a subprocess after it)."""
    result, new_data = _fixed_file(job)
    if not job.compile_here or result is None or result.status != CHANGED:
        return result, new_data, None
    error = compile_error_here(new_data)
    return result, new_data, CompiledHere(error, compile_error_here(job.data) if error else None)


def _fixed_file(job):
    path, data, fixer_names, context, unplanned, _ = job
    if isinstance(data, FileResult):  # could not be read safely
        return (None, None) if unplanned else (data, None)
    fixers = [registry.get(name) for name in fixer_names]
    try:
        with recursion_limit():
            src = source.decode(data)
            if unplanned and not admitted(fixers, SourceView(src.text), context):
                return None, None
            new_text, sites = transform_text(src.text, fixers, context)
            new_data = src.encode(new_text)
    except (source.SourceError, parsing.ParseError) as err:
        # A whole-stage apply reads every file: one no plan would list (it is not Python 2 or 3
        # source) is left out, as the plan leaves it out, not reported as a failed change.
        return (None, None) if unplanned else (FileResult(path, FAILED, reason=str(err)), None)
    except FixerCrashed as err:
        return FileResult(path, FAILED, reason=str(err)), None
    except RecursionError:
        return FileResult(path, FAILED, reason=TOO_DEEP), None
    except MemoryError:
        return FileResult(path, FAILED, reason="too complex to rewrite (MemoryError)"), None
    if new_data == data:
        return None, None
    old_lines, new_lines = text_lines.lines(src.text, keepends=True), text_lines.lines(new_text, keepends=True)
    diff = "".join(difflib.unified_diff(old_lines, new_lines, "a/" + path, "b/" + path))
    needed = sorted({package for fixer in fixers for package in fixer.requires})
    added = [p for p in needed if _imports(new_text, p) and not _imports(src.text, p)]
    added += backports.backports_needed(new_text)
    removed = [p for p in undeclare.RETIRED if any(is_codemod(f) for f in fixers)
               and undeclare.imports(src.text, p) and not undeclare.imports(new_text, p)]
    return FileResult(path, CHANGED, sites, diff=diff, imports_added=added, imports_removed=removed), new_data


def _imports(text, package):
    return re.search(r"^[ \t]*(?:import|from)[ \t]+%s\b" % re.escape(package), text, re.MULTILINE) is not None


def _verify(candidates, interpreters):
    """Reject candidates that stop compiling anywhere they compiled before. Returns {label: version}.
    `candidates`: [Candidate]. The new texts are compiled first; the old ones only where a new one
    fails (mostly none)."""
    here = [i for i in interpreters if runs_here(i) and all(c.compiled_here is not None for c in candidates)]
    elsewhere = [i for i in interpreters if i not in here]
    versions = {}
    with tempfile.TemporaryDirectory(prefix="py3bridge-verify-") as tmp:
        after = _written(tmp, "after", [c.new_data for c in candidates]) if elsewhere else []
        for interpreter, (version, errors) in zip(elsewhere, _compiled_by_each(elsewhere, after)):
            versions[interpreter.label] = version
            failing = [index for index, error in enumerate(errors) if error is not None]
            if failing:
                before = _written(tmp, "before-" + interpreter.label, [candidates[index].old_data for index in failing])
                _, errors_before = compile_errors(interpreter, before)
                _reject(candidates, version, [(index, errors[index], error_before)
                                              for index, error_before in zip(failing, errors_before)])
        for interpreter in here:
            versions[interpreter.label] = version_here()
            _reject(candidates, version_here(), [(index,) + c.compiled_here for index, c in enumerate(candidates)
                                                 if c.compiled_here.error_after is not None])
    return versions


def _reject(candidates, version, failing):
    """Mark rejected the candidates whose new text fails and old text compiled: `failing` is
    [(index, error after, error before)]."""
    for index, error_after, error_before in failing:
        result = candidates[index].result
        if result.status == CHANGED and error_before is None:
            result.status = REJECTED
            result.reason = "would no longer compile on Python %s: %s" % (version, error_after)


def _compiled_by_each(interpreters, paths):
    """[compile_errors(interpreter, paths) for each interpreter], the interpreters run at the same
    time: each is a subprocess, and 2.7 and 3 on one core each halve a large batch's wait."""
    if len(interpreters) < 2:
        return [compile_errors(interpreter, paths) for interpreter in interpreters]
    with ThreadPoolExecutor(len(interpreters)) as pool:
        return list(pool.map(lambda interpreter: compile_errors(interpreter, paths), interpreters))


def _written(folder, name, texts):
    """Paths of fresh files holding `texts` (bytes), in folder/name/."""
    target = Path(folder, name)
    target.mkdir(exist_ok=True)
    paths = []
    for index, data in enumerate(texts):
        path = target / ("%d.py" % index)
        path.write_bytes(data)
        paths.append(path)
    return paths


def _write_atomically(root, path, old_data, new_data):
    """Write through safe_files (no symlink followed, temp file + fsync + rename, mode kept)."""
    try:
        safe_files.write_bytes(root, path, new_data, expected=old_data)
    except safe_files.UnsafePath as err:
        if "changed on disk" in err.reason:
            return "file changed on disk while fixing; left as it is"
        return "not written: %s %s" % (path, err.reason)
    except OSError as err:
        return "not written: %s" % (err.strerror or err)
    return ""


def _read_job(root, path, fixer_names, context, unplanned=False, compile_here=False):
    """The job for one file, or a FAILED FileResult in place of the data when it cannot be read."""
    try:
        data = safe_files.read_bytes(root, path)
    except safe_files.UnsafePath as err:
        data = FileResult(path, FAILED, reason="not read: %s %s" % (path, err.reason))
    except OSError as err:
        data = FileResult(path, FAILED, reason="cannot be read: %s" % (err.strerror or err))
    return Job(path, data, fixer_names, context, unplanned, compile_here)


def apply_fixers(root, fixer_names, paths, interpreters, write=True, evidence=None, unplanned=False):
    """Apply the named fixers (in registry order) to the given files under root (`evidence`: what the
    2.7 tests recorded, workers/engine/evidence.py, for the fixers that consult it). `unplanned`:
    `paths` are every Python file rather than those a plan found sites in; a file that cannot be
    read or parsed is then left out, as a plan leaves it out."""
    root = Path(root)
    ordered = [name for name in registry.in_order(fixer_names) if not registry.get(name).reports_only]
    paths = sorted(set(paths))
    contexts = contexts_for(root, paths, evidence)
    if any(is_codemod(registry.get(name)) for name in ordered):
        interpreters = [i for i in interpreters if not i.label.startswith("2")]  # Python 2 is dropped
    compile_here = any(runs_here(interpreter) for interpreter in interpreters)
    jobs = [_read_job(root, path, ordered, contexts[path], unplanned, compile_here) for path in paths]
    sizes = [job.size for job in jobs]
    outcomes = map_files(_transform_job, jobs, serial=sum(sizes) < SERIAL_APPLY_BYTES, weights=sizes)
    results, candidates = [], []
    for job, (result, new_data, compiled_here) in zip(jobs, outcomes):
        if result is None:
            continue
        results.append(result)
        if result.status == CHANGED:
            candidates.append(Candidate(result, job.data, new_data, compiled_here))
    versions = _verify(candidates, interpreters) if candidates else {i.label: "" for i in interpreters}
    outcome = ApplyResult(ordered, sorted(results, key=lambda r: r.path), versions)
    if write:
        for result, old_data, new_data, _ in candidates:
            if result.status == CHANGED:
                problem = _write_atomically(root, result.path, old_data, new_data)
                if problem:
                    result.status, result.reason = REJECTED, problem
        outcome.dependencies, outcome.dependency_problems = _declare_new_dependencies(root, outcome.changed)
        outcome.undeclared = _undeclare_unused_dependencies(root, outcome.changed)
    return outcome


def _declare_new_dependencies(root, changed):
    """The batch must work on its own: a package the code imports only now joins the declared ones.

    ({package: path written or ""}, {package: why not declared}). Never raises: the code change
    is already on disk, and a dependency file we cannot edit is reported, not fatal."""
    packages = sorted({package for result in changed for package in result.imports_added})
    written, problems = {}, {}
    for package in packages:
        outcome = declare.declare_package(root, package)
        if outcome.already:
            continue
        written[package] = outcome.path
        if outcome.problem:
            problems[package] = outcome.problem
    return written, problems


def _undeclare_unused_dependencies(root, changed):
    """A python3-only batch that removed the last import of six also removes six from the declared
    dependencies; every Python file of the checkout is read to know it was the last. Never raises."""
    packages = sorted({package for result in changed for package in result.imports_removed})
    if not packages:
        return []
    paths, unread = python_files_and_skipped(root)
    return [removal for package in packages for removal in undeclare.undeclare_unused(root, package, paths, unread)]
