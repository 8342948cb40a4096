"""Indonesian formatting of numbers, money, percent, dates, times and NIP for official documents."""

from __future__ import annotations

import re
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from .messages import Message

__all__ = [
    "DAY_NAMES", "MONTH_NAMES", "bulan_romawi", "day_name", "format_decimal", "format_nip",
    "format_number", "hari_tanggal", "letter_label", "month_name", "nip_problems", "ordinal_word",
    "pada_hari_ini", "persen", "persen_terbilang", "pukul", "rupiah", "rupiah_terbilang",
    "rupiah_with_words", "tanggal", "tanggal_terbilang", "terbilang", "terbilang_decimal",
    "waktu_range",
]  # fmt: skip

DAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

_UNITS: tuple[str, ...] = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
)  # fmt: skip
_SCALES: tuple[str, ...] = ("", "ribu", "juta", "miliar", "triliun")
_ROMAN_MONTHS: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
)  # fmt: skip
_TERBILANG_LIMIT = 10**15


# --------------------------------------------------------------------------- numbers


def _below_thousand(n: int) -> list[str]:
    """Words for 1 <= n <= 999 (empty list for 0)."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    tens, units = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_UNITS[units], "belas"]
    else:
        if tens > 1:
            words += [_UNITS[tens], "puluh"]
        if units:
            words.append(_UNITS[units])
    return words


def terbilang(number: int) -> str:
    """Spell an integer in Indonesian words: 1001 -> "seribu satu"."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"terbilang() needs an int, got {type(number).__name__}")
    if abs(number) >= _TERBILANG_LIMIT:
        raise ValueError(f"{number} is too large to spell (limit is below 10**15)")
    if number == 0:
        return "nol"
    if number < 0:
        return "minus " + terbilang(-number)
    words: list[str] = []
    groups: list[int] = []
    rest = number
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if group == 0:
            continue
        if scale == 1 and group == 1:
            words.append("seribu")
            continue
        words += _below_thousand(group)
        if scale:
            words.append(_SCALES[scale])
    return " ".join(words)


MAX_NUMBER_TEXT = 64
"""Characters a number may be written with ('Rp159.820.750,00' has 16)."""
MAX_INTEGER_DIGITS = 40
"""Digits before the decimal point any number may have (money is limited further by the model)."""
MAX_DECIMALS = 30
"""Digits after the decimal point any number may have, trailing zeros not counted."""


