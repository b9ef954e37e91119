"""When a receipt may be entered: numbers follow time, and time does not run ahead.

A receiving register is read as evidence of *when* a letter arrived: number 42 was received
after number 41. A receipt typed with an earlier time than the register's last one would
break that, so it is refused unless the clerk says why (a letter found in a pile, a day the
system was down): the reason is kept on the entry and printed in its remark. A receipt in
the future is always refused, as is a letter dated after the day it was received.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from saraban.db.tables import RegisterEntry
from saraban.errors import InvalidInput, OutOfOrder
from saraban.thai.dates import format_thai_date, now_bangkok

CLOCK_SLACK = timedelta(minutes=5)
"""How far ahead of this machine's clock a typed time may be (clocks differ by minutes)."""

MAX_REASON = 500


def _shown(when: datetime) -> str:
    return f"{format_thai_date(when.date(), digits='arabic', abbreviated=True)} {when:%H.%M} น."


def last_receipt_at(session: Session, agency_id: int, year: int) -> datetime | None:
    """The latest receipt time in an agency's receiving register for a year, void entries included
    (a voided entry still holds its number, and its time)."""
    latest = session.exec(
        select(func.max(RegisterEntry.entry_at)).where(
            RegisterEntry.agency_id == agency_id,
            RegisterEntry.book == "receive",
            RegisterEntry.series == "general",
            RegisterEntry.year == year,
        )
    ).one()
    return latest


def check_receipt_time(
    session: Session,
    agency_id: int,
    year: int,
    when: datetime,
    *,
    back_entry: str | None = None,
    letter_date: date | None = None,
    now: datetime | None = None,
) -> str | None:
    """Refuse a receipt time that would make the register lie; call inside the writing lock.

    Args:
        session: The writing session (the lock is held, so "last" cannot change under us).
        agency_id: The receiving agency.
        year: The register year (BE) the receipt falls in.
        when: The receipt time, Thai wall-clock.
        back_entry: The clerk's reason for entering a receipt out of time order, if any.
        letter_date: The letter's own date, which cannot be after its receipt.
        now: The present (default: now in Thailand).

    Returns:
        The back-entry reason to keep on the entry, or ``None`` when the receipt is in order.

    Raises:
        InvalidInput: The time is in the future, the letter is dated after it, or the reason is
            too long.
        OutOfOrder: It is earlier than the register's last receipt and no reason was given.
    """
    now = now or now_bangkok()
    if when > now + CLOCK_SLACK:
        raise InvalidInput(f"เวลารับ {_shown(when)} อยู่ในอนาคต (ขณะนี้ {_shown(now)}): ตรวจวันเวลาที่พิมพ์")
    if letter_date is not None and letter_date > when.date():
        raise InvalidInput(
            f"หนังสือลงวันที่ {format_thai_date(letter_date, digits='arabic', abbreviated=True)}"
            f" หลังวันรับ {_shown(when)}: ตรวจวันที่ของหนังสือหรือวันรับ"
        )
    reason = " ".join((back_entry or "").split()) or None
    if reason and len(reason) > MAX_REASON:
        raise InvalidInput(f"เหตุผลการลงรับย้อนหลังยาวเกิน {MAX_REASON} ตัวอักษร")
    latest = last_receipt_at(session, agency_id, year)
    if latest is None or when >= latest:
        return None
    if reason is None:
        raise OutOfOrder(
            f"เวลารับ {_shown(when)} ก่อนรายการล่าสุดของทะเบียนรับ ({_shown(latest)}): เลขรับต้องเรียงตามเวลา;"
            " ถ้าลงรับย้อนหลังจริง ให้ระบุเหตุผล (--back-entry)"
        )
    return reason
