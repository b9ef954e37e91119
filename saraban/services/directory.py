"""The agency directory: seeding, lookup by code or name, adding, and the DLA open-data import.

Seeded on every new database: the Ministry of Interior offices that issue and relay
circulars (สป.มท., กรมส่งเสริมการปกครองท้องถิ่น and divisions) and all 77 provinces with their
two-letter letter codes (from PyThaiNLP's CC0 corpus; Bangkok is กท in letters, not กทม).
District offices and local bodies come from the DLA list (``saraban agencies import``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from saraban.db.engine import writer
from saraban.db.like import contains, starts_with
from saraban.db.tables import LEVELS, Agency, ChainHead
from saraban.errors import Ambiguous, InvalidInput, NotFound, os_reason
from saraban.intake.textfile import decode_bytes
from saraban.parsing.names import OfficeNames
from saraban.thai.digits import to_arabic
from saraban.thai.offices import MOI_OFFICES, provinces

DLA_CODE = "มท 08"
PROVINCE_OFFICE = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด"
DISTRICT_OFFICE = "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ"
_PROVINCE_OFFICE_NUMBER = "0023"
_ALIAS_SEP = "|"


def normalise_code(code: str) -> str:
    """A letter code as stored: Arabic digits, one space after the letters (``"อต 0023.14"``)."""
    code = re.sub(r"\s+", " ", to_arabic(code)).strip()
    match = re.match(r"^([ก-ฮ]{1,3})\.?\s*([\d.]*)$", code)
    if not match:
        return code
    return f"{match[1]} {match[2]}".strip()


def _aliases(*names: str) -> str:
    return _ALIAS_SEP + _ALIAS_SEP.join(names) + _ALIAS_SEP


def ensure_directory(engine: Engine) -> None:
    """Seed the directory once per database (safe when several clerks open it at once)."""
    with Session(engine) as session:
        if session.exec(select(Agency.id).limit(1)).first() is not None:
            return
    with Session(writer(engine)) as session, session.begin():
        # Take the ledger's lock *before* looking again: on PostgreSQL two first opens would
        # otherwise both see an empty directory and both seed it (2–16 copies of every office).
        session.exec(select(ChainHead).where(ChainHead.id == 1).with_for_update()).one()
        session.info["saraban_locked"] = True
        if session.exec(select(Agency.id).limit(1)).first() is not None:
            return
        seed_directory(session)


def seed_directory(session: Session) -> None:
    """Insert the MOI offices and the provinces."""
    by_code: dict[str, Agency] = {}
    for name, short, code, level, parent in MOI_OFFICES:
        agency = Agency(
            name=name,
            short_name=short,
            code=code,
            level=level,
            parent_id=by_code[parent].id if parent else None,
        )
        session.add(agency)
        session.flush()
        by_code[code] = agency
    dla = by_code[DLA_CODE]
    for name, code in provinces():
        if code == "กท":
            session.add(
                Agency(
                    name=name,
                    short_name="กทม.",
                    code="กท",
                    level="province",
                    province=code,
                    aliases=_aliases("กรุงเทพฯ", "กทม", "ผู้ว่าราชการกรุงเทพมหานคร"),
                )
            )
            continue
        session.add(
            Agency(
                name=f"{PROVINCE_OFFICE}{name}",
                short_name=f"สถ.จ.{code}.",
                code=f"{code} {_PROVINCE_OFFICE_NUMBER}",
                level="province",
                parent_id=dla.id,
                province=code,
                aliases=_aliases(f"จังหวัด{name}", f"ศาลากลางจังหวัด{name}", f"ผู้ว่าราชการจังหวัด{name}"),
            )
        )


@dataclass
class AgencyView:
    """An agency as the shells show it."""

    id: int
    name: str
    short_name: str | None
    code: str | None
    level: str
    parent: str | None
    province: str | None
    needs_review: bool

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def view(agency: Agency, parent_name: str | None = None) -> AgencyView:
    """A detached view of an agency row."""
    assert agency.id is not None
    return AgencyView(
        agency.id,
        agency.name,
        agency.short_name,
        agency.code,
        agency.level,
        parent_name,
        agency.province,
        agency.needs_review,
    )


def list_agencies(session: Session, *, level: str | None = None, search: str | None = None) -> list[AgencyView]:
    """Agencies in tree order (by level, then name), optionally filtered."""
    query = select(Agency)
    if level:
        query = query.where(Agency.level == level)
    if search:
        query = query.where(
            or_(
                contains(Agency.name, search),
                contains(Agency.short_name, search),
                contains(Agency.code, normalise_code(search)),
            )
        )
    rows = list(session.exec(query))
    parents = {a.parent_id for a in rows if a.parent_id is not None}
    names = {a.id: a.name for a in session.exec(select(Agency).where(Agency.id.in_(parents)))} if parents else {}  # type: ignore[union-attr]
    order = {level: i for i, level in enumerate(LEVELS)}
    rows.sort(key=lambda a: (order.get(a.level, 99), a.province or "", a.code or "", a.name))
    return [view(a, names.get(a.parent_id)) for a in rows]


def resolve_agency(session: Session, query: str) -> Agency:
    """The agency named by a letter code or a name (exact name, short name or alias first).

    Raises:
        NotFound: No agency matches.
        Ambiguous: Several match; the message lists them.
    """
    text = query.strip()
    if not text:
        raise NotFound("ไม่ได้ระบุหน่วยงาน")
    if text.isdigit():
        agency = session.get(Agency, int(text))
        if agency:
            return agency
    code = normalise_code(text)
    exact = list(session.exec(select(Agency).where(Agency.code == code)))
    if len(exact) == 1:
        return exact[0]
    named = list(
        session.exec(
            select(Agency).where(
                or_(
                    Agency.name == text,
                    Agency.short_name == text,
                    contains(Agency.aliases, f"{_ALIAS_SEP}{text}{_ALIAS_SEP}"),
                )
            )
        )
    )
    candidates = exact or named
    if not candidates:
        candidates = list(session.exec(select(Agency).where(contains(Agency.name, text)).limit(50)))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFound(f"ไม่พบหน่วยงาน '{query}' ในทะเบียนหน่วยงาน (ดู saraban agencies list หรือเพิ่มด้วย agencies add)")
    raise Ambiguous("หน่วยงาน", query, [_describe(a) for a in candidates])


def _describe(agency: Agency) -> str:
    return " · ".join(x for x in (agency.name, agency.code, agency.short_name, f"id {agency.id}") if x)


def find_by_code_prefix(session: Session, doc_code: str | None) -> Agency | None:
    """The agency whose letter code is the longest prefix of a letter's code (``มท 0810.4`` → กพส.)."""
    if not doc_code:
        return None
    code = normalise_code(doc_code)
    best: Agency | None = None
    letters = code.split(" ")[0]
    for agency in session.exec(select(Agency).where(starts_with(Agency.code, letters))):
        candidate = agency.code or ""
        if code == candidate or (code.startswith(candidate) and len(code) > len(candidate)):
            if best is None or len(candidate) > len(best.code or ""):
                best = agency
    return best