def magnitude(value: Decimal) -> tuple[int, int]:
    """``(digits before the point, digits after it)`` of a finite Decimal, trailing zeros of the
    fraction not counted; computed from the digit tuple, so ``1e-999999`` costs nothing."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return 0, 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    exponent += trailing
    significant = len(digits) - trailing
    decimals = max(0, -exponent)
    integer = max(0, significant + exponent)
    return integer, decimals


def bounds_problem(
    value: Decimal, *, integer_digits: int = MAX_INTEGER_DIGITS, decimals: int = MAX_DECIMALS
) -> Message | None:
    """Why ``value`` is out of bounds (a catalogue message), or ``None`` when it is within them."""
    if not value.is_finite():
        return Message("limits.number.not_finite")
    whole, fraction = magnitude(value)
    if whole > integer_digits:
        return Message("limits.number.too_large", digits=whole, limit=integer_digits)
    if fraction > decimals:
        return Message("limits.number.too_many_decimals", digits=fraction, limit=decimals)
    return None


def _to_decimal(value: Decimal | int | float | str) -> Decimal:
    """Convert a number-like value to a finite, bounded Decimal (floats go through str()).

    Raises ValueError for text longer than :data:`MAX_NUMBER_TEXT` and for numbers beyond
    :data:`MAX_INTEGER_DIGITS` or :data:`MAX_DECIMALS`: formatting them would cost unbounded
    time and memory (``1e-999999`` has a million digits when written out)."""
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, (float, str)):
        text = str(value).strip()
        if len(text) > MAX_NUMBER_TEXT:
            raise ValueError(
                str(Message("limits.number.too_long", length=len(text), limit=MAX_NUMBER_TEXT))
            )
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a decimal number: {value!r}") from None
    else:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    problem = bounds_problem(result)
    if problem is not None:
        raise ValueError(str(problem))
    return result


def _plain(value: Decimal) -> tuple[bool, str, str]:
    """Split a Decimal into (negative, integer digits, fraction digits as written)."""
    text = format(value.copy_abs(), "f")
    integer, _, fraction = text.partition(".")
    return value < 0, integer, fraction


def _strip_zeros(value: Decimal) -> Decimal:
    """Drop trailing fractional zeros without switching to exponent notation."""
    negative, integer, fraction = _plain(value)
    fraction = fraction.rstrip("0")
    text = ("-" if negative else "") + integer + ("." + fraction if fraction else "")
    return Decimal(text)


def terbilang_decimal(value: Decimal | int | str) -> str:
    """Spell a decimal, reading fraction digits one by one: 24.05 -> "... koma nol lima"."""
    negative, integer, fraction = _plain(_to_decimal(value))
    words = terbilang(int(integer))
    if fraction:
        words += " koma " + " ".join(_UNITS[int(digit)] for digit in fraction)
    return "minus " + words if negative else words


def _group_thousands(digits: str) -> str:
    """Insert "." every three digits from the right: "1234567" -> "1.234.567"."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def _render(value: Decimal) -> str:
    """Render a Decimal with "." thousands and "," decimal, keeping its fraction digits."""
    negative, integer, fraction = _plain(value)
    text = _group_thousands(integer) + ("," + fraction if fraction else "")
    return "-" + text if negative else text


def round_half_up(value: Decimal | int | str, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places on the Decimal (never a float, never banker's
    rounding): 24.375 -> 24.38, 24.365 -> 24.37."""
    if decimals < 0:
        raise ValueError("decimals must not be negative")
    return _round(_to_decimal(value), decimals)


def _round(value: Decimal, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places, with enough precision for any magnitude."""
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + decimals + 2)
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | int, *, decimals: int = 0) -> str:
    """Format with "." thousands and "," decimals, rounding half up: "1.234,50"."""
    if decimals < 0:
        raise ValueError("decimals must not be negative")
    return _render(_round(_to_decimal(value), decimals))


def format_decimal(value: Decimal | int | float | str) -> str:
    """Format without forcing digits: 1234.5 -> "1.234,5", Decimal("14.0") -> "14"."""
    return _render(_strip_zeros(_to_decimal(value)))


# --------------------------------------------------------------------------- money


def _money(amount: Decimal | int) -> Decimal:
    """Validate a money amount (no floats) and round it half up to whole sen."""
    if isinstance(amount, float):
        raise TypeError("money amounts must be Decimal or int, not float")
    return _round(_to_decimal(amount), 2)


def rupiah(amount: Decimal | int) -> str:
    """Format money: "Rp159.820.750,00"; negative amounts as "-Rp1.000,00"."""
    value = _money(amount)
    text = "Rp" + _render(value.copy_abs())
    return "-" + text if value < 0 else text


def rupiah_terbilang(amount: Decimal | int) -> str:
    """Spell money: Decimal("1000.50") -> "seribu rupiah lima puluh sen"."""
    value = _money(amount)
    rupiahs, cents = divmod(int(value.copy_abs().scaleb(2)), 100)
    parts: list[str] = []
    if rupiahs or not cents:
        parts.append(terbilang(rupiahs) + " rupiah")
    if cents:
        parts.append(terbilang(cents) + " sen")
    words = " ".join(parts)
    return "minus " + words if value < 0 else words


def rupiah_with_words(amount: Decimal | int) -> str:
    """Figures followed by words: "Rp1.000,00 (seribu rupiah)"."""
    return f"{rupiah(amount)} ({rupiah_terbilang(amount)})"


