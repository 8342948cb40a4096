"""The Jinja2 sandbox every template runs in: Indonesian filters, strict undefined values, located errors.

Two environments share the filters: ``text`` for wording snippets (plain text, not escaped: the
writers escape it) and ``xml`` for Word templates (autoescaped, because the output is XML).
"""

from __future__ import annotations

import difflib
import marshal
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import cache, lru_cache, update_wrapper
from types import CodeType, TracebackType
from typing import Any

from jinja2 import StrictUndefined, TemplateRuntimeError, TemplateSyntaxError, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from markupsafe import Markup

from .. import indonesian
from ..diskcache import cached, file_digest
from ..errors import Problem, TemplateError
from ..messages import Message
from . import budget
from .template_record import StrictRecordUndefined

TEMPLATE_FILENAME = "<template>"
"""The file name Jinja gives a template compiled from a string; its frames carry template lines."""


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _tanggal(value: Any) -> str:
    return indonesian.tanggal(_as_date(value))


def _hari_tanggal(value: Any) -> str:
    return indonesian.hari_tanggal(_as_date(value))


def _terbilang(value: Any) -> str:
    number = indonesian.parse_number(value)
    if number == number.to_integral_value():
        return indonesian.terbilang(int(number))
    return indonesian.terbilang_decimal(number)


def _rupiah(value: Any, words: bool = False) -> str:
    amount = indonesian.parse_number(value)
    return indonesian.rupiah_with_words(amount) if words else indonesian.rupiah(amount)


def _persen(value: Any, words: bool = False, desimal: int | None = None) -> str:
    number = indonesian.parse_number(value)
    if words:
        return indonesian.persen_terbilang(number, desimal)
    return indonesian.persen(number, desimal)


def _gabung(values: Iterable[Any]) -> str:
    if isinstance(values, str):
        return values
    return indonesian.join_words([str(value) for value in values])


def _guarded(name: str, function: Callable[..., str]) -> Callable[..., str]:
    """A filter that names itself and the value when the value cannot be formatted."""

    def run(value: Any, *args: Any) -> str:
        if isinstance(value, StrictUndefined):
            str(value)  # raises the UndefinedError that names the missing variable
        try:
            return function(value, *args)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise TemplateRuntimeError(f"filter '{name}' cannot format {value!r}: {exc}") from exc

    run.__name__ = name
    return run


def filters(*, nip_grouped: bool) -> dict[str, Callable[..., str]]:
    """The filters every template may use (``nip`` groups as the pack says)."""

    def nip(value: Any) -> str:
        return indonesian.format_nip(str(value), grouped=nip_grouped)

    plain: dict[str, Callable[..., str]] = {
        "tanggal": _tanggal,
        "hari_tanggal": _hari_tanggal,
        "terbilang": _terbilang,
        "rupiah": _rupiah,
        "persen": _persen,
        "nip": nip,
        "gabung": _gabung,
    }
    return {name: _guarded(name, function) for name, function in plain.items()}