def find_by_name(session: Session, name: str | None) -> Agency | None:
    """The one agency whose name, short name or alias is exactly ``name``, else ``None``."""
    if not name:
        return None
    try:
        return resolve_agency(session, name)
    except (NotFound, Ambiguous):
        return None


def add_agency(
    session: Session,
    name: str,
    *,
    short_name: str | None = None,
    code: str | None = None,
    level: str = "other",
    parent: str | None = None,
    needs_review: bool = False,
) -> Agency:
    """Add an agency to the directory.

    Raises:
        InvalidInput: Unknown level, or the code is already used by another agency.
    """
    if level not in LEVELS:
        raise InvalidInput(f"ระดับหน่วยงาน '{level}' ไม่ถูกต้อง; ใช้ {', '.join(LEVELS)}")
    parent_agency = resolve_agency(session, parent) if parent else None
    normalised = normalise_code(code) if code else None
    if normalised and session.exec(select(Agency).where(Agency.code == normalised)).first():
        raise InvalidInput(f"รหัสหนังสือ '{normalised}' มีหน่วยงานใช้อยู่แล้ว")
    agency = Agency(
        name=name.strip(),
        short_name=short_name,
        code=normalised,
        level=level,
        parent_id=parent_agency.id if parent_agency else None,
        province=(normalised.split(" ")[0] if normalised and level in ("province", "district", "local") else None)
        or (parent_agency.province if parent_agency else None),
        needs_review=needs_review,
    )
    session.add(agency)
    session.flush()
    return agency


