"""Remove `from __future__ import` lines whose features every Python 3 has."""
import libcst as cst

from workers.rewriting.codemod import Codemod, SiteRecorder, without_new_leading_blank_lines

# Mandatory since 3.0 (generator_stop since 3.7, and annotations still changes behaviour: kept).
ALWAYS_ON = frozenset({"absolute_import", "division", "generators", "nested_scopes", "print_function",
                       "unicode_literals", "with_statement"})


def _feature_names(statement):
    if not (isinstance(statement, cst.ImportFrom) and isinstance(statement.module, cst.Name)
            and statement.module.value == "__future__" and not isinstance(statement.names, cst.ImportStar)):
        return None
    return [alias.name.value for alias in statement.names]


class RemoveFutureImports(SiteRecorder):
    def __init__(self, context):
        super().__init__(context)
        # Each statement line as the walk left it -> the original: the module's body may have lost
        # or gained statements to other codemods sharing the walk, so its lines are found by identity.
        self._original_of = {}

    def leave_SimpleStatementLine(self, original_node, updated_node):
        self._original_of[updated_node] = original_node
        return updated_node

    def leave_Module(self, original_node, updated_node):
        body, carried = [], []
        for statement in updated_node.body:
            kept = self._without_always_on(statement)
            if kept is None:
                carried.extend(statement.leading_lines)  # comments above a removed line stay
                continue
            if carried:
                kept = kept.with_changes(leading_lines=carried + list(kept.leading_lines))
                carried = []
            body.append(kept)
        return without_new_leading_blank_lines(
            original_node, updated_node.with_changes(body=body, footer=carried + list(updated_node.footer)))

    def _without_always_on(self, statement):
        """The statement with its always-on features gone, or None when nothing is left of it."""
        original = self._original_of.get(statement)
        if original is None or len(statement.body) != 1:
            return statement
        names = _feature_names(statement.body[0])
        if not names or not ALWAYS_ON.intersection(names):
            return statement
        self.record(original)
        kept = [alias for alias in statement.body[0].names if alias.name.value not in ALWAYS_ON]
        if not kept:
            return None
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return statement.with_changes(body=[statement.body[0].with_changes(names=kept)])


class FutureImports(Codemod):
    transformer = RemoveFutureImports
    trigger = r"\bfrom[ \t]+__future__[ \t]+import\b"
    body_trigger = ""  # only a module's first statements can be __future__ imports
    names_trigger = ""
    summary = "Remove `from __future__` imports every Python 3 has"
    explanation = (
        "`absolute_import`, `division`, `print_function`, `unicode_literals` (and the older "
        "`generators`, `nested_scopes`, `with_statement`) are how every Python 3 behaves: the lines "
        "that turned them on for Python 2.7 do nothing on 3. `from __future__ import annotations` "
        "changes behaviour on 3 and is kept."
    )
    review_hint = "Nothing should change at run time on Python 3; comments above a removed line are kept."


FIXER = FutureImports()
