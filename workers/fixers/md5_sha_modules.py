"""`import md5` / `import sha` → `from hashlib import md5` / `sha1`: `md5.new(x)` → `md5(x)`."""
from workers.rewriting.fixer import SAFE, FissixFixer
from workers.rewriting.module_moves import AttributeMove, MoveImports


def _hash_move(module, function):
    # Python 2.7's md5.py and sha.py are `from hashlib import md5 / sha1 as sha; new = …`: the
    # very functions hashlib has on 2.7 and 3.
    attrs = {name: ("hashlib", function, ()) for name in ("new", module)}
    from_names = {name: ("hashlib", function) for name in ("new", module)}
    return AttributeMove(attrs, from_names)


MOVES = {"md5": _hash_move("md5", "md5"), "sha": _hash_move("sha", "sha1")}


class _Impl(MoveImports):
    def moves_for(self, tree):
        return MOVES


class Md5ShaModules(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\b(?:md5|sha)\b"
    summary = "Replace the md5 and sha modules with hashlib.md5 and hashlib.sha1"
    explanation = (
        "The `md5` and `sha` modules are gone on Python 3. On 2.7 they only re-export hashlib: "
        "`md5.new` and `md5.md5` are `hashlib.md5`, `sha.new` and `sha.sha` are `hashlib.sha1`. "
        "`import md5` becomes `from hashlib import md5` and `md5.new(x)` becomes `md5(x)`; `import "
        "sha` becomes `from hashlib import sha1` and `sha.new(x)` becomes `sha1(x)`. A module that "
        "uses anything else of them (`md5.digest_size`) or whose new name would capture another "
        "binding is left alone."
    )
    review_hint = "On Python 3 the hash functions take bytes only: check callers that pass text."
    risk = SAFE


FIXER = Md5ShaModules()
