"""Shared building blocks of the model: the strict base class and the value types with their parsing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from ..indonesian import MAX_NUMBER_TEXT, bounds_problem
from ..messages import Message, invalid

# Characters XML 1.0 forbids (C0 controls but tab and newline, and the non-characters); they come
# from text pasted out of Word (vertical tab) or spreadsheets. They are refused with the field path.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ufffe\uffff]")
_CONTROL_NAMES = {
    "\x0b": "model.text.control.vertical_tab",
    "\x0c": "model.text.control.form_feed",
    "\x0d": "model.text.control.carriage_return",
}

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        start=1,
    )
}
MONTHS.update({"pebruari": 2, "nopember": 11, "agu": 8, "agt": 8})


def choice_key(value: str) -> str:
    """A choice as compared: case, spaces, '_' and '-' ignored ('Kepala Daerah' = 'kepala_daerah')."""
    return re.sub(r"[\s_\-]+", "", value).casefold()


class Choice(StrEnum):
    """A closed set of words a user writes; read in any case and spacing ('wita', 'Kabupaten')."""

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        if isinstance(value, str):
            key = choice_key(value)
            for member in cls:
                if choice_key(member.value) == key:
                    return member
        return None


class StrictModel(BaseModel):
    """Base of every model: unknown keys are refused, values are checked on assignment too."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        frozen=False,
        use_attribute_docstrings=False,
    )


_SEPARATORS = str.maketrans(dict.fromkeys("\u2028\u2029\x85", " "))
"""Unicode's line and paragraph separators and NEL (pasted from Word or a web page) become a
space in every field, so every document and both formats show them alike, as one space; a line
break the user means is a plain newline."""


def _clean_text(value: Any) -> Any:
    """Normalise user text: NFC, CRLF to LF, line and paragraph separators to a space, and refuse
    characters XML cannot carry."""
    if type(value) is str and value.isascii():
        # the common case, 100,000 times for a long list: ASCII is already NFC, and printable
        # ASCII (no control character at all, so no CR and nothing forbidden) is left as it is
        if value.isprintable() or ("\r" not in value and _FORBIDDEN.search(value) is None):
            return value
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).translate(_SEPARATORS)
    match = _FORBIDDEN.search(value)
    if match:
        char = match.group()
        name = Message(
            _CONTROL_NAMES.get(char, "model.text.control.other"), code=f"{ord(char):04X}"
        )
        raise invalid("model.text.control", name=name, position=match.start() + 1)
    return value


Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1)]
"""Non-empty user text, stripped, in NFC, free of characters XML forbids."""

OptionalText = Annotated[str | None, BeforeValidator(_clean_text)]


def parse_date(value: Any) -> Any:
    """Accept ISO dates, ``25-07-2022``, ``25/07/2022`` and ``25 Juli 2022``; refuse bare numbers
    (pydantic would read them as seconds since 1970)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise invalid("model.date.number", value=value)
    if isinstance(value, date) or not isinstance(value, str):
        return value
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
    if match:
        month = MONTHS.get(match.group(2).lower())
        if month is None:
            raise invalid("model.date.month_name", month=match.group(2))
        return _real_date(int(match.group(3)), month, int(match.group(1)), text)
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        return _real_date(int(match.group(3)), int(match.group(2)), int(match.group(1)), text)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        return _real_date(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    raise invalid("model.date.invalid", value=text)


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise invalid("model.date.not_real", value=text) from None


def parse_time(value: Any) -> Any:
    """Accept ``09.00``, ``09:00``, ``9:00`` (which YAML 1.1 reads as the number 540), an unquoted
    ``09.30`` (which YAML reads as the number 9.3) and a bare hour such as ``9``."""
    if isinstance(value, time):
        return value
    if isinstance(value, bool):
        raise invalid("model.time.yes_no")
    if isinstance(value, float):
        value = f"{value:.2f}"  # 9.3 was written 09.30: the Indonesian hour.minute
    elif isinstance(value, int):
        if 0 <= value < 24:
            return time(value, 0)
        hours, minutes = divmod(value, 60)  # YAML 1.1 read 9:30 as 570
        if value >= 60 and hours < 24:
            return time(hours, minutes)
        raise invalid("model.time.invalid", value=value)
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2})[.:](\d{2})", value.strip())
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return time(int(match.group(1)), int(match.group(2)))
        raise invalid("model.time.invalid", value=f"'{value}'")
    return value


def parse_decimal(value: Any) -> Any:
    """Accept numbers and Indonesian-written figures such as ``24,7``, ``24,7%`` or ``Rp1.500.000,00``.

    Text longer than :data:`~rembuk_docs.indonesian.MAX_NUMBER_TEXT` characters is refused
    before it is parsed.
    """
    if isinstance(value, bool):
        raise invalid("model.number.yes_no")
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        if len(value.strip()) > MAX_NUMBER_TEXT:
            raise invalid(
                "limits.number.too_long", length=len(value.strip()), limit=MAX_NUMBER_TEXT
            )
        text = value.strip().replace(" ", "")
        text = re.sub(r"^(?i:rp)\.?", "", text).rstrip("%")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise invalid("model.number.invalid", value=value) from None
    return value


def bounded_decimal(*, integer_digits: int, decimals: int) -> BeforeValidator:
    """A validator reading a number as :func:`parse_decimal` does, then refusing it when it has
    more than ``integer_digits`` digits before the point or ``decimals`` after it (trailing zeros
    not counted), or is not finite. The bounds are checked on the digits, never by writing the
    number out, so ``1e-999999`` is refused at once instead of hanging a render."""

    def parse(value: Any) -> Any:
        number = parse_decimal(value)
        if isinstance(number, Decimal):
            problem = bounds_problem(number, integer_digits=integer_digits, decimals=decimals)
            if problem is not None:
                raise invalid(problem.id, **problem.params)
        return number

    return BeforeValidator(parse)


PERCENT_DECIMALS = 4
"""Decimals a percentage may have ('24,7%': one)."""
NUMBER_DIGITS, NUMBER_DECIMALS = 12, 4
"""Digits before and after the point of a plain number such as an activity volume."""
MONEY_DIGITS, MONEY_DECIMALS = 15, 2
"""Digits of a rupiah amount: up to Rp999 triliun, in whole sen."""


def _decimal_to_plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


Day = Annotated[date, BeforeValidator(parse_date)]
ClockTime = Annotated[
    time, BeforeValidator(parse_time), PlainSerializer(lambda t: t.strftime("%H.%M"))
]
Number = Annotated[
    Decimal,
    bounded_decimal(integer_digits=NUMBER_DIGITS, decimals=NUMBER_DECIMALS),
    PlainSerializer(_decimal_to_plain),
]
Percent = Annotated[
    Decimal,
    bounded_decimal(integer_digits=3, decimals=PERCENT_DECIMALS),
    Field(ge=0, le=100),
    PlainSerializer(_decimal_to_plain),
]
Money = Annotated[
    Decimal,
    bounded_decimal(integer_digits=MONEY_DIGITS, decimals=MONEY_DECIMALS),
    Field(ge=0, max_digits=17, decimal_places=2),
    PlainSerializer(_decimal_to_plain),
]
Year = Annotated[int, Field(ge=1945, le=2100)]
