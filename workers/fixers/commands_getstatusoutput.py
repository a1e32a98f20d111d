"""`commands.getstatusoutput(cmd)` whose status is only tested for zero → `getstatusoutput(cmd)`,
imported the 2+3 way:

    try:
        from subprocess import getstatusoutput
    except ImportError:  # Python 2.7
        from commands import getstatusoutput

On 2.7 that is commands.getstatusoutput; on 3 subprocess.getstatusoutput, whose status is the exit
code where 2.7's was the wait status (256 for exit code 1). The two are zero together (the command
exited with 0), so a status only truth-tested or compared with 0 (`if not status:`, `if status:`,
`status != 0`, `assert status == 0`) means the same on both, as does the output alone
(`getstatusoutput(cmd)[1]`). Status variables are followed within their function. `getoutput`,
used in the same module, comes from the same fallback. Any other use of the status (returned,
printed, compared with another number) leaves the module to py2_only_modules' report.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from fissix.fixer_util import Name

from workers.rewriting import analysis, parsing
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_after_imports
from workers.rewriting.scopes import enclosing_scope, root_of
from workers.rewriting.star_exports import star_exported

STATUS = "getstatusoutput"
FUNCTIONS = (STATUS, "getoutput")


# ---------------------------------------------------------------- is the status only tested for zero?

def _is_zero(node):
    return node.type == token.NUMBER and node.value in ("0", "0L")


def _truth_tested(node):
    """Whether the value of `node` only decides a branch, or is only compared with 0."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in (syms.not_test, syms.and_test, syms.or_test) or (
            parent.type == syms.atom and parent.children[0].type == token.LPAR):
        return parent.type == syms.not_test or _truth_tested(parent)
    if parent.type in (syms.if_stmt, syms.while_stmt):
        previous = node.prev_sibling
        return previous is not None and previous.type == token.NAME and previous.value in ("if", "elif", "while")
    if parent.type == syms.assert_stmt:
        return parent.children[1] is node
    if parent.type == syms.test:  # x if node else y
        return len(parent.children) == 5 and parent.children[2] is node
    if parent.type == syms.comparison and len(parent.children) == 3:
        operator, other = parent.children[1], parent.children[2 if parent.children[0] is node else 0]
        return operator.type in (token.EQEQUAL, token.NOTEQUAL) and _is_zero(other)
    return False


def _status_target(stmt):
    """The status NAME of `status, output = <call>` (brackets or parentheses allowed), or None."""
    target = stmt.children[0]
    if target.type == syms.atom and target.children[0].type in (token.LPAR, token.LSQB):
        target = target.children[1]
    if target.type not in (syms.testlist_star_expr, syms.exprlist, syms.testlist_gexp, syms.listmaker):
        return None
    items = [child for child in target.children if child.type != token.COMMA]
    if len(items) != 2 or not all(item.type == token.NAME for item in items):
        return None
    return items[0]


def _status_only_tested(status):
    """Whether every other use of the status NAME in its function is a test for zero."""
    function = enclosing_scope(status)
    if function.type != syms.funcdef:
        return False  # a module-level or class-level name other code may read
    return all(_truth_tested(leaf) for leaf in function.leaves()
               if leaf.type == token.NAME and leaf.value == status.value and leaf is not status)


def faithful_call(head, count):
    """Whether the call whose callee is the first `count` children of head's power node uses the
    status only in ways 2.7 and 3 agree on."""
    power = head.parent
    if power is None or power.type != syms.power or power.children[0] is not head:
        return False
    rest = power.children[count:]
    if not rest or rest[0].type != syms.trailer or rest[0].children[0].type != token.LPAR:
        return False
    if len(rest) == 2:
        index = rest[1]
        if index.type != syms.trailer or index.children[0].type != token.LSQB:
            return False
        value = str(index.children[1]).strip()
        return value in ("1", "-1") or (value == "0" and _truth_tested(power))
    if len(rest) != 1:
        return False
    parent = power.parent
    if parent.type == syms.simple_stmt:
        return True  # the result is dropped
    if parent.type == syms.expr_stmt and len(parent.children) == 3 and parent.children[2] is power and (
            parent.children[1].type == token.EQUAL):
        status = _status_target(parent)
        return status is not None and _status_only_tested(status)
    return False


# ---------------------------------------------------------------- module plans

def _module_level(node):
    stmt = node.parent
    return stmt is not None and stmt.type == syms.simple_stmt and stmt.parent is not None and (
        stmt.parent.type == syms.file_input) and not mi.in_import_fallback(node)


def from_plan(node):
    """[(name, binding)] for a module-level `from commands import getstatusoutput[, getoutput]`
    whose every use has the same meaning on 3, else None."""
    tree = root_of(node)
    if node.type != syms.import_from or not _module_level(node) or mi.is_sibling_module(tree, "commands"):
        return None
    module, pairs = mi.from_import_parts(node)
    if module != "commands" or not pairs or any(name not in FUNCTIONS for name, _ in pairs):
        return None
    if STATUS not in [name for name, _ in pairs]:
        return None  # getoutput alone: stdlib_renames' six.moves.getoutput
    bindings = mi.Bindings()
    for name, alias in pairs:
        if name == STATUS and not all(faithful_call(use, 1) for use in mi.uses_of(tree, node, alias or name, bindings)):
            return None
    return [(name, alias or name) for name, alias in pairs]


