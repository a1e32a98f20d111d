"""isinstance for libcst's node classes, answered once per node type.

Every libcst node class derives from an abstract base class, so `isinstance(node, cst.Attribute)`
runs ABCMeta's Python-level check whenever `node` is not exactly an Attribute: millions of times
in the walks that look for statements, imports and parents, where it was a tenth of their CPU.
The answer depends on the node's type only, so it is kept per type.
"""
_ANSWERS = {}


def is_kind(node, kind):
    """isinstance(node, kind), for a class or tuple of classes."""
    key = (type(node), kind)
    answer = _ANSWERS.get(key)
    if answer is None:
        answer = _ANSWERS[key] = issubclass(key[0], kind)
    return answer
