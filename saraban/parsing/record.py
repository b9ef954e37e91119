"""The structured record of one parsed letter (the keys of ``saraban parse --json``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

KINDS = ("external", "memo", "stamped", "other")
URGENCIES = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SECRECIES = ("ลับที่สุด", "ลับมาก", "ลับ")


@dataclass
class Reference:
    """A letter cited in อ้างถึง or enclosed in สิ่งที่ส่งมาด้วย."""

    doc_no: str | None
    date: date | None


@dataclass
class ReceiptStamp:
    """A receipt stamp (ตรารับ): the receiving office, เลขรับ, date and time."""

    agency: str | None
    number: str | None
    date: date | None
    time: str | None


@dataclass
class ParsedLetter:
    """One letter read from a file; absent values are ``None`` or empty lists."""

    source: str
    index: int
    kind: str = "other"
    doc_no: str | None = None
    circular: bool | None = None
    date: date | None = None
    subject: str | None = None
    salutation_to: str | None = None
    sender_agency: str | None = None
    attachments: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    urgency: str | None = None
    secrecy: str | None = None
    receipt_stamps: list[ReceiptStamp] = field(default_factory=list)
    signer_name: str | None = None
    signer_position: str | None = None
    deadline: date | None = None
    warnings: list[str] = field(default_factory=list)
    text: str = field(default="", repr=False)
    """The letter's own text (not part of the JSON contract; stored as the source text)."""
    written_on: int | None = field(default=None, repr=False)
    """For an endorsement written on another letter of the file: that letter's index (not in JSON)."""

    @property
    def code_prefix(self) -> str | None:
        """The part of the number before the slash (``"มท 0810.4"``), if any."""
        if not self.doc_no or "/" not in self.doc_no:
            return None
        return self.doc_no.split("/", 1)[0].strip() or None

    def to_json(self) -> dict[str, object]:
        """The record as the JSON object of the ``parse --json`` contract (ISO dates)."""
        data = asdict(self)
        data.pop("text")
        data.pop("written_on")
        for key in ("date", "deadline"):
            data[key] = _iso(data[key])
        data["references"] = [{"doc_no": r["doc_no"], "date": _iso(r["date"])} for r in data["references"]]
        data["receipt_stamps"] = [
            {"agency": s["agency"], "number": s["number"], "date": _iso(s["date"]), "time": s["time"]}
            for s in data["receipt_stamps"]
        ]
        return data


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
