from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from common.forms import (
    PeriodField,
    VietnameseIntegerField,
    format_vietnamese_number,
    parse_vietnamese_number,
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.291", 1291),
        ("90.982", 90982),
        ("1.000.000", 1000000),
        ("1 291", 1291),
        ("1291", 1291),
        ("12,5", Decimal("12.5")),
        ("1.291,75", Decimal("1291.75")),
        ("126 ngàn", 126000),
        ("3 triệu", 3000000),
        ("12.5", Decimal("12.5")),
        ("1.29", Decimal("1.29")),
        ("１２", 12),
        (" 800 ", 800),
    ],
)
def test_numbers_are_read_as_vietnamese_staff_write_them(typed, value):
    assert parse_vietnamese_number(typed) == value


@pytest.mark.parametrize("typed", ["abc", "-5", "1..291", "12,5,3", "1.2345", "", "1.291.5", "5%"])
def test_numbers_that_are_not_numbers_are_refused(typed):
    with pytest.raises(ValueError):
        parse_vietnamese_number(typed)


@pytest.mark.parametrize(
    ("number", "shown"), [(1291, "1.291"), (Decimal("90982.00"), "90.982"), (Decimal("12.50"), "12,5")]
)
def test_numbers_are_shown_back_the_vietnamese_way(number, shown):
    assert format_vietnamese_number(number) == shown


def test_a_count_must_be_whole():
    field = VietnameseIntegerField()
    assert field.clean("1.291") == 1291
    with pytest.raises(ValidationError, match="Enter a whole number"):
        field.clean("12,5")


@pytest.mark.parametrize(
    ("typed", "period"),
    [
        ("giai đoạn 2018 - 2023", (2018, 2023)),
        ("Giai đoạn 2018- 2023", (2018, 2023)),
        ("2018–2023", (2018, 2023)),
        ("2014-2018", (2014, 2018)),
        ("năm 2019", (2019, 2019)),
        ("2019", (2019, 2019)),
        ("từ 2023 đến 2028", (2023, 2028)),
    ],
)
def test_periods_are_read_from_how_reports_write_them(typed, period):
    assert PeriodField(required=False).clean(typed) == period


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023 - 2018", "The period cannot end before it starts."),
        ("mười năm", "Write the period as years"),
        ("2019-2205", "Write the period as years"),
    ],
)
def test_impossible_periods_are_refused_with_a_clear_message(typed, message):
    with pytest.raises(ValidationError, match=message):
        PeriodField(required=False).clean(typed)