def _commands_import(tree):
    """The module-level `import commands` (no alias) when it is the only binding of `commands`."""
    found = [node for node in tree.pre_order() if node.type == syms.import_name and any(
        module == "commands" and alias is None for _, module, alias in mi.import_items(node))]
    if len(found) != 1 or not _module_level(found[0]) or mi.is_sibling_module(tree, "commands"):
        return None
    return found[0]


def module_plan(tree):
    """(import node, {id(use leaf): function name}) when every use of `import commands` is a
    getoutput or a faithful getstatusoutput call and those names are free, else None."""
    node = _commands_import(tree)
    if node is None or mi.has_star_import(tree) or star_exported(tree, "commands"):
        return None
    uses = {}
    for leaf in mi.uses_of(tree, node, "commands", mi.Bindings()):
        power, trailer = mi.attribute_of(leaf)
        name = trailer.children[1].value if power is not None else None
        if name not in FUNCTIONS or (name == STATUS and not faithful_call(leaf, 2)):
            return None
        uses[id(leaf)] = name
    if STATUS not in uses.values():
        return None
    taken = {leaf.value for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value in FUNCTIONS
             and not _attribute_name(leaf)}
    return None if taken else (node, uses)


def _cached_plan(tree):
    """module_plan as the tree was before this fixer's first change (the rewritten uses bind the
    names the plan checks are free)."""
    return analysis.cached(tree, "commands_getstatusoutput.module_plan", lambda: module_plan(tree))


def _attribute_name(leaf):
    previous = leaf.prev_sibling
    return previous is not None and previous.type == token.DOT


def fallback_text(pairs):
    """The 2+3 import of [(name, binding)] from subprocess (3) or commands (2.7)."""
    names = ", ".join(name if name == binding else "%s as %s" % (name, binding) for name, binding in pairs)
    return "try:\n    from subprocess import %s\nexcept ImportError:  # Python 2.7\n    from commands import %s\n" % (
        names, names)


# ---------------------------------------------------------------- the fixer

class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from, syms.power}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.removed = []  # statements or items to drop once every use is rewritten
        self.imported = set()

    def match(self, node):
        if node.type == syms.import_from:
            pairs = from_plan(node)
            return {"from": pairs} if pairs else False
        tree = root_of(node)
        if tree.type != syms.file_input:
            return False
        if node.type == syms.import_name:
            plan = _cached_plan(tree)
            return {"import": True} if plan and plan[0] is node else False
        head = node.children[0]
        if head.type != token.NAME or head.value != "commands":
            return False
        plan = _cached_plan(tree)
        return {"use": plan[1][id(head)]} if plan and id(head) in plan[1] else False

    def transform(self, node, results):
        if "from" in results:
            self.imported.update(results["from"])
            self.removed.append(node)
        elif "import" in results:
            self.removed.append(node)
        else:
            name = results["use"]
            node.children[1].remove()
            node.children[0].replace(Name(name, prefix=node.children[0].prefix))
            self.imported.add((name, name))

    def after_fix(self, tree):
        text = fallback_text(sorted(self.imported, key=lambda pair: FUNCTIONS.index(pair[0])))
        for node in self.removed:
            text = _replace_commands_import(node, text)
        if text:
            add_after_imports(tree, text)
        super().after_fix(tree)


def _replace_commands_import(node, text):
    """Put the fallback import `text` (None once placed) where the commands import was, or drop
    that import (an item of `import a, commands` only). Returns the text still to place."""
    if node.type == syms.import_name and len(mi.import_items(node)) > 1:
        mi.remove_import_item(node, next(item for item, module, _ in mi.import_items(node) if module == "commands"))
        return text
    stmt = node.parent
    if text:
        fallback = parsing.parse(text).children[0]
        fallback.remove()
        fallback.prefix = stmt.prefix
        stmt.replace(fallback)
        return None
    following = stmt.next_sibling
    if following is not None:
        following.prefix = stmt.prefix + following.prefix
    stmt.remove()
    return None


class CommandsGetstatusoutput(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21
    trigger = r"\bgetstatusoutput\b"
    summary = "Import getstatusoutput from subprocess (3) or commands (2.7) where its status is only tested for 0"
    explanation = (
        "`commands` is gone on Python 3. `subprocess.getstatusoutput` returns the command's exit code "
        "where 2.7's `commands.getstatusoutput` returned the wait status (256 for exit code 1), but "
        "the two are zero together. So where the status is only tested (`if not status:`, "
        "`status != 0`, `assert status == 0`) or not used, the call becomes `getstatusoutput(cmd)`, "
        "imported by `try: from subprocess import getstatusoutput` / `except ImportError: from "
        "commands import getstatusoutput` (and `getoutput` with it): the same function on 2.7. "
        "A module using the status any other way is left alone and reported."
    )
    review_hint = "On 3 the output is decoded text (the locale's encoding) where 2.7 gave a byte string."
    risk = SAFE


FIXER = CommandsGetstatusoutput()
