"""Tests for rembuk_docs.indonesian."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from rembuk_docs.indonesian import (
    DAY_NAMES,
    MONTH_NAMES,
    bulan_romawi,
    day_name,
    format_decimal,
    format_nip,
    format_number,
    hari_tanggal,
    letter_label,
    month_name,
    nip_problems,
    ordinal_word,
    pada_hari_ini,
    persen,
    persen_terbilang,
    pukul,
    rupiah,
    rupiah_terbilang,
    rupiah_with_words,
    tanggal,
    tanggal_terbilang,
    terbilang,
    terbilang_decimal,
    waktu_range,
)

# --------------------------------------------------------------------------- terbilang


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "nol"),
        (1, "satu"),
        (9, "sembilan"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (199, "seratus sembilan puluh sembilan"),
        (200, "dua ratus"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (1999, "seribu sembilan ratus sembilan puluh sembilan"),
        (2000, "dua ribu"),
        (10000, "sepuluh ribu"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (101000, "seratus satu ribu"),
        (111111, "seratus sebelas ribu seratus sebelas"),
        (1000000, "satu juta"),
        (1000001, "satu juta satu"),
        (1001000, "satu juta seribu"),
        (2500000, "dua juta lima ratus ribu"),
        (
            159820750,
            "seratus lima puluh sembilan juta delapan ratus dua puluh ribu tujuh ratus lima puluh",
        ),
        (1000000000, "satu miliar"),
        (2000000000, "dua miliar"),
        (1000000000000, "satu triliun"),
        (1000001000000, "satu triliun satu juta"),
        (
            999_999_999_999_999,
            "sembilan ratus sembilan puluh sembilan triliun "
            "sembilan ratus sembilan puluh sembilan miliar "
            "sembilan ratus sembilan puluh sembilan juta "
            "sembilan ratus sembilan puluh sembilan ribu "
            "sembilan ratus sembilan puluh sembilan",
        ),
        (-1, "minus satu"),
        (-1500, "minus seribu lima ratus"),
    ],
)
def test_terbilang(number: int, expected: str) -> None:
    assert terbilang(number) == expected


@pytest.mark.parametrize("number", [10**15, -(10**15), 10**18])
def test_terbilang_out_of_range(number: int) -> None:
    with pytest.raises(ValueError):
        terbilang(number)


@pytest.mark.parametrize("value", [1.5, Decimal(3), "3", True])
def test_terbilang_rejects_non_int(value: object) -> None:
    with pytest.raises(TypeError):
        terbilang(value)  # type: ignore[arg-type]


def test_terbilang_never_milyar() -> None:
    assert "milyar" not in terbilang(3_000_000_000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("24.7"), "dua puluh empat koma tujuh"),
        (Decimal("24.05"), "dua puluh empat koma nol lima"),
        (Decimal("24.70"), "dua puluh empat koma tujuh nol"),
        (Decimal("0.5"), "nol koma lima"),
        (Decimal("-0.5"), "minus nol koma lima"),
        (Decimal("-0"), "nol"),
        (Decimal("1E+3"), "seribu"),
        (14, "empat belas"),
        (0, "nol"),
        (-3, "minus tiga"),
        ("15.8", "lima belas koma delapan"),
        (" 2.25 ", "dua koma dua lima"),
    ],
)
def test_terbilang_decimal(value: Decimal | int | str, expected: str) -> None:
    assert terbilang_decimal(value) == expected


@pytest.mark.parametrize("value", ["24,7", "abc", "", "NaN", Decimal("Infinity")])
def test_terbilang_decimal_invalid(value: Decimal | str) -> None:
    with pytest.raises(ValueError):
        terbilang_decimal(value)


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (159820750, 0, "159.820.750"),
        (1000000000000, 0, "1.000.000.000.000"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("1234.5"), 0, "1.235"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("1.005"), 2, "1,01"),
        (Decimal("-1234.5"), 0, "-1.235"),
        (Decimal("-0.001"), 2, "0,00"),
        (-1000, 2, "-1.000,00"),
        (123, 3, "123,000"),
        (10**30, 2, "1" + ".000" * 10 + ",00"),
    ],
)
def test_format_number(value: Decimal | int, decimals: int, expected: str) -> None:
    assert format_number(value, decimals=decimals) == expected


def test_format_number_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_number(1, decimals=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("24.7"), "24,7"),
        (14, "14"),
        (Decimal("14.0"), "14"),
        (Decimal("18.80"), "18,8"),
        (1234.5, "1.234,5"),
        (0.1, "0,1"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("1234567.891"), "1.234.567,891"),
        (Decimal("-24.70"), "-24,7"),
        (Decimal("-0.0"), "0"),
        ("15.80", "15,8"),
        (0, "0"),
    ],
)
def test_format_decimal(value: Decimal | int | float | str, expected: str) -> None:
    assert format_decimal(value) == expected


# --------------------------------------------------------------------------- money

WORDS_159820750 = (
    "seratus lima puluh sembilan juta delapan ratus dua puluh ribu tujuh ratus lima puluh rupiah"
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (159820750, "Rp159.820.750,00"),
        (0, "Rp0,00"),
        (1000, "Rp1.000,00"),
        (-1000, "-Rp1.000,00"),
        (Decimal("1000.5"), "Rp1.000,50"),
        (Decimal("1000.005"), "Rp1.000,01"),
        (Decimal("-0.001"), "Rp0,00"),
        (Decimal("999.999"), "Rp1.000,00"),
    ],
)
def test_rupiah(amount: Decimal | int, expected: str) -> None:
    assert rupiah(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (159820750, WORDS_159820750),
        (Decimal("159820750.00"), WORDS_159820750),
        (0, "nol rupiah"),
        (1000, "seribu rupiah"),
        (Decimal("1000.50"), "seribu rupiah lima puluh sen"),
        (Decimal("1000.01"), "seribu rupiah satu sen"),
        (Decimal("0.50"), "lima puluh sen"),
        (-2500000, "minus dua juta lima ratus ribu rupiah"),
    ],
)
def test_rupiah_terbilang(amount: Decimal | int, expected: str) -> None:
    assert rupiah_terbilang(amount) == expected


def test_rupiah_with_words() -> None:
    assert rupiah_with_words(159820750) == f"Rp159.820.750,00 ({WORDS_159820750})"
    assert rupiah_with_words(Decimal("1000.50")) == ("Rp1.000,50 (seribu rupiah lima puluh sen)")


@pytest.mark.parametrize("func", [rupiah, rupiah_terbilang, rupiah_with_words])
def test_money_rejects_float(func: object) -> None:
    with pytest.raises(TypeError):
        func(1000.5)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("24.7"), "24,7%"),
        (14, "14%"),
        (Decimal("15.8"), "15,8%"),
        (Decimal("18.80"), "18,8%"),
        (24.7, "24,7%"),
        ("100", "100%"),
        (Decimal("0.25"), "0,25%"),
    ],
)
def test_persen(value: Decimal | int | float | str, expected: str) -> None:
    assert persen(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal(195) * 100 / 800, "24,38%"),  # 24,375: half up, not 24,37 (down or banker's)
        (Decimal("24.365"), "24,37%"),  # banker's rounding would give 24,36
        (Decimal("24.385"), "24,39%"),  # a float would give 24,38 (24.385 is 24.38499... as binary)
        (Decimal("19.996"), "20%"),
        (Decimal("25.001"), "25%"),
        (24.375, "24,38%"),  # a float goes through its shortest text, then half up
    ],
)
def test_persen_with_decimals_rounds_half_up_on_the_decimal(
    value: Decimal | float, expected: str
) -> None:
    assert persen(value, 2) == expected


def test_persen_terbilang_with_decimals_spells_the_rounded_figure() -> None:
    assert persen_terbilang(Decimal("24.375"), 2) == "dua puluh empat koma tiga delapan persen"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("24.7"), "dua puluh empat koma tujuh persen"),
        (24.7, "dua puluh empat koma tujuh persen"),
        (Decimal("24.05"), "dua puluh empat koma nol lima persen"),
        (Decimal("18.80"), "delapan belas koma delapan persen"),
        (14, "empat belas persen"),
        (100, "seratus persen"),
        ("0.5", "nol koma lima persen"),
    ],
)
def test_persen_terbilang(value: Decimal | int | float | str, expected: str) -> None:
    assert persen_terbilang(value) == expected


# --------------------------------------------------------------------------- dates


def test_name_tables() -> None:
    assert DAY_NAMES == ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
    assert MONTH_NAMES == (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("d", "day", "short", "long"),
    [
        (date(2000, 1, 1), "Sabtu", "1 Januari 2000", "Sabtu, 1 Januari 2000"),
        (date(2011, 11, 11), "Jumat", "11 November 2011", "Jumat, 11 November 2011"),
        (date(2024, 6, 21), "Jumat", "21 Juni 2024", "Jumat, 21 Juni 2024"),
        (date(2099, 12, 31), "Kamis", "31 Desember 2099", "Kamis, 31 Desember 2099"),
        (date(2022, 7, 25), "Senin", "25 Juli 2022", "Senin, 25 Juli 2022"),
        (date(2024, 5, 28), "Selasa", "28 Mei 2024", "Selasa, 28 Mei 2024"),
        (date(2024, 5, 29), "Rabu", "29 Mei 2024", "Rabu, 29 Mei 2024"),
        (date(2024, 5, 30), "Kamis", "30 Mei 2024", "Kamis, 30 Mei 2024"),
        (date(2024, 6, 2), "Minggu", "2 Juni 2024", "Minggu, 2 Juni 2024"),
    ],
)
def test_dates(d: date, day: str, short: str, long: str) -> None:
    assert day_name(d) == day
    assert tanggal(d) == short
    assert hari_tanggal(d) == long


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (
            date(2022, 7, 25),
            "hari Senin tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua",
        ),
        (date(2000, 1, 1), "hari Sabtu tanggal satu bulan Januari tahun dua ribu"),
        (
            date(2011, 11, 11),
            "hari Jumat tanggal sebelas bulan November tahun dua ribu sebelas",
        ),
        (
            date(2024, 6, 21),
            "hari Jumat tanggal dua puluh satu bulan Juni tahun dua ribu dua puluh empat",
        ),
        (
            date(2099, 12, 31),
            "hari Kamis tanggal tiga puluh satu bulan Desember "
            "tahun dua ribu sembilan puluh sembilan",
        ),
        (
            date(1999, 2, 10),
            "hari Rabu tanggal sepuluh bulan Februari "
            "tahun seribu sembilan ratus sembilan puluh sembilan",
        ),
    ],
)
def test_tanggal_terbilang(d: date, expected: str) -> None:
    assert tanggal_terbilang(d) == expected


def test_one_opening_formula_with_a_comma_after_the_day_name() -> None:
    assert pada_hari_ini(date(2022, 7, 25)) == (
        "Pada hari ini, Senin, tanggal dua puluh lima bulan Juli tahun dua ribu dua puluh dua"
    )


@pytest.mark.parametrize(
    ("month", "name", "roman"),
    [
        (1, "Januari", "I"),
        (2, "Februari", "II"),
        (3, "Maret", "III"),
        (4, "April", "IV"),
        (5, "Mei", "V"),
        (6, "Juni", "VI"),
        (7, "Juli", "VII"),
        (8, "Agustus", "VIII"),
        (9, "September", "IX"),
        (10, "Oktober", "X"),
        (11, "November", "XI"),
        (12, "Desember", "XII"),
    ],
)
def test_months(month: int, name: str, roman: str) -> None:
    assert month_name(month) == name
    assert bulan_romawi(month) == roman


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month: int) -> None:
    with pytest.raises(ValueError):
        month_name(month)
    with pytest.raises(ValueError):
        bulan_romawi(month)


# --------------------------------------------------------------------------- times


@pytest.mark.parametrize(
    ("t", "zone", "expected"),
    [
        (time(9, 0), "WITA", "pukul 09.00 WITA"),
        (time(9, 0), None, "pukul 09.00"),
        (time(9, 0), "", "pukul 09.00"),
        (time(13, 30), "WIB", "pukul 13.30 WIB"),
        (time(0, 5), "WIT", "pukul 00.05 WIT"),
        (time(23, 59), " WITA ", "pukul 23.59 WITA"),
        (time(12, 8, 15), None, "pukul 12.08.15"),
    ],
)
def test_pukul(t: time, zone: str | None, expected: str) -> None:
    assert pukul(t, zone) == expected


def test_pukul_default_zone() -> None:
    assert pukul(time(9, 0)) == "pukul 09.00"


@pytest.mark.parametrize(
    ("start", "end", "zone", "expected"),
    [
        (time(9, 0), time(12, 0), "WITA", "pukul 09.00 s.d. 12.00 WITA"),
        (time(9, 0), time(12, 0), None, "pukul 09.00 s.d. 12.00"),
        (time(9, 0), None, "WITA", "pukul 09.00 WITA s.d. selesai"),
        (time(9, 0), None, None, "pukul 09.00 s.d. selesai"),
        (time(13, 30), time(15, 45), "WIB", "pukul 13.30 s.d. 15.45 WIB"),
    ],
)
def test_waktu_range(start: time, end: time | None, zone: str | None, expected: str) -> None:
    assert waktu_range(start, end, zone) == expected


# --------------------------------------------------------------------------- NIP


@pytest.mark.parametrize(
    ("nip", "grouped", "expected"),
    [
        ("196804111993031009", True, "19680411 199303 1 009"),
        ("196804111993031009", False, "196804111993031009"),
        ("19680411 199303 1 009", True, "19680411 199303 1 009"),
        ("19680411 199303 1 009", False, "196804111993031009"),
        (" 1968 0411 1993 0310 09 ", True, "19680411 199303 1 009"),
        ("196813111993033000", True, "19681311 199303 3 000"),
    ],
)
def test_format_nip(nip: str, grouped: bool, expected: str) -> None:
    assert format_nip(nip, grouped=grouped) == expected


@pytest.mark.parametrize(
    "nip",
    [
        "19680411199303100",
        "1968041119930310090",
        "19680411199303100X",
        "",
        "\u0661" * 18,  # Arabic-Indic digits are not accepted
    ],
)
def test_format_nip_invalid(nip: str) -> None:
    with pytest.raises(ValueError):
        format_nip(nip)


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("196804111993031009", []),
        ("19680411 199303 1 009", []),
        ("198402292003122001", []),
        ("19680411199303100", ["NIP must have 18 digits, got 17"]),
        ("1968041119930310091", ["NIP must have 18 digits, got 19"]),
        ("19680411199303100A", ["NIP must contain only digits"]),
        ("", ["NIP must have 18 digits, got 0"]),
        ("196813111993031009", ["birth date 19681311 is not a real date"]),
        ("196802301993031009", ["birth date 19680230 is not a real date"]),
        ("196804111993001009", ["appointment month 199300 is not a real month"]),
        ("196804111993131009", ["appointment month 199313 is not a real month"]),
        ("196804111993033009", ["sex digit 3 must be 1 or 2"]),
        ("196804111993030009", ["sex digit 0 must be 1 or 2"]),
        ("196804111993031000", ["serial number 000 is not valid"]),
        ("196804111967031009", ["appointment 196703 is before the birth date 19680411"]),
        (
            "196804111980031009",
            ["appointment 198003 is before the 15th birthday (19830411)"],
        ),
        ("196804111983051009", []),
        (
            "196813111993003000",
            [
                "birth date 19681311 is not a real date",
                "appointment month 199300 is not a real month",
                "sex digit 3 must be 1 or 2",
                "serial number 000 is not valid",
            ],
        ),
    ],
)
def test_nip_problems(nip: str, expected: list[str]) -> None:
    assert nip_problems(nip) == expected


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "pertama"),
        (2, "kedua"),
        (3, "ketiga"),
        (4, "keempat"),
        (9, "kesembilan"),
        (10, "kesepuluh"),
        (11, "kesebelas"),
        (12, "kedua belas"),
        (20, "kedua puluh"),
        (21, "kedua puluh satu"),
        (100, "keseratus"),
    ],
)
def test_ordinal_word(n: int, expected: str) -> None:
    assert ordinal_word(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_ordinal_word_invalid(n: int) -> None:
    with pytest.raises(ValueError):
        ordinal_word(n)


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
    ],
)
def test_letter_label(index: int, expected: str) -> None:
    assert letter_label(index) == expected


def test_letter_label_negative() -> None:
    with pytest.raises(ValueError):
        letter_label(-1)
