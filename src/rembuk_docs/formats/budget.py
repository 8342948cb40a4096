"""The work budget of one template render: loop iterations, string lengths and total output.

The sandbox (``formats/sandbox.py``) keeps templates away from Python internals; this module keeps
them from costing unbounded time or memory. Every limit raises :class:`SecurityError`, which the
sandbox reports with the template's file and line like any other refusal.

- :data:`MAX_ITERATIONS`: loop iterations, ``range`` items and calls (macros, methods) of one
  render, nested loops counted together;
- :data:`MAX_STRING`: characters of any string a filter, method, ``~``, ``+``, ``%`` or a
  namespace assignment produces, checked *before* a padding width or a ``replace`` is applied;
- :data:`MAX_OUTPUT`: characters one render (or one macro call or ``{% set %}`` block) yields.

A value turned into text (printed, ``|string``, ``|tojson``, ``~``, ``%``, ``format``) is measured
first by :func:`text_size`, which walks lists and dicts and stops as soon as the limit is passed:
``[['x' * 100000] * 100000] * 100000`` is a few kilobytes of lists but 10^15 characters of text.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.visitor import NodeTransformer

MAX_ITERATIONS = 1_000_000
MAX_STRING = 10_000_000
MAX_OUTPUT = 50_000_000
MAX_PARAGRAPHS = 100  # lipsum
MAX_DIGITS = 1_000  # digits of a number made by '*' or '**'

_WIDTH = re.compile(r"\d+")
_CONVERSION = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?"
    r"(?P<kind>[diouxXeEfFgGcrsa%])"
)


@dataclass
class _Budget:
    iterations: int = 0


_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "rembuk_template_budget", default=None
)


def _said(message_id: str, /, **params: Any) -> str:
    """A limit's message in the user's language (Jinja carries it as the error's text)."""
    from ..messages import text

    return text(message_id, **params)


def _budget() -> _Budget:
    budget = _current.get()
    if budget is None:  # a call outside any render (e.g. a filter tested on its own)
        budget = _Budget()
        _current.set(budget)
    return budget


def charge(count: int = 1) -> None:
    """Count ``count`` iterations against the render's budget; refuse beyond the limit."""
    budget = _budget()
    budget.iterations += count
    if budget.iterations > MAX_ITERATIONS:
        raise SecurityError(_said("template.budget.iterations", limit=MAX_ITERATIONS))


def checked_length(value: Any, what: str = "a string") -> Any:
    """``value``, refused when it is text (or a list) longer than :data:`MAX_STRING`."""
    if isinstance(value, str | list | tuple) and len(value) > MAX_STRING:
        raise SecurityError(
            _said("template.budget.length", what=what, size=len(value), limit=MAX_STRING)
        )
    return value


def text_size(value: Any, limit: int = MAX_STRING) -> int:
    """About how many characters ``str(value)`` (or its JSON) has, counted without making it:
    the walk over nested lists, tuples, sets and dicts stops once ``limit`` is passed, so it costs
    at most ``limit`` steps whatever the value (a list repeated into itself is counted, not
    followed forever). Numbers count their digits, other objects their own text."""
    size = 0
    pending: list[Any] = [value]
    while pending and size <= limit:
        item = pending.pop()
        if isinstance(item, str):
            size += len(item) + 2
        elif isinstance(item, bool) or item is None:
            size += 5
        elif isinstance(item, int):
            size += item.bit_length() * 30103 // 100000 + 2
        elif isinstance(item, float):
            size += 24
        elif isinstance(item, dict):
            size += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            size += 2 + 2 * len(item)
            pending.extend(item)
        else:
            size += 100  # a record, a range or a generator: its text is short
    return size


def check_text(value: Any, what: str) -> Any:
    """``value``, refused before it becomes text when that text would pass :data:`MAX_STRING`."""
    if not isinstance(value, str | int | float) and text_size(value) > MAX_STRING:
        raise SecurityError(_said("template.budget.more_than", what=what, limit=MAX_STRING))
    return value


def printable(value: Any) -> Any:
    """The environment's ``finalize``: a value printed by ``{{ }}`` is measured before it becomes
    text (``{{ [big] * 100000 }}``)."""
    return check_text(value, "'{{ }}'")


def check_product(left: Any, right: Any, what: str = "'*'") -> None:
    """Refuse a product of two whole numbers with more than :data:`MAX_DIGITS` digits (squaring
    a number in a loop doubles its digits each time)."""
    numbers = isinstance(left, int) and isinstance(right, int)
    if numbers and (left.bit_length() + right.bit_length()) * 0.30103 > MAX_DIGITS:
        raise SecurityError(_said("template.budget.digits", what=what, limit=MAX_DIGITS))


def check_star_widths(pattern: Any, values: Any, what: str) -> None:
    """Refuse ``'%*s' % (300000000, 'x')``: a width or precision given by ``*`` among the values."""
    if not (isinstance(pattern, str) and "*" in pattern):
        return
    given = values if isinstance(values, tuple) else (values,)
    place = 0
    for match in _CONVERSION.finditer(pattern):
        if match.group("kind") == "%":
            continue
        for star in (match.group("width"), match.group("precision")):
            if star == "*" and place < len(given):
                check_width(given[place], what)
                place += 1
        place += 1


def check_width(number: Any, what: str) -> None:
    """Refuse a padding width or count larger than :data:`MAX_STRING`."""
    if isinstance(number, int) and not isinstance(number, bool) and abs(number) > MAX_STRING:
        raise SecurityError(
            _said("template.budget.number", what=what, number=number, limit=MAX_STRING)
        )


def check_format(pattern: Any, what: str) -> None:
    """Refuse a format string (``%300000000s``, ``{:>300000000}``) with a huge width."""
    if isinstance(pattern, str):
        for match in _WIDTH.finditer(pattern):
            if len(match.group()) > 8 or int(match.group()) > MAX_STRING:
                raise SecurityError(
                    _said("template.budget.width", what=what, width=match.group()[:12])
                )


def check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    """Refuse a ``replace`` whose result would be longer than :data:`MAX_STRING`."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    hits = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    size = len(text) + hits * (len(new) - len(old))
    if size > MAX_STRING:
        raise SecurityError(
            _said("template.budget.length", what="'replace'", size=size, limit=MAX_STRING)
        )


def joined(separator: str, items: Iterable[Any]) -> list[str]:
    """The items of a ``join`` as text, refused before joining when the result would be too long."""
    parts = []
    size = 0
    for item in items:
        charge()
        if text_size(item, MAX_STRING - size) + size > MAX_STRING:
            raise SecurityError(_said("template.budget.more_than", what="'join'", limit=MAX_STRING))
        text = str(item)
        size += len(text) + len(separator)
        if size > MAX_STRING:
            raise SecurityError(_said("template.budget.more_than", what="'join'", limit=MAX_STRING))
        parts.append(text)
    return parts


def bounded_concat(parts: Iterable[str]) -> str:
    """``"".join(parts)`` for the environment: the output of a render, a macro or a set block.

    The first (outermost) call starts a fresh budget for the render; inner calls share it.
    """
    token = None
    if _current.get() is None:
        token = _current.set(_Budget())
    try:
        collected = []
        size = 0
        for part in parts:
            size += len(part)
            if size > MAX_OUTPUT:
                raise SecurityError(_said("template.budget.output", limit=MAX_OUTPUT))
            collected.append(part)
        return "".join(collected)
    finally:
        if token is not None:
            _current.reset(token)


def bounded_loop(iterable: Any) -> Iterator[Any]:
    """The items of a ``{% for %}`` loop, each one charged to the render's budget."""
    for item in iterable:
        charge()
        yield item


def bounded_join(join: Callable[[Iterable[Any]], str]) -> Callable[[Iterable[Any]], str]:
    """Jinja's ``~`` (``str_join`` or ``markup_join``), refused when the result is too long."""

    def concatenate(items: Iterable[Any]) -> str:
        values = list(items)
        size = 0
        for value in values:
            size += len(value) if isinstance(value, str) else text_size(value, MAX_STRING - size)
        if size > MAX_STRING:
            raise SecurityError(
                _said("template.budget.length", what="'~'", size=size, limit=MAX_STRING)
            )
        return str(checked_length(join(values), "'~'"))

    return concatenate


class BudgetTransformer(NodeTransformer):
    """Rewrite a parsed template so that every ``for`` loop and every ``~`` is counted."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(
            nodes.Name("rembuk_loop", "load", lineno=node.lineno),
            [node.iter],
            [],
            None,
            None,
            lineno=node.lineno,
        )
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(
            nodes.Name("rembuk_join", "load", lineno=node.lineno),
            [nodes.List(list(node.nodes), lineno=node.lineno)],
            [],
            None,
            None,
            lineno=node.lineno,
        )


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter with its widths, counts and result length bounded."""

    def run(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            check_width(value, f"filter '{name}'")
        values = [value for value in args if not hasattr(value, "environment")]
        if values and name not in _NOT_TEXT:
            check_text(values[0], f"filter '{name}'")
        if name == "format" and values:
            check_format(values[0], "filter 'format'")
            check_star_widths(values[0], tuple(values[1:]), "filter 'format'")
            for value in (*values[1:], *kwargs.values()):
                check_text(value, "filter 'format'")
        elif name == "replace" and len(values) >= 3:
            check_replace(*values[:4])
        elif name == "join" and values:
            separator = values[1] if len(values) > 1 else kwargs.get("d", "")
            if isinstance(separator, str) and not kwargs.get("attribute"):
                values[0] = joined(separator, values[0])
                args = tuple(values if len(values) == len(args) else [args[0], *values])
        return checked_length(function(*args, **kwargs), f"filter '{name}'")

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(run, attribute, getattr(function, attribute))
    return run


_NOT_TEXT = frozenset(
    {
        "length",
        "count",
        "first",
        "last",
        "list",
        "map",
        "select",
        "reject",
        "selectattr",
        "rejectattr",
        "batch",
        "slice",
        "sort",
        "unique",
        "reverse",
        "dictsort",
        "groupby",
        "sum",
        "min",
        "max",
        "join",
        "default",
        "d",
        "attr",
        "items",
        "random",
        "int",
        "float",
        "abs",
        "round",
        "filesizeformat",
    }
)
"""Filters that do not turn their whole value into text (``join`` measures each item itself)."""

_STRING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "replace", "join"}


def check_call(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of a string method whose result would be too long, before it is made."""
    owner = getattr(target, "__self__", None)
    name = getattr(target, "__name__", "")
    if not isinstance(owner, str) or name not in _STRING_METHODS:
        return
    for value in (*args, *kwargs.values()):
        check_width(value, f"'{name}'")
    if name == "format":
        check_format(owner, "'format'")
    elif name == "replace":
        check_replace(owner, *args[:3])
    elif name == "join" and args:
        joined(owner, args[0] if isinstance(args[0], list | tuple | str) else list(args[0]))
    if name == "expandtabs":
        size = owner.count("\t") * (args[0] if args and isinstance(args[0], int) else 8)
        if size + len(owner) > MAX_STRING:
            raise SecurityError(
                _said("template.budget.more_than", what="'expandtabs'", limit=MAX_STRING)
            )


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's ``lipsum``, with at most :data:`MAX_PARAGRAPHS` paragraphs of at most 100 words."""
    from jinja2.utils import generate_lorem_ipsum

    if not all(isinstance(value, int) for value in (n, min, max)):
        raise SecurityError(_said("template.budget.lipsum_numbers"))
    if n > MAX_PARAGRAPHS or max > 100 or min > 100:
        raise SecurityError(_said("template.budget.lipsum", limit=MAX_PARAGRAPHS))
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def bounded_range(*args: int) -> range:
    """Jinja's sandboxed ``range``, each item charged to the render's budget."""
    from jinja2.sandbox import safe_range

    items = safe_range(*args)
    charge(len(items))
    return items


def bounded_namespace() -> type:
    """Jinja's ``namespace``, whose attributes may not be set to text longer than MAX_STRING
    (``{% set ns.x = ns.x ~ ns.x %}`` in a loop doubles a string 30 times to a gigabyte)."""
    from jinja2.utils import Namespace

    class BoundedNamespace(Namespace):
        def __setitem__(self, name: str, value: Any) -> None:
            super().__setitem__(name, checked_length(value, f"namespace attribute '{name}'"))

    return BoundedNamespace
