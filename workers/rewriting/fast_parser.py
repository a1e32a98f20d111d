"""fissix's pgen2 parse, with the grammar's transitions worked out once instead of for every token.

`fissix.pgen2.parse.Parser.addtoken` walks every arc of the current DFA state for each token,
testing each nonterminal's first set, and pushes the nonterminals a token descends through one
at a time: `x` alone is an atom in a power in a factor ... in a test, each pushed, popped and
collapsed into its only child, about five per token. Here each (state, token label) pair maps,
once, to what the stock loop ends up doing: the chain of pushes, then the shift. The chain is
kept as one static tuple, and its nonterminals become stack entries only if one of them takes
another token; the others collapse without ever being built. Trees (pytree.convert's rules)
and errors are the stock driver's: tests/rewriting/test_fast_parser.py compares them.

The tokens come from source_tokens (the whole text at once, prefixes included), or, for text it
leaves to fissix, from fissix's tokenizer through `with_prefixes`, the stock driver's prefix work.
"""
import io

from fissix import pytree
from fissix.pgen2 import grammar as pgen_grammar
from fissix.pgen2 import token, tokenize
from fissix.pgen2.parse import ParseError

from workers.rewriting import source_tokens
from workers.rewriting.collector import collector_paused

_TABLES = {}


class _Tables:
    """A grammar's DFA states numbered globally, with per state: the action for each token label
    (worked out on first use), whether the state accepts (may pop) and whether it only accepts
    (must pop)."""

    def __init__(self, grammar):
        self.grammar = grammar
        self.state_ids = {}
        for symbol, (states, _) in grammar.dfas.items():
            for index in range(len(states)):
                self.state_ids[symbol, index] = len(self.state_ids)
        self.actions, self.accepting, self.accept_only = [], [], []
        for symbol, index in self.state_ids:
            arcs = grammar.dfas[symbol][0][index]
            self.actions.append(_StateActions(self, symbol, index))
            self.accepting.append((0, index) in arcs)
            self.accept_only.append(arcs == [(0, index)])

    def first_arc(self, symbol, index, ilabel):
        """What the stock addtoken does with `ilabel` in this state: ("shift", newstate),
        ("push", nonterminal, newstate) or None, from the first arc that takes it."""
        labels, dfas = self.grammar.labels, self.grammar.dfas
        for label, newstate in dfas[symbol][0][index]:
            kind = labels[label][0]
            if ilabel == label:
                return ("shift", newstate)
            if kind >= 256 and ilabel in dfas[kind][1]:
                return ("push", kind, newstate)
        return None

    def action(self, symbol, index, ilabel):
        """The pushes `ilabel` makes from this state down to the DFA that shifts it, as
        (state id the top entry moves to, chain, innermost nonterminal, its state id after the
        shift): `chain` (state id, nonterminal) for each nonterminal pushed between the top
        entry and the innermost one. innermost is None when the top entry shifts the token
        itself; the whole action None when the state cannot take it."""
        pushes = []  # (state id the entry below moves to, nonterminal pushed)
        while True:
            arc = self.first_arc(symbol, index, ilabel)
            if arc is None:
                if pushes:  # a first set promised a token its DFA cannot take: not LL(1)
                    raise ValueError("%s cannot start with label %d" % (symbol, ilabel))
                return None
            if arc[0] == "shift":
                return _as_chain(pushes, self.state_ids[symbol, arc[1]])
            _, kind, newstate = arc
            pushes.append((self.state_ids[symbol, newstate], kind))
            symbol, index = kind, 0


class _StateActions(dict):
    """ilabel -> _Tables.action for one state, computed on first lookup."""

    def __init__(self, tables, symbol, index):
        super().__init__()
        self.where = tables, symbol, index

    def __missing__(self, ilabel):
        tables, symbol, index = self.where
        self[ilabel] = found = tables.action(symbol, index, ilabel)
        return found


def _as_chain(pushes, target):
    if not pushes:
        return None, (), None, target
    # each pushed nonterminal sits in the state the next push moved it to; the last, in target
    states = [state for state, _ in pushes[1:]] + [target]
    entries = [(state, nonterminal) for state, (_, nonterminal) in zip(states, pushes)]
    return pushes[0][0], tuple(entries[:-1]), entries[-1][1], target


def tables(grammar):
    key = id(grammar)
    if key not in _TABLES:
        _TABLES[key] = (grammar, _Tables(grammar))
    return _TABLES[key][1]


