"""The plan: which fixer would change which files, cut into reviewer-sized batches.

Deterministic: the same tree and the same limits give the same plan, batch for batch.
"""
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from workers import fixers as registry
from workers.engine import cache as scan_cache
from workers.engine import snapshot
from workers.files import safe_files
from workers.engine.context_cache import plan_contexts
from workers.engine.file_facts import FACTS_KEY, FactsReader
from workers.engine.parallel import map_files
from workers.engine.scan import FileScan, scan_guarded
from workers.engine.standby import Standby
from workers.engine.tree import python_files_and_skipped
from workers.rewriting.fixer import TWO_AND_THREE_STAGES

DEFAULT_MAX_FILES = 20
# Less source than this is scanned faster by the plan's own process and its helper (standby.py)
# than by a pool, which takes longer to start than to use (Django's re-plan after 20 edited files,
# 70 KB, medians of 13 alternated runs at load 1-3: 1.30 s wall in one process, 1.44 s with a pool).
SERIAL_SCAN_BYTES = 128 * 1024
DEFAULT_MAX_LINES = 250
PLAN_SCHEMA = 1


@dataclass(frozen=True)
class BatchLimits:
    max_files: int = DEFAULT_MAX_FILES
    max_lines: int = DEFAULT_MAX_LINES

    def __post_init__(self):
        if self.max_files < 1 or self.max_lines < 1:
            raise ValueError("batch limits must be at least 1")


@dataclass
class Batch:
    fixer: str
    number: int  # 1-based within the fixer
    files: list
    sites: int
    lines: int

    def to_json(self):
        return {"fixer": self.fixer, "number": self.number, "files": self.files, "sites": self.sites, "lines": self.lines}


@dataclass
class FixerPlan:
    fixer: object
    files: dict  # path -> [Site]
    batches: list = field(default_factory=list)

    @property
    def site_count(self):
        return sum(len(sites) for sites in self.files.values())

    def to_json(self):
        data = {
            "name": self.fixer.name,
            "stage": self.fixer.stage,
            "summary": self.fixer.summary,
            "risk": self.fixer.risk,
            "requires": list(self.fixer.requires),
            "reports_only": self.fixer.reports_only,
            "files": len(self.files),
            "sites": self.site_count,
        }
        if self.fixer.reports_only:
            data["findings"] = [
                dict(path=path, **site.to_json()) for path, sites in sorted(self.files.items()) for site in sites
            ]
        else:
            data["batches"] = [batch.to_json() for batch in self.batches]
        return data


@dataclass
class Plan:
    root: str
    scans: list  # [FileScan], sorted by path
    fixers: list  # [FixerPlan], in registry order, only fixers with sites
    limits: BatchLimits
    skipped: list = field(default_factory=list)  # [(path, reason)]: symlinks and the like, never read
    stages: tuple = TWO_AND_THREE_STAGES  # the stages whose fixers were asked

    @property
    def unparseable(self):
        return [scan for scan in self.scans if scan.error]

    @property
    def unconvertible(self):
        """Files Python 3 does not compile and no rewriting syntax fixer would touch."""
        rewriting = {f.name for f in registry.in_stage("syntax") if not f.reports_only}
        return [s for s in self.scans if s.py3_error and not s.error and not (rewriting & set(s.sites))]

    @property
    def py3_ready(self):
        """Files that parse on Python 3 and hold no Python-2-only syntax the syntax stage would change."""
        syntax = {fixer.name for fixer in registry.in_stage("syntax")}
        return [s for s in self.scans if s.parses_on_py3 and not (syntax & set(s.sites))]

    def for_fixer(self, name):
        for fixer_plan in self.fixers:
            if fixer_plan.fixer.name == name:
                return fixer_plan
        return None

    def readiness(self):
        return {
            "files": len(self.scans),
            "parse_on_py3": sum(1 for s in self.scans if s.parses_on_py3),
            "py3_ready": len(self.py3_ready),
        }

    def to_json(self):
        return {
            "schema": PLAN_SCHEMA,
            "root": self.root,
            "stages": list(self.stages),
            "limits": {"max_files": self.limits.max_files, "max_lines": self.limits.max_lines},
            "readiness": self.readiness(),
            "fixers": [fixer_plan.to_json() for fixer_plan in self.fixers],
            "unparseable": [{"path": s.path, "error": s.error} for s in self.unparseable],
            "unconvertible": [{"path": s.path, "error": s.py3_error} for s in self.unconvertible],
            "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped],
        }


def cut_batches(fixer_name, files, limits):
    """Greedy, in path order: a batch closes when adding a file would pass either limit."""
    batches, current, sites, lines = [], [], 0, 0
    for path in sorted(files):
        file_sites = files[path]
        file_lines = sum(site.lines for site in file_sites)
        if current and (len(current) + 1 > limits.max_files or lines + file_lines > limits.max_lines):
            batches.append(Batch(fixer_name, len(batches) + 1, current, sites, lines))
            current, sites, lines = [], 0, 0
        current.append(path)
        sites += len(file_sites)
        lines += file_lines
    if current:
        batches.append(Batch(fixer_name, len(batches) + 1, current, sites, lines))
    return batches


def _scan_job(item):
    path, digest, data, context, stages = item
    return scan_guarded(path, digest, data, registry.in_stages(stages), context)


