"""`if six.PY2: A else: B` → `B`: version checks whose answer is certain on Python 3 keep only the
branch Python 3 takes. Checks it cannot settle, or that stand outside an `if`, are left alone."""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.six_names import SixTransformer

SIX_FLAGS = {"PY2": False, "PY3": True, "PY34": True}  # six.PY34 is 3.4+: every Python 3 still supported
# Every Python 3 sys.version_info could be, for settling comparisons with it by trying them all.
PYTHON3_VERSIONS = [(3, minor, micro, level, 0) for minor in range(100) for micro in (0, 1, 99)
                    for level in ("alpha", "final")]
COMPARE = {cst.Equal: lambda a, b: a == b, cst.NotEqual: lambda a, b: a != b, cst.LessThan: lambda a, b: a < b,
           cst.LessThanEqual: lambda a, b: a <= b, cst.GreaterThan: lambda a, b: a > b,
           cst.GreaterThanEqual: lambda a, b: a >= b}
LEFT_ALONE = "a check of the Python version with a certain answer, not in an if or a conditional expression"


class VersionBranches(SixTransformer):
    def __init__(self, context):
        super().__init__(context)
        self.elifs = set()
        self.tests = set()  # if / conditional expression tests: settled there, not as values
        self.checks = []  # every settled version check, to report those left in place
        self.settled = []  # the code whose checks were acted on

    # What is certain on Python 3.

    def settle(self, expr):
        """True or False when `expr` is a version check with a certain answer on Python 3, else None."""
        name = self.six_name(expr)
        if name in SIX_FLAGS:
            return SIX_FLAGS[name]
        if not isinstance(expr, cst.Comparison) or len(expr.comparisons) != 1:
            return None
        target = expr.comparisons[0]
        compare = COMPARE.get(type(target.operator))
        left, right = self._version_part(expr.left), self._version_part(target.comparator)
        literal_left, literal_right = _int_literal(expr.left), _int_literal(target.comparator)
        if compare is None:
            return None
        if left is not None and literal_right is not None:
            return _same_for_all(lambda v: compare(left(v), literal_right))
        if right is not None and literal_left is not None:
            return _same_for_all(lambda v: compare(literal_left, right(v)))
        return None

    def _version_part(self, expr):
        """A function of sys.version_info giving what `expr` reads of it, or None."""
        if self.qualified_name(expr) == "sys.version_info":
            return lambda version: version
        if isinstance(expr, cst.Attribute) and expr.attr.value == "major" and self._version_part(expr.value):
            return lambda version: version[0]
        if not (isinstance(expr, cst.Subscript) and len(expr.slice) == 1
                and self.qualified_name(expr.value) == "sys.version_info"):
            return None
        index = expr.slice[0].slice
        if isinstance(index, cst.Index) and _int_literal(index.value) == 0:
            return lambda version: version[0]
        if not isinstance(index, cst.Slice) or index.step is not None or index.upper is None:
            return None
        stop = _int_literal(index.upper)
        if (index.lower is None or _int_literal(index.lower) == 0) and isinstance(stop, int):
            return lambda version: version[:stop]
        return None

    def truth(self, expr, as_test):
        """What `expr` comes to on Python 3: True/False, a simpler expression (one of its operands)
        that acts the same (`as_test`: only its truth matters), or None."""
        settled = self.settle(expr)
        if settled is not None:
            return settled
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
            inner = self.truth(expr.expression, as_test=True)
            return (not inner) if isinstance(inner, bool) else None
        if not isinstance(expr, cst.BooleanOperation):
            return None
        is_and = isinstance(expr.operator, cst.And)
        left = self.truth(expr.left, as_test)
        if isinstance(left, bool):
            if left is not is_and:  # False and ..., True or ...: the right side never runs
                return left
            right = self.truth(expr.right, as_test)
            return expr.right if right is None else right
        right = self.truth(expr.right, as_test)
        if as_test and right is is_and:  # x and True, x or False: as a test, just x
            return expr.left if left is None else left
        if isinstance(right, bool) or (left is None and right is None):
            return None  # x and False still runs x
        return expr.with_changes(left=left or expr.left, right=right or expr.right)

    # Where the answer is acted on.

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_If(self, node):
        self.tests.add(node.test)
        if isinstance(node.orelse, cst.If):
            self.elifs.add(node.orelse)

    def visit_IfExp(self, node):
        self.tests.add(node.test)

    def visit_Attribute(self, node):
        self._note_check(node)

    def visit_Name(self, node):
        self._note_check(node)

    def visit_Comparison(self, node):
        self._note_check(node)

    def _note_check(self, node):
        if self.settle(node) is not None:
            self.checks.append(node)

    def leave_If(self, original_node, updated_node):
        if original_node in self.elifs:
            return updated_node
        outcome = self._resolved(original_node, updated_node)
        if outcome is None:
            return updated_node
        kind, node = outcome
        if kind == "if":
            return node.with_changes(leading_lines=updated_node.leading_lines)
        statements = _statements(node)
        if not statements:
            return cst.RemoveFromParent()
        statements[0] = statements[0].with_changes(
            leading_lines=list(updated_node.leading_lines) + list(statements[0].leading_lines))
        return cst.FlattenSentinel(statements)

    def _resolved(self, original, updated):
        """("block", the block or None) when only one branch is left, ("if", a new if) when the
        chain keeps a test, None when nothing is certain."""
        verdict = self.truth(original.test, as_test=True)
        if isinstance(verdict, cst.BaseExpression) and not updated.test.deep_equals(original.test):
            verdict = None  # the test holds rewritten code: keep it whole
        if isinstance(verdict, bool):
            self._settle_site(original, original.test)
            if verdict:
                self._settled_code(original.orelse)
                return "block", updated.body
            self._settled_code(original.body)
            return self._resolved_else(original.orelse, updated.orelse)
        rest = self._resolved_orelse(original.orelse, updated.orelse)
        if verdict is None and rest is None:
            return None
        node = updated
        if verdict is not None:
            self._settle_site(original, original.test)
            node = node.with_changes(test=verdict)
        if rest is not None:
            node = node.with_changes(orelse=rest[1])
        return "if", node

    def _resolved_else(self, original_orelse, updated_orelse):
        if original_orelse is None:
            return "block", None
        if isinstance(original_orelse, cst.Else):
            return "block", updated_orelse.body
        return self._resolved(original_orelse, updated_orelse) or ("if", updated_orelse)

    def _resolved_orelse(self, original_orelse, updated_orelse):
        """(_, the new orelse) when an elif further down settles, else None."""
        if not isinstance(original_orelse, cst.If):
            return None
        outcome = self._resolved(original_orelse, updated_orelse)
        if outcome is None:
            return None
        kind, node = outcome
        if kind == "if":
            return "if", node
        return "else", (cst.Else(body=node) if node is not None else None)

    def leave_IndentedBlock(self, original_node, updated_node):
        if original_node.body and not updated_node.body:
            return updated_node.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated_node

    def leave_IfExp(self, original_node, updated_node):
        verdict = self.truth(original_node.test, as_test=True)
        if verdict is None or (not isinstance(verdict, bool) and not updated_node.test.deep_equals(original_node.test)):
            return updated_node
        self._settle_site(original_node, original_node.test)
        if not isinstance(verdict, bool):
            return updated_node.with_changes(test=verdict)
        self._settled_code(original_node.orelse if verdict else original_node.body)
        kept = updated_node.body if verdict else updated_node.orelse
        return _in_parentheses_of(updated_node, kept)

    def leave_BooleanOperation(self, original_node, updated_node):
        """`six.PY2 and x or y` as a value is `y`: exactly, when the check is on the left."""
        if original_node in self.tests or isinstance(self.parent(original_node), (cst.BooleanOperation,
                                                                                  cst.UnaryOperation)):
            return updated_node
        verdict = self.truth(original_node, as_test=False)
        if not isinstance(verdict, cst.BaseExpression) or not updated_node.deep_equals(original_node):
            return updated_node
        self._settle_site(original_node, original_node)
        return _in_parentheses_of(updated_node, verdict)

    def _settle_site(self, node, test):
        self.record(node)
        self._settled_code(test)
        for check in self.checks:
            if self.within(check, test):
                self.forget(check)

    def _settled_code(self, node):
        if node is not None:
            self.settled.append(node)

    def leave_Module(self, original_node, updated_node):
        settled = set(self.settled)
        for check in self.checks:
            if not any(node in settled for node in self.ancestors(check)):
                self.leave_alone(check, LEFT_ALONE)
        return updated_node


