"""Enumerate a module's mutants from its AST: comparisons, boolean operators, constants, statements, regexes."""

import ast
import copy
import io
import tokenize
from dataclasses import dataclass

COMPARE_SWAPS = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
PLACEHOLDER = "\x00{}\x00"  # stands for an f-string's formatted value while its regex is mutated


@dataclass(frozen=True)
class Mutant:
    key: str  # "function | the mutated line's code | description": stable while that line is, wherever it moves
    where: str  # "line:column", for a human to find it
    source: str


def code_lines(source: str) -> list[str]:
    """Return each line of source stripped of indentation and of its comment, as a mutant's key quotes it."""
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return [" ".join(line.split()) for line in lines]


def regex_alternatives(pattern: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of every alternative of every group that has two or more."""
    groups, spans, index, in_class = [[0, []]], [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            start = index + 1
            if pattern.startswith("(?:", index):
                start = index + 3
            groups.append([start, []])
        elif char == "|":
            groups[-1][1].append(index)
        elif char == ")" and len(groups) > 1:
            spans += _split(groups.pop(), index)
        index += 1
    return spans + _split(groups[0], len(pattern))


def _split(group: list, end: int) -> list[tuple[int, int]]:
    """Return the spans of one group's alternatives, each with one of its bars, or none if it has one."""
    start, bars = group
    if not bars:
        return []
    bounds = [start, *bars, end]
    spans = [(bounds[0], bounds[1] + 1)]  # the first alternative and the bar after it
    spans += [(bounds[i], bounds[i + 1]) for i in range(1, len(bounds) - 1)]  # each later one with its bar before
    return spans


def _shown(text: str) -> str:
    """Return an f-string's text with its formatted values shown as {}."""
    return "".join("{}" if index % 2 else piece for index, piece in enumerate(text.split("\x00")))


def looks_like_regex(text: str) -> bool:
    """Return whether a string constant is a regex with alternatives."""
    return "|" in text and any(c in text for c in "([\\")


class Mutator(ast.NodeTransformer):
    """Count mutation points in order; apply only the one whose number is target (None: count only)."""

    def __init__(self, target: int | None = None, lines: list[str] = ()):
        self.target, self.count, self.applied, self.lines, self.scope = target, 0, None, lines, []
        self.keys: list[str] = []  # every point's stable key, in order

    def point(self, node, description: str) -> bool:
        """Register one mutation point; return True when it is the one to apply."""
        hit = self.count == self.target
        self.count += 1
        code = self.lines[node.lineno - 1] if self.lines else ""
        self.keys.append(f"{'.'.join(self.scope) or '<module>'} | {code} | {description}")
        if hit:
            self.applied = f"{node.lineno}:{node.col_offset}"
        return hit

    def visit_ClassDef(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()
        return node

    def visit_FunctionDef(self, node):
        self.scope.append(node.name)
        node.body = self.statements(node.body)
        node.args = self.visit(node.args)
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        self.scope.pop()
        return node  # annotations and the return annotation are never mutated

    def visit_arguments(self, node):
        node.defaults = [self.visit(d) for d in node.defaults]
        node.kw_defaults = [d if d is None else self.visit(d) for d in node.kw_defaults]
        return node

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node  # a docstring
        return self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def statements(self, body: list) -> list:
        """Visit a function's body, offering each statement (but its docstring) for removal."""
        result = []
        for index, statement in enumerate(body):
            docstring = index == 0 and isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            if docstring:
                result.append(statement)
            elif self.point(statement, f"remove {type(statement).__name__}"):
                result.append(ast.copy_location(ast.Pass(), statement))
            else:
                for field in ("body", "orelse", "finalbody"):
                    if isinstance(getattr(statement, field, None), list):
                        setattr(statement, field, self.statements(getattr(statement, field)))
                for name, value in ast.iter_fields(statement):
                    if name not in ("body", "orelse", "finalbody"):
                        setattr(statement, name, self.visit(value) if isinstance(value, ast.AST) else
                                [self.visit(v) if isinstance(v, ast.AST) else v for v in value]
                                if isinstance(value, list) else value)  # fmt: skip
                result.append(statement)
        return result

    def visit_Compare(self, node):
        self.generic_visit(node)
        for index, op in enumerate(node.ops):
            swap = COMPARE_SWAPS[type(op)]
            if self.point(node, f"{type(op).__name__}->{swap.__name__}"):
                node.ops[index] = swap()
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        swap = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self.point(node, f"{type(node.op).__name__}->{swap.__name__}"):
            node.op = swap()
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self.point(node, "drop not"):
            return node.operand
        return node

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool):
            if self.point(node, f"{value}->{not value}"):
                node.value = not value
        elif isinstance(value, int):
            if self.point(node, f"{value}->{value + 1}"):
                node.value = value + 1
        elif isinstance(value, str) and not (" " in value and len(value) > 40):  # prose messages are not mutated
            if looks_like_regex(value):
                return self.regex(node, value)
            if self.point(node, f"{value[:20]!r}->'XX'"):
                node.value = "XX" + value if value else "XX"
        return node

    def visit_JoinedStr(self, node):
        parts = [p.value if isinstance(p, ast.Constant) else PLACEHOLDER.format(i) for i, p in enumerate(node.values)]
        text = "".join(parts)
        if not looks_like_regex(text):
            return node  # an f-string message: prose is not mutated
        for start, end in regex_alternatives(text):
            if self.point(node, f"regex drop {_shown(text[start:end])[:30]!r}"):
                return self.rebuild(node, text[:start] + text[end:])
        return node

    def regex(self, node, value: str):
        for start, end in regex_alternatives(value):
            if self.point(node, f"regex drop {value[start:end][:30]!r}"):
                node.value = value[:start] + value[end:]
        return node

    @staticmethod
    def rebuild(node, text: str):
        """Return the f-string with its constant parts from text, keeping its formatted values."""
        values, pieces = [], text.split("\x00")
        for index, piece in enumerate(pieces):
            if index % 2:
                values.append(node.values[int(piece)])
            elif piece:
                values.append(ast.Constant(piece))
        return ast.copy_location(ast.JoinedStr(values), node)


def stable_keys(keys: list[str]) -> list[str]:
    """Number the second and later of identical keys (the same mutation twice on one line): "... #2"."""
    seen: dict[str, int] = {}
    numbered = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        numbered.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return numbered


def mutant_keys(source: str) -> list[str]:
    """Return the stable key of every mutant of a module's source, in order, without building the mutants."""
    counter = Mutator(lines=code_lines(source))
    counter.visit(ast.parse(source))
    return stable_keys(counter.keys)


def mutants(source: str) -> list[Mutant]:
    """Return every mutant of a module's source, one mutation each."""
    tree = ast.parse(source)
    keys = mutant_keys(source)
    result = []
    for target in range(len(keys)):
        mutator = Mutator(target)
        mutated = ast.fix_missing_locations(mutator.visit(copy.deepcopy(tree)))
        result.append(Mutant(keys[target], mutator.applied, ast.unparse(mutated)))
    return result
