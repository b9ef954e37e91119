"""The structured record of one parsed letter (the keys of ``saraban parse --json``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date

KINDS = ("external", "memo", "stamped", "other")
KIND_NAMES = {"external": "หนังสือภายนอก", "memo": "บันทึกข้อความ", "stamped": "หนังสือประทับตรา", "other": "เอกสารอื่น"}
"""How a person is told a letter's kind (the keys stay English in JSON)."""
LOW_CONFIDENCE = 0.6
"""Fields read with less confidence than this are marked for the clerk to check."""
URGENCIES = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SECRECIES = ("ลับที่สุด", "ลับมาก", "ลับ")
"""The marks a letter carries, longest first (so a pattern tries ด่วนที่สุด before ด่วน); every
pattern of the parser that looks for one is made from these two."""
URGENCY_PATTERN = "|".join(URGENCIES)
SECRECY_PATTERN = "|".join(SECRECIES)
MARK_PATTERN = f"{URGENCY_PATTERN}|{SECRECY_PATTERN}"


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
    confidence: dict[str, float] = field(default_factory=dict)
    """How sure the reading is of each field, 0.0–1.0; below :data:`LOW_CONFIDENCE` a person checks it."""
    suggestions: dict[str, object] = field(default_factory=dict)
    """Readings not sure enough to be values, for the clerk to confirm: ``doc_no`` and ``date``
    as ``{"value", "confidence", "reason"}`` (a number's printed part as ``"sure"``),
    ``receipt_stamps`` as a list of ``{"index", "number", "date", "time", "confidence"}``.
    The fields themselves stay empty: a suggestion is never a value."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Where each field's value was read: ``typed`` (a text or Word file), ``text-layer`` (a
    PDF page's own text, drawn on the page), ``ocr`` (Tesseract) or ``ocr+digit-reader`` (its
    digits read again from the page image), or ``clerk`` (typed or corrected by a person)."""
    source_kind: str | None = None
    """Where the text came from: ``text``, ``docx``, ``pdf-text``, ``pdf-ocr``, ``pdf-mixed``, ``image-ocr``."""
    source_sha256: str | None = None
    """SHA-256 of the file the letter was read from."""
    text: str = field(default="", repr=False)
    """The letter's own text (not part of the JSON contract; stored as the source text)."""
    spans: dict[str, str] = field(default_factory=dict, repr=False)
    """The text each field was read from, as printed (not in JSON; the checks judge its digits)."""
    at: dict[str, int] = field(default_factory=dict, repr=False)
    """The line each field was read from (not in JSON; for OCR line confidences)."""
    at_stamps: dict[int, list[int]] = field(default_factory=dict, repr=False)
    """The lines of each receipt stamp (not in JSON)."""
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
        data["confidence"] = {k: round(v, 2) for k, v in self.confidence.items()}
        data.pop("text")
        data.pop("spans")
        data.pop("at")
        data.pop("at_stamps")
        data.pop("written_on")
        for key in ("date", "deadline"):
            data[key] = _iso(data[key])
        data["references"] = [{"doc_no": r["doc_no"], "date": _iso(r["date"])} for r in data["references"]]
        data["receipt_stamps"] = [
            {"agency": s["agency"], "number": s["number"], "date": _iso(s["date"]), "time": s["time"]}
            for s in data["receipt_stamps"]
        ]
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ParsedLetter:
        """A record back from its ``to_json`` form (as the inbox keeps it)."""

        def day(value: object) -> date | None:
            return date.fromisoformat(str(value)) if value else None

        known = {f for f in cls.__dataclass_fields__ if f not in ("text", "spans", "at", "at_stamps", "written_on")}
        values = {k: v for k, v in data.items() if k in known}
        values["date"], values["deadline"] = day(data.get("date")), day(data.get("deadline"))
        values["references"] = [Reference(r.get("doc_no"), day(r.get("date"))) for r in data.get("references") or []]  # type: ignore[union-attr]
        values["receipt_stamps"] = [
            ReceiptStamp(s.get("agency"), s.get("number"), day(s.get("date")), s.get("time"))  # type: ignore[union-attr]
            for s in data.get("receipt_stamps") or []  # type: ignore[union-attr]
        ]
        letter = cls(**values)  # type: ignore[arg-type]
        letter.text = str(data.get("text") or "")
        return letter

    def corrected(self, **typed: object) -> ParsedLetter:
        """The letter with what the clerk typed over the reading (the Receive form, ``receive
        --doc-no``): a changed field is sure, comes from ``clerk``, and offers no suggestion.

        Provenance is why a register can be trusted later: an auditor sees which values a
        person confirmed and which the reader alone supplied. A field typed as it was read
        keeps its reading's provenance; a field emptied keeps none.
        """
        unknown = set(typed) - set(self.__dataclass_fields__)
        if unknown:
            raise TypeError(f"not a field of a letter: {', '.join(sorted(unknown))}")
        confidence, provenance = dict(self.confidence), dict(self.provenance)
        suggestions = dict(self.suggestions)
        for name, value in typed.items():
            if value == getattr(self, name):
                continue
            suggestions.pop(name, None)
            if value in (None, "", []):
                confidence.pop(name, None)
                provenance.pop(name, None)
            else:
                confidence[name], provenance[name] = 1.0, "clerk"
        return replace(self, **typed, confidence=confidence, provenance=provenance, suggestions=suggestions)  # type: ignore[arg-type]

    def low_confidence(self) -> list[str]:
        """The fields a clerk should check, in the order the form shows them."""
        return [name for name, value in self.confidence.items() if value < LOW_CONFIDENCE]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