def _percent_value(value: Decimal | int | float | str, decimals: int | None) -> Decimal:
    number = _to_decimal(value)
    return _strip_zeros(number if decimals is None else round_half_up(number, decimals))


def persen(
    value: Decimal | int | float | str, decimals: int | None = None, *, fixed: bool = False
) -> str:
    """Format a percentage: "24,7%", "14%"; with ``decimals``, rounded half up to that many
    places first (trailing zeros dropped): persen(Decimal("24.375"), 2) -> "24,38%". With
    ``fixed`` the zeros stay, so that a series prints one precision: persen("22.2", 2,
    fixed=True) -> "22,20%"."""
    if fixed and decimals is not None:
        return _render(round_half_up(_to_decimal(value), decimals)) + "%"
    return _render(_percent_value(value, decimals)) + "%"


def persen_terbilang(value: Decimal | int | float | str, decimals: int | None = None) -> str:
    """Spell a percentage as shown by persen(): "dua puluh empat koma tujuh persen"."""
    return terbilang_decimal(_percent_value(value, decimals)) + " persen"


# --------------------------------------------------------------------------- dates and times


def day_name(d: date) -> str:
    """Indonesian day name: "Senin" .. "Minggu"."""
    return DAY_NAMES[d.weekday()]


def month_name(month: int) -> str:
    """Indonesian month name for 1..12."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return MONTH_NAMES[month - 1]


def tanggal(d: date) -> str:
    """Date as "25 Juli 2022"."""
    return f"{d.day} {month_name(d.month)} {d.year}"


def hari_tanggal(d: date) -> str:
    """Day and date as "Senin, 25 Juli 2022"."""
    return f"{day_name(d)}, {tanggal(d)}"


def tanggal_terbilang(d: date) -> str:
    """Date in words for a berita acara opening ("hari Senin tanggal dua puluh lima ...")."""
    return (
        f"hari {day_name(d)} tanggal {terbilang(d.day)} "
        f"bulan {month_name(d.month)} tahun {terbilang(d.year)}"
    )


def pada_hari_ini(d: date) -> str:
    """The one opening formula of every document that tells what happened on a day:
    "Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua"."""
    return (
        f"Pada hari ini, {day_name(d)}, tanggal {terbilang(d.day)} "
        f"bulan {month_name(d.month)} tahun {terbilang(d.year)}"
    )


def bulan_romawi(month: int) -> str:
    """Roman numeral of a month (I..XII), as used in letter numbers."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return _ROMAN_MONTHS[month - 1]


def _clock(t: time) -> str:
    """Clock time as "09.00", or "09.00.30" when seconds are not zero."""
    text = f"{t.hour:02d}.{t.minute:02d}"
    return text + f".{t.second:02d}" if t.second else text


def _zone_suffix(zone: str | None) -> str:
    """Zone suffix such as " WITA"; empty for None or a blank string."""
    return f" {zone.strip()}" if zone and zone.strip() else ""


def pukul(t: time, zone: str | None = None) -> str:
    """Time as "pukul 09.00 WITA" (or "pukul 09.00" without a zone)."""
    return f"pukul {_clock(t)}{_zone_suffix(zone)}"


def waktu_range(start: time, end: time | None, zone: str | None) -> str:
    """Time range: "pukul 09.00 s.d. 12.00 WITA", open end "pukul 09.00 WITA s.d. selesai"."""
    if end is None:
        return f"{pukul(start, zone)} s.d. selesai"
    return f"pukul {_clock(start)} s.d. {_clock(end)}{_zone_suffix(zone)}"


# --------------------------------------------------------------------------- NIP


def _compact(nip: str) -> str:
    """Remove all whitespace from a NIP."""
    return "".join(nip.split())


def _is_digits(text: str) -> bool:
    """True when every character is an ASCII digit (vacuously true for "")."""
    return text.isascii() and (text.isdigit() or not text)  # an ASCII digit is only 0-9