class Driver:
    """fissix.pgen2.driver.Driver(grammar, convert=pytree.convert) with the faster parse loop."""

    def __init__(self, grammar):
        self.grammar = grammar
        self.tables = tables(grammar)

    # Every node and token made survives the parse and none is a garbage cycle, yet each 700 of
    # them would start a collection, and in turn full ones over every object alive: a third of
    # the time of a parse, those of a big module kept. Both entries pause the collector.

    def parse_string(self, text):
        with collector_paused():
            tokens = source_tokens.significant_tokens(text)
            if tokens is None:  # text left to fissix's tokenizer, which raises its errors too
                tokens = with_prefixes(tokenize.generate_tokens(io.StringIO(text).readline))
            return self._parse_tokens(tokens)

    def parse_tokens(self, tokens):
        """The stock Driver.parse_tokens: fissix's 5-tuples, comments and NL included."""
        with collector_paused():
            return self._parse_tokens(with_prefixes(tokens))

    def _parse_tokens(self, tokens):
        """The stock Parser.addtoken in one loop (same tree, same ParseErrors), over (grammar
        token type, value, prefix, start) tuples."""
        grammar, tables = self.grammar, self.tables
        actions, accepting, accept_only = tables.actions, tables.accepting, tables.accept_only
        keywords, token_labels = grammar.keywords, grammar.tokens
        Leaf, new_object = pytree.Leaf, object.__new__
        NAME = token.NAME
        used_names = set()
        # a stack entry: [state id, nonterminal, children, chain]; `chain` lists the (state id,
        # nonterminal) entries pushed between the entry below and this one, which have this
        # entry as their only child until it is popped: they are only made real (lists on the
        # stack) when they take a token, most never do (`x` is an atom inside a power inside a
        # factor ... inside a test)
        stack = [[tables.state_ids[grammar.start, 0], grammar.start, [], ()]]
        type_ = value = start = None
        prefix = ""
        for type_, value, prefix, start in tokens:
            context = (prefix, start)
            # classify
            ilabel = None
            if type_ == NAME:
                used_names.add(value)
                ilabel = keywords.get(value)
            if ilabel is None:
                ilabel = token_labels.get(type_)
                if ilabel is None:
                    raise ParseError("bad token", type_, value, context)
            # pop finished nonterminals until one takes the token
            top = stack[-1]
            action = actions[top[0]][ilabel]
            while action is None:
                if not accepting[top[0]]:
                    raise ParseError("bad input", type_, value, context)
                stack.pop()
                children = top[2]
                node = children[0] if len(children) == 1 else _node(top[1], children)
                chain = top[3]
                top = _take_into_chain(stack, chain, node, ilabel, actions, accepting) if chain else None
                if top is None:
                    if not stack:
                        raise ParseError("too much input", type_, value, context)
                    top = stack[-1]
                    top[2].append(node)
                action = actions[top[0]][ilabel]
            parent_state, chain, innermost, target = action
            # Leaf(type_, value, context=context), without its __new__ and __init__ calls
            leaf = new_object(Leaf)
            leaf._prefix = prefix
            leaf.lineno, leaf.column = start
            leaf.type = type_
            leaf.value = value
            leaf.fixers_applied = []
            if innermost is None:
                top[0] = target
                top[2].append(leaf)
            else:
                top[0] = parent_state
                top = [target, innermost, [leaf], chain]
                stack.append(top)
            while accept_only[top[0]]:
                stack.pop()
                children = top[2]
                node = children[0] if len(children) == 1 else _node(top[1], children)
                chain = top[3]
                top = _pop_through_chain(stack, chain, node, accept_only) if chain else None
                if top is None:
                    if not stack:
                        node.used_names = used_names
                        return node
                    top = stack[-1]
                    top[2].append(node)
        # (with_prefixes raises this for fissix's tokens; source_tokens' always end in ENDMARKER)
        raise ParseError("incomplete input", type_, value, ("", start))


def with_prefixes(tokens):
    """fissix's 5-tuples as _parse_tokens takes them: what the stock driver does before it hands a
    token to its parser (comments, NL and the gaps between tokens become the next one's prefix,
    operators get their grammar numbers)."""
    lineno, column = 1, 0
    type_ = value = start = None
    prefix = ""
    for type_, value, start, end, line_text in tokens:
        if start != (lineno, column):
            assert (lineno, column) <= start, ((lineno, column), start)
            s_lineno, s_column = start
            if lineno < s_lineno:
                prefix += "\n" * (s_lineno - lineno)
                lineno = s_lineno
                column = 0
            if column < s_column:
                prefix += line_text[column:s_column]
                column = s_column
        if type_ == tokenize.COMMENT or type_ == tokenize.NL:
            prefix += value
            lineno, column = end
            if value.endswith("\n"):
                lineno += 1
                column = 0
            continue
        if type_ == token.OP:
            type_ = pgen_grammar.opmap[value]
        yield type_, value, prefix, start
        prefix = ""
        lineno, column = end
        if value.endswith("\n"):
            lineno += 1
            column = 0
    # the tokens ended before the parser had a whole module: its error, as the stock driver words it
    raise ParseError("incomplete input", type_, value, (prefix, start))


def _node(nonterminal, children):
    """pytree.Node(nonterminal, children), without its __new__ call, list copy and checks."""
    node = object.__new__(pytree.Node)
    node.type = nonterminal
    node.children = children
    for child in children:
        child.parent = node
    node.fixers_applied = None
    return node


def _take_into_chain(stack, chain, node, ilabel, actions, accepting):
    """`node` was just popped with `chain` above its parent entry: the nonterminals pushed on the
    way to it, each with `node` as its only child. Those that would pop (cannot take `ilabel`,
    may accept) collapse to it; the first that would not becomes a real entry, returned (the
    caller then shifts the token, or raises "bad input"). None when all collapsed."""
    i = len(chain)
    while i:
        i -= 1
        state, nonterminal = chain[i]
        if actions[state][ilabel] is not None or not accepting[state]:
            entry = [state, nonterminal, [node], chain[:i]]
            stack.append(entry)
            return entry
    return None


def _pop_through_chain(stack, chain, node, accept_only):
    """As _take_into_chain, after a shift: the chain's nonterminals collapse to `node` while
    their state only accepts."""
    i = len(chain)
    while i:
        i -= 1
        state, nonterminal = chain[i]
        if not accept_only[state]:
            entry = [state, nonterminal, [node], chain[:i]]
            stack.append(entry)
            return entry
    return None
