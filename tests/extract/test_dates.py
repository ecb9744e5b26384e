"""Date resolution: absolute, weekday and relative expressions (newsevents.extract.dates)."""

import datetime as dt

import pytest

from newsevents.extract.dates import find_dates

PUB = dt.date(2025, 5, 18)  # the seed article's publication date (a Sunday)


def one(text, published=PUB, **kw):
    found = find_dates(text, published, **kw)
    assert len(found) == 1, found
    return found[0]


def test_seed_saturday_is_day_before_publication():
    m = one("On Saturday, a Russian drone struck a passenger bus")
    assert (m.date, m.precision, m.text) == (dt.date(2025, 5, 17), "day", "On Saturday")


def test_absolute_forms():
    assert one("On 25 February 2022, troops").date == dt.date(2022, 2, 25)
    assert one("May 3, 2020 was quiet").date == dt.date(2020, 5, 3)
    assert one("reported 2020-05-03 at noon").date == dt.date(2020, 5, 3)
    assert one("On 9 May 2020, medical interns", None).date == dt.date(2020, 5, 9)


def test_yearless_takes_publication_year_or_previous():
    assert one("on 3 May").date == dt.date(2025, 5, 3)
    assert one("on December 30").date == dt.date(2024, 12, 30)
    assert find_dates("on 3 May", None) == []


def test_weekday_future_hint():
    assert one("he will call on Monday", future=True).date == dt.date(2025, 5, 19)
    assert one("talks on Monday").date == dt.date(2025, 5, 12)
    assert one("last Sunday").date == dt.date(2025, 5, 11)
    assert one("on Sunday").date == PUB


def test_relative_words():
    assert one("yesterday").date == dt.date(2025, 5, 17)
    w = one("last week")
    assert (w.date, w.precision) == (dt.date(2025, 5, 11), "week")
    m = one("last month")
    assert (m.date, m.precision) == (dt.date(2025, 4, 1), "month")
    assert one("in May 2020").precision == "month"


def test_no_false_dates():
    assert find_dates("You may go; 30-day ceasefire; 12 people", PUB) == []


GATE_SAMPLES = [
    "2020-05-09", "9 May 2020", "9th of May, 2020", "May 9, 2020", "Sept. 3 2021", "3 Dec",
    "Jan 4", "in March 2022", "Since June 2019", "last Monday", "on Sunday", "On the previous Friday",
    "Wednesday", "yesterday", "Today", "tonight", "Last night", "tomorrow", "earlier today",
    "this morning", "This afternoon", "this evening", "last week", "next month", "this year",
    "in 2014", "Since 1999", "during 2020",
]


@pytest.mark.parametrize("sample", GATE_SAMPLES)
def test_every_pattern_match_passes_its_gate(sample: str) -> None:
    """A gate only skips a pattern that cannot match: whatever a pattern matches, its gate finds."""
    from newsevents.extract.dates import _PATTERNS

    matched = False
    for pattern, kind, gate in _PATTERNS:
        for m in pattern.finditer(sample):
            matched = True
            assert gate.search(m.group()), (kind, m.group())
    assert matched, sample
    assert find_dates(f"Officials said {sample}.", dt.date(2020, 5, 12)), sample