def format_nip(nip: str, *, grouped: bool = True) -> str:
    """Format an 18-digit NIP as "19680411 199303 1 009" (or ungrouped); no validation."""
    digits = _compact(nip)
    if len(digits) != 18 or not _is_digits(digits):
        raise ValueError(f"NIP must be 18 digits, got {nip!r}")
    if not grouped:
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _parse_date(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _add_years(d: date, years: int) -> date:
    """Same day ``years`` later; 29 February falls back to 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def nip_problems(nip: str) -> list[str]:
    """Check a PNS NIP; return short English problem descriptions (empty when valid)."""
    return [message.text("en") for message in nip_messages(nip)]


def nip_messages(nip: str) -> list[Message]:
    """Check a PNS NIP; return what is wrong with it as catalogue messages (empty when valid)."""
    digits = _compact(nip)
    if not _is_digits(digits):
        return [Message("model.nip.digits")]
    if len(digits) != 18:
        return [Message("model.nip.length", length=len(digits))]
    problems: list[Message] = []
    birth_text, appointment_text = digits[:8], digits[8:14]
    sex, serial = digits[14], digits[15:]
    birth = _parse_date(birth_text)
    if birth is None:
        problems.append(Message("model.nip.birth_date", digits=birth_text))
    # appointed on the 1st of (year, month): a real date for a month 1-12 of a year from 1
    appointed = (int(digits[8:12]), int(digits[12:14]))
    real_month = appointed[0] >= 1 and 1 <= appointed[1] <= 12
    if not real_month:
        problems.append(Message("model.nip.appointment_month", digits=appointment_text))
    if birth is not None and real_month:
        # compared as (year, month, day): the 15th birthday (_add_years) differs from
        # (year + 15, month, day) only on a 29 February, which compares alike with a day 1
        if appointed < (birth.year, birth.month):
            problems.append(
                Message(
                    "model.nip.appointment_before_birth",
                    appointment=appointment_text,
                    birth=birth_text,
                )
            )
        elif (*appointed, 1) < (birth.year + 15, birth.month, birth.day):
            problems.append(
                Message(
                    "model.nip.appointment_too_young",
                    appointment=appointment_text,
                    birthday=f"{_add_years(birth, 15):%Y%m%d}",
                )
            )
    if sex not in ("1", "2"):
        problems.append(Message("model.nip.sex", digit=sex))
    if serial == "000":
        problems.append(Message("model.nip.serial"))
    return problems


# --------------------------------------------------------------------------- labels


def ordinal_word(n: int) -> str:
    """Indonesian ordinal: 1 -> "pertama", 2 -> "kedua", 12 -> "kedua belas"."""
    if n < 1:
        raise ValueError(f"ordinal needs a positive number, got {n}")
    return "pertama" if n == 1 else "ke" + terbilang(n)


def letter_label(index: int) -> str:
    """Spreadsheet-style label for a 0-based index: 0 -> "A", 25 -> "Z", 26 -> "AA"."""
    if index < 0:
        raise ValueError(f"index must not be negative, got {index}")
    label = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        label = chr(ord("A") + remainder) + label
    return label


# --------------------------------------------------------------------------- prose


_DAN = re.compile(r"(?i)\bdan\b")


def join_words(parts: list[str]) -> str:
    """Join phrases as Indonesian prose: "a", "a dan b", "a, b, dan c" (EYD serial comma).
    When a phrase holds its own "dan" ("Camat dan Lurah"), the last one joins with "serta", so
    that the sentence never reads "..., dan tokoh masyarakat dan tokoh agama"."""
    word = "serta" if any(_DAN.search(part) for part in parts) else "dan"
    if len(parts) <= 2:
        return f" {word} ".join(parts)
    return ", ".join(parts[:-1]) + f", {word} " + parts[-1]


def parse_number(value: Decimal | int | float | str) -> Decimal:
    """A number-like value as a finite Decimal; raises TypeError or ValueError otherwise."""
    return _to_decimal(value)