def _facts_reader(root, snapshot, cache):
    """The FactsReader of the plan's files: their digests, and the facts the cache holds for them."""
    known = cache.get_many_raw(FACTS_KEY + digest for digest in snapshot.digests.values())
    root = str(root)
    by_full_path = {os.path.join(root, path): path for path in snapshot.digests}
    return FactsReader({full_path: snapshot.digests[path] for full_path, path in by_full_path.items()},
                       lambda full_path: snapshot.data(by_full_path[full_path]), known, cache)


def scan_tree(root, use_cache=True, cache_dir=None, exclude=(), skipped=None, stages=TWO_AND_THREE_STAGES,
              evidence=None):
    """[FileScan] for the Python files under root, by the fixers of `stages`. Files that are never
    read (symlinks, not regular files) are left out and, when `skipped` is a list, appended to it
    as (path, reason)."""
    root = Path(root)
    with Standby(functools.partial(_get_ready, stages), wanted=use_cache) as helper:  # a re-plan, most likely
        return _scan_tree(root, use_cache, cache_dir, exclude, skipped, stages, evidence, helper)


def _get_ready(stages):
    """What a process does before its first scans: import the fixers, compile their triggers and
    patterns."""
    for fixer in registry.in_stages(stages):
        fixer.get_ready()


def _scan_tree(root, use_cache, cache_dir, exclude, skipped, stages, evidence, helper):
    paths, not_read = python_files_and_skipped(root, exclude)
    stages_key = "" if stages == TWO_AND_THREE_STAGES else "+" + ",".join(stages)
    cache = scan_cache.ScanCache(cache_dir) if use_cache else scan_cache.NoCache()
    try:
        with safe_files.CheckoutReader(root) as reader:
            files = snapshot.take(root, paths, reader, cache)
            if files.bytes_read >= SERIAL_SCAN_BYTES:  # a cold plan, most likely: its pools need both cores
                helper.close()
            if skipped is not None:
                skipped.extend(sorted(not_read + files.not_read))
            paths = [path for path in paths if path in files.digests or path in files.unreadable]
            facts = _facts_reader(root, files, cache)
            facts.compute_missing(map_files)
            contexts, kept_contexts = plan_contexts(root, list(files.digests), evidence, None if exclude else paths,
                                                    facts, cache)
            digests = {path: digest + contexts.digests[path] + stages_key for path, digest in files.digests.items()}
            for path in files.unreadable:  # never cached: the next plan tries again
                digests[path] = ""
            cached = cache.get_many(digest for digest in digests.values() if digest)
            misses = [(path, digests[path], files.data(path), contexts[path], stages)
                      for path in paths if path in files.digests and digests[path] not in cached]
        fresh = {scan.path: scan for scan in _scans(misses, stages, helper)}
        cache.put_many(list(facts.new.items()) + kept_contexts + files.to_store()
                       + [(scan.digest, scan.to_cache()) for scan in fresh.values()])
    finally:
        cache.close()
    fresh.update({path: FileScan(path, "", error=reason) for path, reason in files.unreadable.items()})
    return [fresh.get(path) or FileScan.from_cache(path, digests[path], cached[digests[path]]) for path in paths]


def _scans(misses, stages, helper):
    if not misses:
        return []
    sizes = [len(item[2]) for item in misses]
    if sum(sizes) < SERIAL_SCAN_BYTES:  # this process scans what the helper has not started
        return helper.map(_scan_job, misses, sizes, first=functools.partial(registry.in_stages, stages))
    helper.close()  # a pool's work: the helper would only take a core from it
    _get_ready(stages)  # once, here, not in each pool worker
    return map_files(_scan_job, misses, serial=False, weights=sizes)


def _files_by_fixer(scans):
    """{fixer name: {path: [Site]}}, the paths in the scans' order."""
    by_fixer = {}
    for scan in scans:
        for name, sites in scan.sites.items():
            if sites:
                by_fixer.setdefault(name, {})[scan.path] = sites
    return by_fixer


def make_plan(root, limits=BatchLimits(), use_cache=True, cache_dir=None, exclude=(), stages=TWO_AND_THREE_STAGES,
              evidence=None, held=None):
    """The plan of the fixers of `stages`: the 2+3 stages unless the repository dropped Python 2.
    `held` ({fixer name: paths}): files already in a batch of that fixer, left out of its new batches
    (the plan's batches are the only place batches are cut)."""
    held = held or {}
    skipped = []
    scans = scan_tree(root, use_cache=use_cache, cache_dir=cache_dir, exclude=exclude, skipped=skipped, stages=stages,
                      evidence=evidence)
    fixer_plans = []
    by_fixer = _files_by_fixer(scans)
    for fixer in registry.in_stages(stages):
        files = by_fixer.get(fixer.name)
        if not files:
            continue
        fixer_plan = FixerPlan(fixer, files)
        if not fixer.reports_only:
            fixer_plan.batches = cut_batches(
                fixer.name, {path: sites for path, sites in files.items() if path not in held.get(fixer.name, ())},
                limits)
        fixer_plans.append(fixer_plan)
    return Plan(str(Path(root)), scans, fixer_plans, limits, skipped, tuple(stages))