class _BoundedFormatter(SandboxedFormatter):
    """The sandbox's formatter, measuring every field before it is formatted."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        budget.check_format(format_spec, "'format'")
        budget.check_text(value, "'format'")
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(_BoundedFormatter, SandboxedEscapeFormatter):
    """The same, for the autoescaped (Word template) environment."""


MAX_PRODUCT = 100_000  # characters or items a template may make with '*'
MAX_POWER = 1_000  # digits a template may make with '**'


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with every kind of work bounded (see ``formats/budget.py``).

    ``'x' * 10**8`` and ``2 ** 10**6`` are refused; loops (nested ones counted together) and
    ``range`` share one iteration budget per render; strings made by filters, string methods,
    ``~``, ``+``, ``%`` and namespace assignments are bounded in length *before* a padding width
    or a ``replace`` is applied; the output of a render is bounded too.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    concat = staticmethod(budget.bounded_concat)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for text, count in ((left, right), (right, left)):
                repeated = isinstance(text, str | list | tuple) and isinstance(count, int)
                if repeated and len(text) * count > MAX_PRODUCT:
                    size = len(text) * count
                    raise SecurityError(
                        str(Message("template.budget.items", size=size, limit=MAX_PRODUCT))
                    )
            budget.check_product(left, right)
        powers = operator == "**" and isinstance(left, int) and isinstance(right, int)
        if powers and right > 0 and abs(left) > 1 and right * math.log10(abs(left)) > MAX_POWER:
            raise SecurityError(str(Message("template.budget.power", limit=MAX_POWER)))
        sequences = isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
        if operator == "+" and sequences and len(left) + len(right) > budget.MAX_STRING:
            raise SecurityError(
                str(Message("template.budget.more_than", what="'+'", limit=budget.MAX_STRING))
            )
        if operator == "%" and isinstance(left, str):
            budget.check_format(left, "'%'")
            budget.check_star_widths(left, right, "'%'")
            budget.check_text(right, "'%'")
        return budget.checked_length(super().call_binop(context, operator, left, right), "'%'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget.charge(10)  # a call costs about ten loop steps; a macro calling itself twice doubles
        budget.check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return budget.checked_length(result, f"'{getattr(__obj, '__name__', 'call')}'")

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` through a formatter that measures each field before
        formatting it: the width or precision once nested fields are filled in
        (``'{0:{1}}'.format('a', 300000000)``), and the text of the value."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        is_format_map = value.__name__ == "format_map"
        pattern: str = value.__self__
        formatter: SandboxedFormatter
        if isinstance(pattern, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=pattern.escape)
        else:
            formatter = _BoundedFormatter(self)

        def bounded(*args: Any, **kwargs: Any) -> str:
            if not is_format_map:
                return type(pattern)(formatter.vformat(pattern, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(pattern)(formatter.vformat(pattern, (), args[0]))

        return update_wrapper(bounded, value)

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        counted = budget.BudgetTransformer().visit(source)
        return super()._generate(counted, name, filename, defer_init=defer_init)


@lru_cache(maxsize=4)
def environment(kind: str = "text", *, nip_grouped: bool = True) -> ImmutableSandboxedEnvironment:
    """The sandboxed environment for ``kind`` 'text' (wording snippets) or 'xml' (Word templates)."""
    if kind not in ("text", "xml"):
        raise ValueError(f"unknown template kind {kind!r}")
    env = BoundedSandbox(
        undefined=StrictRecordUndefined,
        autoescape=kind == "xml",
        trim_blocks=kind == "text",
        lstrip_blocks=kind == "text",
        keep_trailing_newline=False,
        finalize=budget.printable,
    )
    env.filters = {
        name: budget.bounded_filter(name, function) for name, function in env.filters.items()
    }
    env.filters.update(filters(nip_grouped=nip_grouped))
    env.globals.update(
        range=budget.bounded_range,
        lipsum=budget.bounded_lipsum,
        namespace=budget.bounded_namespace(),
        rembuk_loop=budget.bounded_loop,
        rembuk_join=budget.bounded_join(markup_join if kind == "xml" else str_join),
    )
    return env


def template_line(error: BaseException) -> int | None:
    """The template line an error was raised at, when Jinja knows it."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    line = None
    trace: TracebackType | None = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_FILENAME:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def describe(error: BaseException) -> Message:
    """A message for a template author, without Python internals (Jinja's own detail kept)."""
    if isinstance(error, SecurityError):
        return Message("template.not_allowed", detail=str(error))
    if isinstance(error, UndefinedError):
        return Message("template.missing_value", detail=str(error))
    if isinstance(error, TemplateSyntaxError):
        return Message("template.syntax", detail=str(error.message))
    if isinstance(error, TemplateRuntimeError):
        return Message.plain(str(error))
    return Message.plain(f"{type(error).__name__}: {error}")


def compile_snippet(source: str, *, nip_grouped: bool = True) -> JinjaTemplate:
    """Compile a wording snippet in the text sandbox (cached); raises Jinja's own errors."""
    return _compiled(source, nip_grouped)


@lru_cache(maxsize=512)
def _compiled(source: str, nip_grouped: bool) -> JinjaTemplate:
    """What ``environment(...).from_string(source)`` gives, its code compiled once per user."""
    env = environment("text", nip_grouped=nip_grouped)
    code = _snippet_code(env, source, f"text nip_grouped={nip_grouped}")
    return env.template_class.from_code(env, code, env.make_globals(None))


