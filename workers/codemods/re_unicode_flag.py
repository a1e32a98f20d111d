"""Drop `re.UNICODE`/`re.U` from the flags of `re` calls whose pattern is certainly str."""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import NameAwareRecorder

UNICODE_FLAGS = ("re.U", "re.UNICODE")
FLAGS_POSITION = {"compile": 1, "template": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2,
                  "finditer": 2, "split": 3, "sub": 4, "subn": 4}
UNKNOWN_PATTERN = "re.UNICODE kept: the pattern may be bytes, where the flag raises ValueError"
BYTES_PATTERN = "re.UNICODE with a bytes pattern raises ValueError on Python 3"
ELSEWHERE = "re.UNICODE kept: not in the flags of an re call; it is the default for str patterns"


def _is_text(node):
    """Whether the expression is certainly a str."""
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.FormattedString):
        return True
    if isinstance(node, cst.ConcatenatedString):
        return _is_text(node.left) and _is_text(node.right)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Modulo, cst.Add)):
        return _is_text(node.left) and (isinstance(node.operator, cst.Modulo) or _is_text(node.right))
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("format", "join"):
        return _is_text(node.func.value)
    return False


def _is_bytes(node):
    return isinstance(node, cst.SimpleString) and "b" in node.prefix.lower()


def _or_operands(node):
    """The operands of an unparenthesized `a | b | c` chain (just [node] for anything else)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr) and not node.lpar:
        return _or_operands(node.left) + _or_operands(node.right)
    return [node]


def _join_with_or(operands, operator):
    joined = operands[0]
    for operand in operands[1:]:
        joined = cst.BinaryOperation(joined, operator, operand)
    return joined


class DropUnicodeFlag(NameAwareRecorder):
    def visit_Module(self, node):
        super().visit_Module(node)
        self.unhandled = []

    def visit_Attribute(self, node):
        self._remember_flag(node)

    def visit_Name(self, node):
        self._remember_flag(node)

    def _remember_flag(self, node):
        if self.refers_to(node, *UNICODE_FLAGS):
            self.unhandled.append(node)

    def leave_Module(self, original_node, updated_node):
        for node in self.unhandled:
            self.leave_alone(node, ELSEWHERE)
        return updated_node

    def leave_alone(self, node, reason):
        """A flag kept for a reason a reviewer should hear (the review codemod lists it)."""

    def leave_Call(self, original_node, updated_node):
        if not any(self.refers_to(op, *UNICODE_FLAGS) for arg in original_node.args for op in _or_operands(arg.value)):
            return updated_node  # asked first: most calls have no flag, and which function it is costs the scopes
        index = self._flags_index(original_node)
        if index is None:
            return updated_node
        flags = original_node.args[index].value
        unicode_flags = [op for op in _or_operands(flags) if self.refers_to(op, *UNICODE_FLAGS)]
        if not unicode_flags:
            return updated_node
        self.unhandled = [n for n in self.unhandled if not any(n is flag for flag in unicode_flags)]
        pattern = original_node.args[0].value
        if not _is_text(pattern):
            for flag in unicode_flags:
                self.leave_alone(flag, BYTES_PATTERN if _is_bytes(pattern) else UNKNOWN_PATTERN)
            return updated_node
        for flag in unicode_flags:
            self.record(flag)
        return updated_node.with_changes(args=self._without(updated_node.args, index, flags, unicode_flags))

    def _flags_index(self, call):
        """Where the flags argument of an re function call is, or None."""
        if not isinstance(call.func, (cst.Attribute, cst.Name)) or not call.args or call.args[0].keyword:
            return None
        name = next((n for n in FLAGS_POSITION if self.refers_to(call.func, "re." + n)), None)
        if name is None or any(arg.star for arg in call.args):
            return None
        for index, arg in enumerate(call.args):
            if (arg.keyword and arg.keyword.value == "flags") or (not arg.keyword and index == FLAGS_POSITION[name]):
                return index
        return None

    def _without(self, args, index, flags, unicode_flags):
        args = list(args)
        kept = [op for op in _or_operands(flags) if not any(op is flag for flag in unicode_flags)]
        if kept:
            operator = next(n.operator for n in _binary_chain(flags))
            args[index] = args[index].with_changes(value=_join_with_or(kept, operator))
            return args
        removed = args.pop(index)
        if index == len(args):
            args[-1] = args[-1].with_changes(comma=removed.comma)
        return args


def _binary_chain(node):
    """The BitOr operations of an unparenthesized chain, leftmost first."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr) and not node.lpar:
        return _binary_chain(node.left) + [node] + _binary_chain(node.right)
    return []


class ReUnicodeFlag(Codemod):
    transformer = DropUnicodeFlag
    trigger = r"\b(?:U|UNICODE)\b"
    names_trigger = ""
    summary = "Drop re.UNICODE flags, the default for str patterns"
    explanation = (
        "On Python 3 a str pattern always matches with Unicode semantics: `re.compile(p, re.U | "
        "re.I)` and `re.compile(p, re.I)` compile the same pattern with the same `.flags`. The flag "
        "is dropped from the flags argument of `re.compile`, `search`, `match`, `fullmatch`, "
        "`findall`, `finditer`, `split`, `sub` and `subn` (the whole argument when it was the only "
        "flag) where the pattern is certainly str: a literal, an f-string, or `%`/`.format` of one. "
        "With a bytes pattern the flag is an error (ValueError) and removing it would hide that; "
        "with a pattern of unknown type it might be one. Both stay, listed by re_unicode_flag_review."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = ReUnicodeFlag()
