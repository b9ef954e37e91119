"""What goes into a letter: plain data, the usual phrasing of a forwarding letter, and the
conversion to template placeholders (Thai digits and Buddhist Era dates by default)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from saraban.thai.dates import format_thai_date
from saraban.thai.digits import render_digits

_HEADS = (
    ("องค์การบริหารส่วนตำบล", "นายกองค์การบริหารส่วนตำบล"),
    ("องค์การบริหารส่วนจังหวัด", "นายกองค์การบริหารส่วนจังหวัด"),
    ("เทศบาลตำบล", "นายกเทศมนตรีตำบล"),
    ("เทศบาลเมือง", "นายกเทศมนตรีเมือง"),
    ("เทศบาลนคร", "นายกเทศมนตรีนคร"),
    ("สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ", "ท้องถิ่นอำเภอ"),
    ("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", "ท้องถิ่นจังหวัด"),
    ("กรมส่งเสริมการปกครองท้องถิ่น", "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น"),
)


def head_of(agency_name: str) -> str:
    """How a letter addresses the head of an office (``เทศบาลตำบลป่าคา`` → ``นายกเทศมนตรีตำบลป่าคา``)."""
    for prefix, head in _HEADS:
        if agency_name.startswith(prefix):
            return head + agency_name[len(prefix) :]
    return agency_name


def collective_salutation(names: list[str]) -> str:
    """One addressee line for many recipients (``นายกองค์การบริหารส่วนตำบล ทุกแห่ง``)."""
    if len(names) == 1:
        return head_of(names[0])
    kinds = {prefix for name in names for prefix, _ in _HEADS if name.startswith(prefix)}
    if kinds == {"สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ"}:
        return "ท้องถิ่นอำเภอ ทุกอำเภอ"
    if kinds == {"สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด"}:
        return "ท้องถิ่นจังหวัด ทุกจังหวัด"
    if kinds and kinds <= {"องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "องค์การบริหารส่วนจังหวัด"}:
        return "นายกองค์กรปกครองส่วนท้องถิ่น ทุกแห่ง"
    return "ตามบัญชีส่งท้ายหนังสือนี้"


def office_address(agency_name: str, province_name: str | None = None) -> list[str]:
    """The customary address line of a provincial or district office."""
    if agency_name.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด"):
        return [f"ศาลากลางจังหวัด{agency_name.removeprefix('สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด')}"]
    if agency_name.startswith("สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ"):
        return [f"ที่ว่าการอำเภอ{agency_name.removeprefix('สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ')}"]
    return []


@dataclass
class Citation:
    """A letter named in อ้างถึง or enclosed as a copy."""

    issuer: str | None
    doc_no: str | None
    date: date | None


@dataclass
class LetterContent:
    """Everything a letter says, as plain data (no database, no Word)."""

    doc_no: str
    office_name: str
    date: date
    subject: str
    salutation: str
    body: list[str]
    office_address: list[str] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)
    enclosures: list[str] = field(default_factory=list)
    signer_name: str = ""
    signer_lines: list[str] = field(default_factory=list)
    owning_unit: str = ""
    phone: str = ""
    email: str = ""
    urgency: str | None = None
    secrecy: str | None = None
    distribution: list[str] = field(default_factory=list)
    deadline: date | None = None

    def to_template_data(self, digits: str = "thai") -> dict[str, Any]:
        """Placeholders for a template; digits in Thai (or Arabic) everywhere but e-mail."""

        def d(text: str) -> str:
            return render_digits(text, digits)

        def cite(c: Citation) -> str:
            parts = [f"หนังสือ{c.issuer or ''}".strip()]
            if c.doc_no:
                parts.append(f"ที่ {c.doc_no}")
            if c.date:
                parts.append(f"ลงวันที่ {format_thai_date(c.date, digits='arabic')}")
            return d(" ".join(parts))

        from saraban.letters.measure import office_block, wrap

        references = [cite(c) for c in self.references]
        enclosures = [d(x) for x in self.enclosures]
        office_lines, office_tab = office_block([self.office_name, *[d(x) for x in self.office_address]])
        return {
            "doc_no": d(self.doc_no),
            "office_name": self.office_name,
            "office_address": [d(x) for x in self.office_address],
            "office_head": office_lines[0] if office_lines else "",
            "office_rest": office_lines[1:],
            "office_tab_cm": office_tab,
            # Under the text, centred in the 10 cm right of the signature indent.
            "office_sign_lines": wrap(self.office_name, 9.5),
            "date_text": format_thai_date(self.date, digits=digits),
            "subject": d(self.subject),
            "salutation": self.salutation,
            "reference_lines": _labelled("อ้างถึง", references, digits),
            "enclosure_lines": _labelled("สิ่งที่ส่งมาด้วย", enclosures, digits),
            "memo_lead": _memo_lead(references, enclosures),
            "body": [d(x) for x in self.body],
            "signer_name": self.signer_name or " " * 30,
            "signer_lines": self.signer_lines,
            "owning_unit": self.owning_unit,
            "phone": d(self.phone),
            "email": self.email,
            "urgency": self.urgency or "",
            "secrecy": self.secrecy or "",
            "distribution": [d(f"{i}. {name}") for i, name in enumerate(self.distribution, start=1)],
            "distribution_title": "บัญชีส่งหนังสือ" if self.distribution else "",
        }


def complete(values: dict[str, Any]) -> dict[str, Any]:
    """Plain template data (``letter render --data``) with the placeholders a letter derives
    from the others filled in where absent, as :meth:`LetterContent.to_template_data` fills
    them: the office block laid out, the stamped letter's office lines, the memo's lead.

    The README's table lists what a caller gives; these are the layout saraban works out.
    """
    from saraban.letters.measure import office_block, wrap

    out = dict(values)
    name = str(out.get("office_name") or "")
    address = out.get("office_address") or []
    address = [address] if isinstance(address, str) else [str(line) for line in address]
    if "office_head" not in out or "office_rest" not in out or "office_tab_cm" not in out:
        lines, tab = office_block([name, *address]) if name or address else ([], 0.0)
        out.setdefault("office_head", lines[0] if lines else "")
        out.setdefault("office_rest", lines[1:])
        out.setdefault("office_tab_cm", tab)
    out.setdefault("office_sign_lines", wrap(name, 9.5) if name else [])
    if "memo_lead" not in out:
        out["memo_lead"] = _memo_lead(_texts(out.get("reference_lines")), _texts(out.get("enclosure_lines")))
    out.setdefault("distribution_title", "บัญชีส่งหนังสือ" if out.get("distribution") else "")
    return out


def _texts(lines: object) -> list[str]:
    """The texts of ``reference_lines`` or ``enclosure_lines`` ({label, text} or plain strings)."""
    if not isinstance(lines, list):
        return []
    return [str(line.get("text", "")) if isinstance(line, dict) else str(line) for line in lines]


def _memo_lead(references: list[str], enclosures: list[str]) -> str:
    """A memo has no อ้างถึง or สิ่งที่ส่งมาด้วย headings: they open its text instead."""
    parts = []
    if references:
        parts.append("ตาม" + " และ".join(references))
    if enclosures:
        parts.append("ขอส่ง" + " และ".join(enclosures) + " มาพร้อมนี้")
    return " ".join(parts)


def _labelled(label: str, items: list[str], digits: str = "thai") -> list[dict[str, str]]:
    if len(items) > 1:
        items = [f"{render_digits(str(i), digits)}. {text}" for i, text in enumerate(items, start=1)]
    return [{"label": label if i == 0 else "", "text": text} for i, text in enumerate(items)]


def issuer_of(sender_text: str | None, signer_position: str | None, agency_name: str | None) -> str:
    """Who issued a letter, as a citation names it (หนังสือจังหวัดน่าน, not the office that drafted it).

    A letter headed ศาลากลางจังหวัด… or signed by ผู้ว่าราชการจังหวัด… is the province's; one
    headed ที่ว่าการอำเภอ… or signed by นายอำเภอ… is the district's, whatever unit's letter code
    it carries. Otherwise the directory's agency, or the letterhead as written.
    """
    head = (sender_text or "").strip()
    position = (signer_position or "").strip()
    for prefix, issuer in (("ศาลากลางจังหวัด", "จังหวัด"), ("ที่ว่าการอำเภอ", "อำเภอ")):
        if head.startswith(prefix):
            return issuer + head.removeprefix(prefix).split()[0] if head.removeprefix(prefix).split() else issuer
    for prefix, issuer in (("ผู้ว่าราชการจังหวัด", "จังหวัด"), ("นายอำเภอ", "อำเภอ")):
        rest = position.removeprefix(prefix).split()
        if position.startswith(prefix) and rest:
            return issuer + rest[0]
    return agency_name or head


def report_sentence(deadline: date) -> str:
    """The sentence of a forward that asks for a report by ``deadline``."""
    return f"ทั้งนี้ ขอให้รายงานผลภายในวันที่ {format_thai_date(deadline, digits='arabic')}"


def forwarding_body(
    *,
    source_issuer: str,
    subject: str,
    sender_name: str,
    recipients_are_local: bool,
    deadline: date | None,
    stamped: bool = False,
) -> list[str]:
    """The usual phrasing for passing a circular one level down (a person may edit it).

    A หนังสือประทับตรา speaks in the office's name and has no เรียน: it sends the copy "มาเพื่อ
    ทราบ" with no closing sentence of a letter to a person.
    """
    who = "องค์กรปกครองส่วนท้องถิ่น" if recipients_are_local else "หน่วยงาน"
    report = report_sentence(deadline) if deadline else ""
    if stamped:
        text = f"{sender_name}ขอส่งสำเนาหนังสือ{source_issuer} เรื่อง {subject} มาเพื่อทราบและถือปฏิบัติ"
        if not recipients_are_local:
            text += " และแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่ทราบด้วย"
        return [text + (f" {report}" if report else "")]
    first = f"ด้วย{source_issuer}ได้แจ้งเรื่อง {subject} รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย"
    second = f"{head_of(sender_name)}พิจารณาแล้ว จึงขอให้{who}ทราบและถือปฏิบัติ"
    if not recipients_are_local:
        second += " และแจ้งองค์กรปกครองส่วนท้องถิ่นในพื้นที่ทราบด้วย"
    if report:
        second += f" {report}"
    return [first, second, "จึงเรียนมาเพื่อทราบและพิจารณาดำเนินการต่อไป"]
