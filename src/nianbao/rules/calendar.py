"""The official working-day calendar (holidays and make-up working days) for legal deadlines: the
ledger's 20 working days (第三十三条) and the publication deadline check (第四十九条) read it."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

LEGAL_DAYS = 20  # 条例 第三十三条: 20 working days, extendable once by at most 20
EXTENSION_DAYS = 20


def is_workday(day: dt.date) -> bool:
    """Official working day (holidays and make-up working days from `chinese_calendar`); Monday
    to Friday for years the calendar does not cover yet."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (the day of receipt is not counted)."""
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def calendar_covers(year: int) -> bool:
    """Whether `chinese_calendar` has the holidays of `year` (else weekdays stand in for working days)."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


def day_off(day: dt.date) -> tuple[bool, str | None]:
    """(not a working day, the public holiday's English name or None); weekends only for years
    chinese_calendar does not cover."""
    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return day.weekday() >= 5, None
    return bool(off) and not chinese_calendar.is_workday(day), name if off else None
