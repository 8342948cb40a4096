"""Checks across fields that a single field's validator cannot make; each problem has its path."""

from __future__ import annotations

from typing import get_args, get_origin

from pydantic import BaseModel

from ..errors import Problem
from ..indonesian import persen
from ..messages import FieldName, Message
from .allocation import village_problems
from .figures import Scope
from .paperwork import paperwork_problems
from .rembuk import Rembuk


def cross_field_problems(rembuk: Rembuk) -> list[Problem]:
    """Return every problem that involves more than one field; empty when the definition is sound."""
    problems: list[Problem] = []
    if not rembuk.signatories:
        problems.append(Problem(("signatories",), Message("model.check.signatories_needed")))
    for index, target in enumerate(rembuk.targets):
        if target.scope is not Scope.DAERAH:
            continue
        base = rembuk.baseline(target.year)
        if base is not None and target.value >= base.value:
            problems.append(
                Problem(
                    ("targets", index, "value"),
                    Message(
                        "model.check.target_not_below",
                        target=persen(target.value),
                        year=target.year,
                        baseline=persen(base.value),
                        source=base.source,
                        base_year=base.year,
                    ),
                )
            )
    if rembuk.agreement.date is not None and rembuk.agreement.date < rembuk.event.date:
        problems.append(
            Problem(
                ("agreement", "date"),
                Message(
                    "model.check.agreement_before_event",
                    agreement_date=FieldName("agreement", "date"),
                    event_date=FieldName("event", "date"),
                ),
            )
        )
    seen: dict[str, int] = {}
    for index, person in enumerate(rembuk.signatories):
        if person.nip:
            if person.nip in seen:
                problems.append(
                    Problem(
                        ("signatories", index, "nip"),
                        Message("model.check.nip_twice", nip=person.nip, other=seen[person.nip]),
                    )
                )
            seen.setdefault(person.nip, index)
    problems.extend(paperwork_problems(rembuk))
    problems.extend(village_problems(rembuk))
    for index, path in enumerate(rembuk.examples):
        if not field_given(rembuk, path):
            problems.append(
                Problem(
                    ("examples", index),
                    f"'{path}' bukan isian yang ada dalam definisi ini; tulis jalur isian yang "
                    "ada, mis. 'event.date', 'agreement.pledges[2]' atau 'minutes'",
                )
            )
    return problems


def field_given(rembuk: Rembuk, path: str) -> bool:
    """Whether ``path`` ('agreement.pledges[2].text') names a field the definition's schema has,
    with every index inside its list.

    A path into a section the definition leaves out ('minutes.agenda' without minutes) is known:
    the mark stays (and keeps the pack a draft) but stops nothing.
    """
    node: object = rembuk
    model: type[BaseModel] | None = type(rembuk)
    for chunk in path.strip().split("."):
        name, _, rest = chunk.partition("[")
        if not name or model is None or name not in model.model_fields:
            return False
        annotation = model.model_fields[name].annotation
        node = getattr(node, name, None) if node is not None else None
        model = _model_in(annotation)
        for index in rest.replace("]", "[").split("["):
            if not index:
                continue
            if not index.isdigit() or not _is_sequence(annotation):
                return False
            if node is not None:
                if not isinstance(node, (list, tuple)) or int(index) >= len(node):
                    return False
                node = node[int(index)]
    return True


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class an annotation holds (inside Optional, list or tuple), else ``None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _is_sequence(annotation: object) -> bool:
    """Whether an annotation is (or optionally is) a list or tuple."""
    if get_origin(annotation) in (list, tuple):
        return True
    return any(_is_sequence(argument) for argument in get_args(annotation))
