"""A checkout's module contexts kept from one plan to the next.

Building Django's 1,875 contexts from their cached facts takes a fifth of a fully warm plan. They
depend only on the files' facts (imports, definitions: an edit inside a function body changes
none), the evidence, and what the disk answered (which paths are files, what each package folder
holds, the facts and star exports of files outside the plan's). The last plan's contexts are
stored under the checkout's folder with a digest of the first two and the answers themselves, and
taken again when the digest matches and asking the disk again gives the same answers.
"""
import hashlib
import json
from dataclasses import fields

from workers.engine import context
from workers.engine import evidence as evidence_file
from workers.engine.cache import checkout_key
from workers.engine.context import ModuleContext

_SETS = {"package_modules", "late_modules", "has_key_imports", "rebound_modules", "deleted_modules",
         "protocol_attributes_elsewhere"}


class PlanContexts:
    """What a plan needs of the contexts: every file's context digest (part of its scan's cache key)
    and the contexts of the files it scans, which a stored set decodes only for those files."""

    def __init__(self, digests, context_of):
        self.digests = digests
        self._context_of = context_of

    def __getitem__(self, path):
        return self._context_of(path)


def plan_contexts(root, paths, evidence, checkout_files, reader, cache):
    """(PlanContexts of `paths`, [(cache key, value)] for the caller to store). `checkout_files`:
    every Python file of the checkout, None when the plan excludes some (the contexts then list the
    checkout themselves, which is not kept: nothing is stored or reused)."""
    if checkout_files is None:
        contexts = context.contexts_for(root, paths, evidence, None, reader)
        return PlanContexts({path: ctx.digest() for path, ctx in contexts.items()}, contexts.__getitem__), []
    slot = checkout_key("contexts", root)
    inputs = _inputs_digest(root, paths, evidence, checkout_files, reader)
    stored = cache.get_many([slot]).get(slot)
    if stored and stored["inputs"] == inputs and context.still_observed(stored["observed"], reader):
        rows = stored["contexts"]
        return PlanContexts({path: row[0] for path, row in rows.items()}, lambda path: context_from_json(rows[path][1])), []
    contexts, observed = context.contexts_observed(root, paths, evidence, checkout_files, reader)
    rows = {path: [ctx.digest(), context_to_json(ctx)] for path, ctx in contexts.items()}
    digests = {path: row[0] for path, row in rows.items()}
    return PlanContexts(digests, contexts.__getitem__), [(slot, {"inputs": inputs, "observed": observed,
                                                                  "contexts": rows})]


def _inputs_digest(root, paths, evidence, checkout_files, reader):
    """A digest of what the contexts are built from besides the disk's answers: the files listed,
    the evidence and the facts of every file the reader holds, as the scan cache stores them."""
    digest = hashlib.sha256(json.dumps([str(root), paths, checkout_files, evidence_file.dumps(evidence)
                                        if evidence is not None else None]).encode())
    for path in sorted(reader.digests):
        digest.update(("%s\0%s\0" % (path, reader.cached_text(path))).encode())
    return digest.hexdigest()


def context_to_json(module_context):
    """The fields that differ from their defaults, as JSON data (sets sorted)."""
    row = {}
    for field in fields(ModuleContext):
        value = getattr(module_context, field.name)
        if field.name == "path" or value != field.default:
            row[field.name] = sorted(value) if field.name in _SETS else value
    return row


def context_from_json(row):
    values = {}
    for name, value in row.items():
        if name in _SETS:
            value = frozenset(value)
        elif name in ("star_exports", "evidence"):  # ((name or line, (names or kinds)), ...)
            value = tuple((first, tuple(rest)) for first, rest in value)
        values[name] = value
    return ModuleContext(**values)
