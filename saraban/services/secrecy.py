"""Who may see what of a secret letter (ลับ, ลับมาก, ลับที่สุด).

The regulation lets a person without the clearance know only that a secret entry exists,
its number and its date. Every read path asks this module, so the rule is written once:
registers, search, trace, the letter screen, error messages, and the letters saraban writes
from a secret letter (a forward or an endorsement carries its subject).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_

from saraban.db.tables import SECRECY_LEVELS, Letter
from saraban.errors import PermissionDenied
from saraban.services.context import Actor

SECRET_LABEL = "หนังสือลับ"


def level_of(secrecy: str | None) -> int:
    """The clearance a secrecy mark needs (0 for an open letter)."""
    return SECRECY_LEVELS.get(secrecy, 0)


def hidden_from(secrecy: str | None, clearance: int) -> bool:
    """Whether a letter with this mark is hidden from someone with this clearance."""
    return level_of(secrecy) > clearance


def visible_clause(clearance: int) -> Any:
    """An SQL condition: the letter's secrecy is within ``clearance`` (for searches that must
    never match hidden text)."""
    allowed = [mark for mark, level in SECRECY_LEVELS.items() if mark and level <= clearance]
    return or_(Letter.secrecy.is_(None), Letter.secrecy == "", Letter.secrecy.in_(allowed))  # type: ignore[union-attr,attr-defined]


def require_clearance(actor: Actor, letter: Letter | str | None, what: str) -> None:
    """Refuse an action that would show a secret letter's content to someone not cleared.

    Args:
        letter: The letter, or its secrecy mark.

    Raises:
        PermissionDenied: Naming the mark needed; the letter's subject is not in the message.
    """
    mark = letter.secrecy if isinstance(letter, Letter) else letter
    if hidden_from(mark, actor.clearance):
        raise PermissionDenied(
            f"'{actor.name}' {what}ไม่ได้: หนังสือนี้เป็นชั้น{mark} ต้องได้รับสิทธิ์ชั้นความลับ{mark}ขึ้นไป"
        )


def mail_mark(attachments: list[dict[str, Any]] | None) -> str | None:
    """The highest secrecy mark among the letters read from an e-mail's attachments.

    An e-mailed letter is judged by what was read from it (migration 0010 applies the same
    rule on PostgreSQL): a misread mark errs on the side of hiding, and a cleared clerk
    accepts it and corrects the mark.
    """
    marks = [data.get("secrecy") for item in attachments or [] for data in item.get("letters") or []]
    return max(marks, key=level_of, default=None) or None


def describe_for(letter: Letter, clearance: int) -> str:
    """One line naming a letter in a list (an ambiguous number): a hidden one by id and date only."""
    if hidden_from(letter.secrecy, clearance):
        return f"#{letter.id} {SECRET_LABEL} ลงวันที่ {letter.letter_date or '-'}"
    return f"#{letter.id} {letter.doc_no} ลงวันที่ {letter.letter_date or '-'} {letter.subject or ''}".rstrip()