def _same_for_all(check):
    try:
        answers = {check(version) for version in PYTHON3_VERSIONS}
    except TypeError:  # an int compared with the release level
        return None
    return answers.pop() if len(answers) == 1 else None


def _int_literal(expr):
    """The int or tuple of ints `expr` spells, else None."""
    if isinstance(expr, cst.Integer):
        return int(expr.value, 0)
    if isinstance(expr, cst.Tuple) and all(isinstance(e, cst.Element) for e in expr.elements):
        values = tuple(_int_literal(e.value) for e in expr.elements)
        return values if all(isinstance(v, int) for v in values) else None
    return None


def _in_parentheses_of(replaced, expr):
    if not replaced.lpar:
        return expr
    return expr.with_changes(lpar=list(replaced.lpar) + list(expr.lpar), rpar=list(expr.rpar) + list(replaced.rpar))


def _statements(block):
    if block is None:
        return []
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(body=block.body)]
    return list(block.body)


class SixVersionBranches(Codemod):
    transformer = VersionBranches
    trigger = r"\bPY(?:2|3|34)\b|\bversion_info\b"
    summary = "Keep only the Python 3 branch of Python version checks"
    explanation = (
        "`six.PY2` is False and `six.PY3` True on Python 3, and so are `sys.version_info[0] == 2`, "
        "`sys.version_info < (3,)`, `sys.version_info >= (3, 0)` and the like, for every Python 3. An "
        "`if` (or elif, or conditional expression) on such a check keeps only the branch Python 3 "
        "takes, dedented; a Python-2-only `if` with no else goes. In `and`/`or` only a check on the "
        "left is settled (`six.PY2 and x or y` is `y`), as the right side may never run. Checks "
        "stored in a variable, or with an answer that depends on the Python 3 minor version, stay."
    )
    review_hint = "Nothing should change at run time on Python 3; comments inside a dropped branch go with it."


FIXER = SixVersionBranches()
