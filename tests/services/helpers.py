"""Letters made on the fly for service tests (official layout, our own content)."""

from __future__ import annotations

from saraban.parsing import ParsedLetter, parse_text


def letter_text(
    number: str,
    day: str = "๒ มกราคม ๒๕๖๗",
    subject: str = "ขอความร่วมมือจัดเก็บข้อมูล",
    secrecy: str = "",
    to: str = "นายอำเภอ ทุกอำเภอ",
) -> str:
    mark = f"{secrecy}\n" if secrecy else ""
    return (
        f"{mark}ที่ {number}\t\tสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดน่าน\n"
        "ถนนสุริยพงษ์ นน ๕๕๐๐๐\n"
        f"{day}\n"
        f"เรื่อง {subject}\n"
        f"เรียน {to}\n"
        "ด้วยจังหวัดขอความร่วมมือดำเนินการตามรายละเอียดที่แนบ\n"
        "ขอแสดงความนับถือ\n(นายทดสอบ ระบบดี)\nท้องถิ่นจังหวัดน่าน\n"
    )


def parsed(number: str, **kwargs: str) -> ParsedLetter:
    (letter,) = parse_text(letter_text(number, **kwargs), source="test")
    return letter


def as_dba(conn) -> None:  # type: ignore[no-untyped-def]
    """What a database administrator does first on PostgreSQL: switch off the append-only
    trigger and those that note row changes (only the owner can). Checkpoints are what catch
    them after that."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only"))
        # and the triggers by which the server notes row changes (0016): the owner's to switch off
        noted = r"SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname LIKE '%\_noted'"
        for table, trigger in conn.execute(text(noted)).all():
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}"))


def as_login(url: str, login: str) -> str:
    """The office's URL, connecting as ``login``."""
    return url.replace("://saraban@", f"://{login}@", 1)
