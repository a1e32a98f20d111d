"""Several libcst transformers in one walk of a module.

Run one after the other, each transformer walks the whole module, and each one that changes it
makes the next one compute its scope and qualified-name metadata again: that was most of the
python3-only stage's time. In one walk they share the metadata of one module. At every node each
transformer's `visit_<Node>` runs, in the transformers' order; on the way back each `leave_<Node>`
gets the original node and what the transformers before it returned, so their edits add up.

A transformer that replaces a node with one of another type (or removes it) ends the chain there:
the transformers after it have no `leave_` method for what it became. A `visit_` returning False
keeps that transformer out of the node's children, as it would in a walk of its own, while the
others still visit them.

Methods are looked up by node type name, once per type: libcst's matcher decorators
(`@m.visit`, `@m.call_if_inside`, …) are not supported, and a transformer using them is refused.
"""
import functools
import re

import libcst as cst

_ATTRIBUTE_HOOK = re.compile(r"(?:visit|leave)_[A-Z][A-Za-z]*_\w+")


class WalkTogether(cst.CSTTransformer):
    """A transformer that runs `transformers` (CSTTransformers, in order) in its one walk."""

    def __init__(self, transformers):
        super().__init__()
        for transformer in transformers:
            _refuse_matcher_decorators(transformer)
        self.transformers = list(transformers)
        self._methods = {}  # method name -> [(transformer, bound method)] of those defining it
        self._by_type = {"visit_": {}, "leave_": {}}  # the same, by node type: no name built per node
        self._kept_out = {}  # transformer -> the node whose children its visit_ declined
        if not any(_has_attribute_hooks(type(transformer)) for transformer in self.transformers):
            self.on_visit_attribute = self.on_leave_attribute = _nothing  # called for every child of every node
        self.running = None  # the transformer whose method runs (or last ran): the one to blame

    def _defining(self, method_name):
        methods = self._methods.get(method_name)
        if methods is None:
            methods = [(t, method) for t, method in ((t, getattr(t, method_name, None)) for t in self.transformers)
                       if method is not None and not _is_stub(method)]
            self._methods[method_name] = methods
        return methods

    def _hooks(self, prefix, node_type):
        hooks = self._by_type[prefix].get(node_type)
        if hooks is None:
            hooks = self._by_type[prefix][node_type] = self._defining(prefix + node_type.__name__)
        return hooks

    def on_visit(self, node):
        for transformer, visit in self._hooks("visit_", type(node)):
            if transformer not in self._kept_out:
                self.running = transformer
                if visit(node) is False:
                    self._kept_out[transformer] = node
        return len(self._kept_out) < len(self.transformers)

    def on_leave(self, original_node, updated_node):
        node_type = type(original_node)
        result = updated_node
        for transformer, leave in self._hooks("leave_", node_type):
            kept_out_at = self._kept_out.get(transformer)
            if kept_out_at is not None and kept_out_at is not original_node:
                continue
            if type(result) is node_type:
                self.running = transformer
                result = leave(original_node, result)
        if self._kept_out:
            for transformer, node in list(self._kept_out.items()):
                if node is original_node:
                    del self._kept_out[transformer]
        return result

    def on_visit_attribute(self, node, attribute):
        for transformer, visit in self._defining("visit_%s_%s" % (type(node).__name__, attribute)):
            if transformer not in self._kept_out:
                self.running = transformer
                visit(node)

    def on_leave_attribute(self, original_node, attribute):
        for transformer, leave in self._defining("leave_%s_%s" % (type(original_node).__name__, attribute)):
            if transformer not in self._kept_out:
                self.running = transformer
                leave(original_node)


@functools.lru_cache(maxsize=None)
def _has_attribute_hooks(transformer_class):
    """Whether the class has a `visit_<Node>_<attribute>` or `leave_<Node>_<attribute>` method."""
    return any(_ATTRIBUTE_HOOK.fullmatch(name) and not _is_stub(getattr(transformer_class, name))
               for name in dir(transformer_class))


def _is_stub(method):
    """Whether the method is one of the do-nothing stubs CSTTransformer defines for every node type
    and attribute (a visit_ returning None, a leave_ returning the updated node): calling them for
    every node, for every transformer, was most of the shared walk's own time."""
    return getattr(method, "_is_no_op", False)


def _nothing(node, attribute):
    pass


def _refuse_matcher_decorators(transformer):
    uses_them = (getattr(transformer, "_extra_visit_funcs", None) or getattr(transformer, "_extra_leave_funcs", None)
                 or getattr(transformer, "_matchers", None))
    if uses_them:
        raise TypeError("%s uses libcst matcher decorators, which a shared walk does not run"
                        % type(transformer).__name__)