def edit_agency(
    session: Session,
    query: str,
    *,
    name: str | None = None,
    short_name: str | None = None,
    code: str | None = None,
    level: str | None = None,
    parent: str | None = None,
    reviewed: bool = False,
    email: str | None = None,
) -> Agency:
    """Change an agency's details; ``reviewed`` clears the flag of an automatically created one."""
    agency = resolve_agency(session, query)
    if email is not None:
        address = email.strip().lower()
        if address and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
            raise InvalidInput(f"ที่อยู่อีเมล '{email}' ไม่ถูกต้อง")
        agency.email = address or None
    if code is not None:
        normalised = normalise_code(code)
        other = session.exec(select(Agency).where(Agency.code == normalised, Agency.id != agency.id)).first()
        if other is not None:
            raise InvalidInput(f"รหัสหนังสือ '{normalised}' เป็นของ {other.name} อยู่แล้ว")
        agency.code = normalised
    if level is not None:
        if level not in LEVELS:
            raise InvalidInput(f"ระดับหน่วยงาน '{level}' ไม่ถูกต้อง; ใช้ {', '.join(LEVELS)}")
        agency.level = level
    if parent is not None:
        parent_agency = resolve_agency(session, parent)
        if parent_agency.id == agency.id:
            raise InvalidInput("หน่วยงานเป็นต้นสังกัดของตัวเองไม่ได้")
        agency.parent_id = parent_agency.id
        agency.province = agency.province or parent_agency.province
    if name:
        agency.name = name.strip()
    if short_name is not None:
        agency.short_name = short_name or None
    if reviewed:
        agency.needs_review = False
    session.add(agency)
    session.flush()
    return agency


def children(session: Session, agency_id: int, *, level: str | None = None) -> list[Agency]:
    """Direct children of an agency (optionally of one level)."""
    query = select(Agency).where(Agency.parent_id == agency_id)
    if level:
        query = query.where(Agency.level == level)
    return list(session.exec(query.order_by(Agency.name)))


# -- DLA open data ---------------------------------------------------------------------------

DLA_COLUMNS = (
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "รหัส อปท.",
    "ประเภท อปท.",
    "อปท.",
    "ที่ตั้งสำนักงานเลขที่",
    "หมู่ที่",
    "รหัสไปรษณีย์",
    "ขนาดพื้นที่",
    "LAT",
    "LONG",
    "เว็ปไซต์ของอปท",
)
_BODY_PREFIXES = {
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}


@dataclass
class ImportSummary:
    """What an import of the DLA list did."""

    rows: int = 0
    districts_created: int = 0
    bodies_created: int = 0
    bodies_existing: int = 0
    problems: list[str] = field(default_factory=list)


def _strip_prefix(text: str, prefix: str) -> str:
    text = text.strip()
    return text[len(prefix) :].strip() if text.startswith(prefix) else text


def _body_name(kind: str, name: str) -> str:
    kind, name = kind.strip(), name.strip()
    for short, full in _BODY_PREFIXES.items():
        if name.startswith(short):
            return full + name[len(short) :].strip()
    if kind in _BODY_PREFIXES:
        kind = _BODY_PREFIXES[kind]
    if name.startswith(("องค์การบริหารส่วน", "เทศบาล", "เมือง")) or not kind:
        return name
    return kind + name


