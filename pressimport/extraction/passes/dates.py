"""Dates written in the report: "22.12", "24.6", "5.9.2019", "15-11", "Chiều 4-3", "ngày 7 tháng 9 năm 2023".

A date written without its year takes the year of the page (a dateline or a ``date YYYY-MM``
line), see ``infer_year``.
"""

import datetime
import re
from dataclasses import dataclass

_DATE = re.compile(r"(?<![\d/.:-])(\d{1,2})\s?([/.-])\s?(\d{1,2})(?:\s?\2\s?(\d{4}|\d{2}))?(?!\d|[/.-]\d)")
_DATE_WORDS = re.compile(r"(?<![a-z])ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?")


@dataclass
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def as_date(self, year=None):
        try:
            return datetime.date(self.year or year, self.month, self.day) if (self.year or year) else None
        except ValueError:
            return None


def date_mentions(folded: str) -> list[DateMention]:
    found = []
    for m in _DATE.finditer(folded):
        day, month = int(m[1]), int(m[3])
        year = m[4]
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if year is not None:
            year = int(year) + (2000 if len(year) == 2 else 0)
        elif m[2] == "." and not re.search(
            r"(?:ngay|sang|chieu|toi|trua|hom)\s*$", folded[max(0, m.start() - 12) : m.start()]
        ):
            continue  # "22.12" is a date only after "ngày" or a part of the day
        found.append(DateMention(m.start(), m.end(), day, month, year))
    for m in _DATE_WORDS.finditer(folded):
        day, month = int(m[1]), int(m[2])
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(DateMention(m.start(), m.end(), day, month, int(m[3]) if m[3] else None))
    found.sort(key=lambda d: d.start)
    return found


# A report is published within weeks of the event: a day and month further from the page's
# own date than this do not take its year (the page's date line contradicts the event).
_REPORTED_WITHIN = datetime.timedelta(days=45)


def page_dates(doc):
    """The earliest and latest day the page can have been published: its dateline, its
    ``date YYYY-MM-DD`` line, or the month of a ``date YYYY-MM`` line; None when unknown."""
    if doc.published_on:
        return doc.published_on, doc.published_on
    if doc.date_line:
        year, month, day = doc.date_line
        if day:
            published = datetime.date(year, month, day)
            return published, published
        first = datetime.date(year, month, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return first, last
    return None


def infer_year(day, month, doc):
    """The year of a date written without one, from the page's own date: that year, or the
    year before for an event in December reported in January. None when the day and month
    cannot be a recent event of the page (a date line that contradicts the body)."""
    window = page_dates(doc)
    if window is None:
        return None
    earliest, latest = window
    for year in (latest.year, latest.year - 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if earliest - _REPORTED_WITHIN <= candidate <= latest + datetime.timedelta(days=1):
            return year
    return None


def find_dates(doc):
    doc.dates = date_mentions(doc.folded)
    return doc.dates
