"""The first and last line of each libcst node: what a site records, for less than its position.

A codemod's site is the lines of a node, as PositionProvider gives them. PositionProvider writes
the module out keeping the line and column of every token, in CodePosition objects, and a
generator-based context manager per node: 0.83 s CPU on python-cloudfiles. Counting lines only,
with a plain context manager, gives the same lines in 0.53 s. Codemods comparing positions within
a line still ask PositionProvider.
"""
from libcst._nodes.internal import CodegenState
from libcst.metadata.base_provider import BaseMetadataProvider


class LinesProvider(BaseMetadataProvider):
    """node -> (first line, last line), one-based, of the node without its surrounding whitespace:
    PositionProvider's `start.line` and `end.line`."""

    def _gen_impl(self, module):
        module._codegen(_LineCountingState(module.default_indent, module.default_newline, self))


class _LineCountingState(CodegenState):
    """PositionProvidingCodegenState's bookkeeping, of lines only."""

    def __init__(self, default_indent, default_newline, provider):
        super().__init__(default_indent=default_indent, default_newline=default_newline, provider=provider)
        self.line = 1
        self._starts = []

    def add_token(self, value):
        self.tokens.append(value)
        if "\n" in value or "\r" in value:  # a newline is \r\n, \r or \n, as for PositionProvider
            self.line += value.count("\n") + value.count("\r") - value.count("\r\n")

    def before_codegen(self, node):
        self._starts.append(self.line)

    def after_codegen(self, node):
        start = self._starts.pop()
        lines = self.provider._computed
        if node not in lines:  # what record_syntactic_position recorded stands
            lines[node] = (start, self.line)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        return _SyntacticLines(self, node, start_node, end_node)


class _SyntacticLines:
    """The lines of what a node writes within this context (or those of its `start_node` and
    `end_node`, written within it), not of the whitespace it owns around that."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state, node, start_node, end_node):
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self):
        self.start = self.state.line

    def __exit__(self, *exception):
        lines = self.state.provider._computed
        start = self.start if self.start_node is None else lines[self.start_node][0]
        end = self.state.line if self.end_node is None else lines[self.end_node][1]
        lines[self.node] = (start, end)
        return False