def read_dla_rows(data: bytes, name: str) -> list[dict[str, str]]:
    """Rows of a DLA local-body CSV (RFC 4180; UTF-8 with or without BOM, or TIS-620)."""
    text = decode_bytes(data, name)
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise InvalidInput(f"{name}: ไม่มีหัวตาราง")
    header = [h.strip() for h in reader.fieldnames]
    required = ("จังหวัด", "อำเภอ", "รหัส อปท.", "ประเภท อปท.", "อปท.")
    missing = [c for c in required if c not in header]
    if missing:
        raise InvalidInput(f"{name}: ไม่ใช่รายชื่อ อปท. ของ สถ. (ไม่มีคอลัมน์ {', '.join(missing)})")
    reader.fieldnames = header
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def import_dla_rows(session: Session, rows: Iterable[dict[str, str]]) -> ImportSummary:
    """Create each district office and each local body once, under the right province."""
    summary = ImportSummary()
    province_offices = {
        a.province: a for a in session.exec(select(Agency).where(Agency.level == "province")) if a.province
    }
    province_by_name = {}
    for agency in province_offices.values():
        for alias in (agency.aliases or "").split(_ALIAS_SEP):
            if alias.startswith("จังหวัด"):
                province_by_name[alias[len("จังหวัด") :]] = agency
    districts = {(a.parent_id, a.name): a for a in session.exec(select(Agency).where(Agency.level == "district"))}
    bodies = {a.dla_code: a for a in session.exec(select(Agency).where(Agency.dla_code.is_not(None)))}  # type: ignore[union-attr]
    for line_no, row in enumerate(rows, start=2):
        summary.rows += 1
        province_name = _strip_prefix(row.get("จังหวัด", ""), "จังหวัด")
        province = province_by_name.get(province_name)
        if province is None:
            summary.problems.append(f"แถว {line_no}: ไม่รู้จักจังหวัด '{row.get('จังหวัด', '')}'")
            continue
        district_name = _strip_prefix(_strip_prefix(row.get("อำเภอ", ""), "อำเภอ"), "อ.")
        code = row.get("รหัส อปท.", "").strip()
        if not district_name or not code:
            summary.problems.append(f"แถว {line_no}: ไม่มีชื่ออำเภอหรือรหัส อปท.")
            continue
        office_name = f"{DISTRICT_OFFICE}{district_name}"
        district = districts.get((province.id, office_name))
        if district is None:
            district = Agency(
                name=office_name,
                short_name=f"สถ.อ.{district_name}",
                level="district",
                parent_id=province.id,
                province=province.province,
                aliases=_aliases(f"อำเภอ{district_name}", f"ที่ว่าการอำเภอ{district_name}", f"นายอำเภอ{district_name}"),
            )
            session.add(district)
            session.flush()
            districts[(province.id, office_name)] = district
            summary.districts_created += 1
        if code in bodies:
            summary.bodies_existing += 1 if bodies[code].id else 0
            continue
        kind = row.get("ประเภท อปท.", "")
        full_name = _body_name(kind, row.get("อปท.", ""))
        is_provincial = "จังหวัด" in kind or kind.startswith("อบจ") or full_name.startswith("องค์การบริหารส่วนจังหวัด")
        body = Agency(
            name=full_name,
            level="local",
            parent_id=province.id if is_provincial else district.id,
            province=province.province,
            dla_code=code,
            body_type=kind or None,
        )
        session.add(body)
        bodies[code] = body
        summary.bodies_created += 1
    session.flush()
    return summary


def import_dla_file(session: Session, path: Path) -> ImportSummary:
    """Import the DLA open-data CSV of local bodies (``saraban agencies import``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: เปิดไฟล์ไม่ได้ ({os_reason(exc)})") from exc
    return import_dla_rows(session, read_dla_rows(data, str(path)))


def office_names(session: Session) -> OfficeNames:
    """The directory's offices and their codes, to repair OCR'd names against while reading."""
    rows = session.exec(select(Agency.name, Agency.code).where(Agency.needs_review.is_(False)))  # type: ignore[attr-defined]
    return OfficeNames.standard().extended((name, code) for name, code in rows)
