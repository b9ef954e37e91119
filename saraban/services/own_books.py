"""A clerk writes only in their own office's books.

Reading another office's register follows secrecy; writing in it does not follow at all: a
district clerk who switched the app to a local body's register could void, receive, amend,
endorse or send there, and that body's book would carry a number its own clerk never gave.
Each service that writes in a book asks here first, so the command line and the app are
refused alike. A user bound to no office (the first user of a new database, one office's
only clerk) is not limited; an administrator writes in no book at all.
"""

from __future__ import annotations

from sqlmodel import Session

from saraban.db.tables import Agency
from saraban.errors import PermissionDenied
from saraban.services.context import Actor


def require_own_books(session: Session, actor: Actor, agency_id: int | None, doing: str) -> None:
    """Refuse ``doing`` (Thai, e.g. "ลงรับ") in the books of an office not the actor's own."""
    if actor.agency_id is None or agency_id == actor.agency_id:
        return
    office = session.get(Agency, agency_id) if agency_id is not None else None
    raise PermissionDenied(
        f"'{actor.name}' {doing}ในทะเบียนของ {office.name if office else 'หน่วยงานอื่น'} ไม่ได้: "
        "บันทึกได้เฉพาะทะเบียนของหน่วยงานตนเอง"
    )