def _snippet_code(env: ImmutableSandboxedEnvironment, source: str, kind: str) -> CodeType:
    """The Python code Jinja compiles ``source`` to (the budget's counting included), kept in
    the cache on disk (:mod:`rembuk_docs.diskcache`): a cold render compiles 78 snippets, about
    a tenth of its time. The key is the snippet, the environment's ``kind``, Jinja's version and
    the source of this module and of the budget (which make the environment and the
    transformer); Python's version is in every key. A snippet Jinja refuses raises as before and
    is not kept. (Like Python's own ``__pycache__``, the cache folder is trusted: code is read
    from it.)"""

    def compiled() -> bytes:
        return marshal.dumps(env.compile(source))

    try:
        code = marshal.loads(cached("snippet", (source, kind, *_code_key()), compiled))
    except (EOFError, ValueError, TypeError):  # not code: made again, not trusted
        return env.compile(source)
    if not isinstance(code, CodeType):
        return env.compile(source)
    return code


@cache
def _code_key() -> tuple[str, ...]:
    import jinja2

    return (jinja2.__version__, file_digest(__file__), file_digest(budget.__file__))


def render_snippet(
    source: str,
    context: Mapping[str, Any],
    *,
    location: str,
    first_line: int | None = None,
    nip_grouped: bool = True,
) -> str:
    """Render a plain-text snippet; raise :class:`TemplateError` naming ``location`` and the line.

    ``first_line`` is the line of the snippet's first line in its file, so that the reported line
    is a line of that file; without it the line is counted within the snippet.
    """
    try:
        return compile_snippet(source, nip_grouped=nip_grouped).render(context)
    except Exception as exc:  # every template failure becomes a located TemplateError
        raise TemplateError([located_problem(exc, location, first_line)]) from exc


def located_problem(error: BaseException, location: str, first_line: int | None) -> Problem:
    """A problem for an error raised by a snippet that starts at ``first_line`` of ``location``."""
    line = template_line(error)
    if line is not None and first_line is not None:
        line = first_line + line - 1
    return Problem(location, describe(error), line)


# --------------------------------------------------------------------------- static checks

JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"})


def names_with_lines(tree: nodes.Template) -> dict[str, int]:
    """Each variable a template reads without defining it, with the first line that reads it."""
    from jinja2 import meta

    undeclared = meta.find_undeclared_variables(tree)
    found: dict[str, int] = {}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name in undeclared and node.name not in found:
            found[node.name] = node.lineno
    return found


def unsafe_accesses(tree: nodes.Template) -> list[tuple[str, int]]:
    """Attribute or item names starting with '_' (Python internals), with their lines."""
    hits: list[tuple[str, int]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name: object = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        if isinstance(name, str) and name.startswith("_"):
            hits.append((name, node.lineno))
    return hits


def static_problems(
    source: str,
    *,
    known: Iterable[str],
    location: str,
    first_line: int | None = None,
    kind: str = "text",
    line_label: Callable[[int], tuple[str, int | None]] | None = None,
) -> list[Problem]:
    """Syntax errors, unknown variables and reaches into Python internals, each with its line.

    ``line_label`` maps a template line to a (location, line) pair, for templates whose lines are
    not file lines (Word templates report the paragraph instead).
    """

    def where(line: int | None) -> tuple[str, int | None]:
        if line is None:
            return location, None
        if line_label is not None:
            return line_label(line)
        return location, (first_line + line - 1) if first_line is not None else line

    env = environment(kind)
    try:
        tree = env.parse(source)
        env.compile(tree)  # unknown filters and tests are found here
    except TemplateSyntaxError as exc:
        place, line = where(exc.lineno)
        return [Problem(place, describe(exc), line)]
    found: list[tuple[int, Message]] = []
    allowed = set(known) | JINJA_GLOBALS
    for name, line in names_with_lines(tree).items():
        if name not in allowed:
            hints = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
            if hints:
                unknown = Message("template.unknown_variable_close", name=name, close=hints[0])
            else:
                unknown = Message("template.unknown_variable", name=name)
            found.append((line, unknown))
    for name, line in unsafe_accesses(tree):
        found.append((line, Message("template.internals", name=name)))
    problems = []
    for line, message in sorted(found, key=lambda item: item[0]):
        place, at = where(line)
        problems.append(Problem(place, message, at))
    return problems
