"""Endorsing and forwarding letters: the live work of each hop of a cascade.

``forward`` issues a new letter in the sender's sending register (the ว series when it goes
to more than one recipient), records one routing event per recipient, and writes the
letters through the letters service. The template is tried before any number is taken, so
a template with a missing field costs no number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session, select

from saraban import paths
from saraban.db.tables import Agency, Letter, RegisterEntry, RoutingEvent
from saraban.errors import InvalidInput
from saraban.letters.content import (
    LetterContent,
    collective_salutation,
    forwarding_body,
    head_of,
    issuer_of,
    office_address,
)
from saraban.letters.garuda import garuda_for
from saraban.letters.render import find_template, render, safe_filename, unique_path
from saraban.services.context import Actor, Context
from saraban.services.directory import resolve_agency
from saraban.services.forward_plan import forward_deadline, plan_forward, recipients_of, refuse_repeat
from saraban.services.ledger import record_entry, record_event
from saraban.services.letters_store import add_letter, fingerprint, get_letter
from saraban.services.own_books import require_own_books
from saraban.services.registers import next_number
from saraban.services.secrecy import require_clearance
from saraban.thai.dates import format_thai_date, now_bangkok, register_year_be

MODES = ("circular", "per-recipient")
GARUDA_MM = {"external": 30.0, "stamped": 30.0, "memo": 15.0}


def endorse(ctx: Context, doc_no: str, at: str, text: str, when: datetime | None = None) -> RoutingEvent:
    """Record an endorsement (เกษียน) on a letter: the text, by whom, when."""
    if not text.strip():
        raise InvalidInput("ข้อความเกษียนว่างเปล่า (--text)")
    actor = ctx.require_writer()
    with ctx.writing() as session:
        letter = get_letter(session, doc_no, actor.clearance)
        require_clearance(actor, letter, "เกษียนหนังสือ")
        agency = resolve_agency(session, at)
        require_own_books(session, actor, agency.id, "เกษียนหนังสือ")
        assert letter.id is not None and agency.id is not None
        event = RoutingEvent(
            letter_id=letter.id,
            event="endorsed",
            agency_id=agency.id,
            at=(when or now_bangkok()).replace(microsecond=0),
            note=text.strip(),
            created_by=actor.name,
            created_role=actor.role,
        )
        record_event(session, actor, event)
        return event


@dataclass
class ForwardRequest:
    """What a secretary chooses when forwarding a letter."""

    doc_no: str
    sender: str
    recipients: list[str] = field(default_factory=list)
    all_children: bool = False
    mode: str = "circular"
    template: str = "external"
    out_dir: Path | None = None
    body: list[str] | None = None
    signer_name: str = ""
    signer_position: str | None = None
    phone: str = ""
    email: str = ""
    when: datetime | None = None
    pdf: bool = False
    again: bool = False
    """Forward again to offices that already have a forward of this letter (a deliberate second circular)."""
    deadline: date | None = None
    """The report date asked of the recipients; by default the received letter's deadline less
    the ``forward_deadline_days`` setting (see :func:`forward_deadline`)."""


@dataclass
class IssuedLetter:
    """A forwarding letter saraban issued."""

    doc_no: str
    number: int
    series: str
    year: int
    recipients: list[str]
    file: Path | None = None
    pdf: Path | None = None
    letter_id: int | None = None


@dataclass
class ForwardResult:
    """The new letters and their files."""

    source: str | None
    letters: list[IssuedLetter]
    notes: list[str] = field(default_factory=list)
    """What the secretary should know (no Garuda yet, the deadline passed down)."""

    @property
    def files(self) -> list[Path]:
        return [x.file for x in self.letters if x.file] + [x.pdf for x in self.letters if x.pdf]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "notes": self.notes,
            "letters": [
                {
                    "doc_no": x.doc_no,
                    "number": x.number,
                    "series": x.series,
                    "year": x.year,
                    "recipients": x.recipients,
                    "file": str(x.file) if x.file else None,
                    "pdf": str(x.pdf) if x.pdf else None,
                }
                for x in self.letters
            ],
        }


def _content(
    request: ForwardRequest,
    source: Letter,
    source_issuer: str,
    sender: Agency,
    recipients: list[Agency],
    doc_no: str,
    stamped: bool = False,
) -> LetterContent:
    names = [r.name for r in recipients]
    local = all(r.level == "local" for r in recipients)
    enclosure = (
        f"สำเนาหนังสือ{source_issuer} ที่ {source.doc_no or '-'}"
        + (f" ลงวันที่ {format_thai_date(source.letter_date, digits='arabic')}" if source.letter_date else "")
        + " จำนวน 1 ชุด"
    )
    return LetterContent(
        doc_no=doc_no,
        office_name=sender.name,
        office_address=office_address(sender.name),
        date=(request.when or now_bangkok()).date(),
        subject=source.subject or "",
        salutation=collective_salutation(names),
        body=request.body
        or forwarding_body(
            source_issuer=source_issuer,
            subject=source.subject or "",
            sender_name=sender.name,
            recipients_are_local=local,
            deadline=request.deadline,
            stamped=stamped,
        ),
        enclosures=[enclosure],
        signer_name=request.signer_name,
        signer_lines=[request.signer_position or head_of(sender.name)],
        owning_unit=sender.name,
        phone=request.phone,
        email=request.email,
        urgency=source.urgency,
        secrecy=source.secrecy,
        distribution=names if len(names) > 1 else [],
        deadline=request.deadline,
    )


@dataclass
class _Issue:
    """What every letter of one forward shares; :meth:`letter` numbers and records one."""

    request: ForwardRequest
    source: Letter
    source_issuer: str
    sender: Agency
    stamped: bool
    when: datetime
    year: int
    out_dir: Path

    def letter(self, session: Session, actor: Actor, group: list[Agency]) -> tuple[IssuedLetter, LetterContent]:
        """Number a letter to ``group``, record it with the path its file will have, and ledger it."""
        request, source, sender, when = self.request, self.source, self.sender, self.when
        circular = len(group) > 1
        series = "circular" if circular else "general"
        number = next_number(session, sender.id, "send", series, self.year)  # type: ignore[arg-type]
        doc_no = f"{sender.code}/{'ว ' if circular else ''}{number}"
        content = _content(request, source, self.source_issuer, sender, group, doc_no, self.stamped)
        path = unique_path(self.out_dir, safe_filename(doc_no))
        letter = add_letter(
            session,
            Letter(
                kind="stamped" if self.stamped else "external",
                doc_no=doc_no,
                code_prefix=sender.code,
                running_no=str(number),
                circular=circular,
                letter_date=when.date(),
                subject=content.subject,
                salutation=content.salutation,
                sender_text=sender.name,
                sender_agency_id=sender.id,
                recipients=[{"agency_id": r.id, "name": r.name} for r in group],
                urgency=source.urgency,
                secrecy=source.secrecy,
                attachments=content.enclosures,
                references=[
                    {
                        "doc_no": source.doc_no,
                        "date": source.letter_date.isoformat() if source.letter_date else None,
                    }
                ],
                signer_name=request.signer_name or None,
                signer_position=content.signer_lines[0],
                deadline=request.deadline,
                source_text="\n".join(content.body),
                source_path=str(path),
                fingerprint=fingerprint(doc_no, when.date(), content.subject, sender.name),
                parent_id=source.id,
                link_method="issued",
                link_score=1.0,
                link_confirmed=True,
            ),
        )
        assert letter.id is not None
        entry = RegisterEntry(
            agency_id=sender.id,  # type: ignore[arg-type]
            book="send",
            series=series,
            year=self.year,
            number=number,
            letter_id=letter.id,
            entry_at=when,
            doc_no=doc_no,
            letter_date=when.date(),
            from_text=sender.name,
            to_text=content.salutation if circular else group[0].name,
            subject=content.subject,
            action=f"ส่ง {len(group)} แห่ง",
            created_by=actor.name,
            created_role=actor.role,
        )
        record_entry(session, actor, entry)
        for recipient in group:
            record_event(
                session,
                actor,
                RoutingEvent(
                    letter_id=letter.id,
                    event="sent",
                    agency_id=sender.id,  # type: ignore[arg-type]
                    to_agency_id=recipient.id,
                    at=when,
                    register_entry_id=entry.id,
                    created_by=actor.name,
                    created_role=actor.role,
                ),
            )
        item = IssuedLetter(doc_no, number, series, self.year, [r.name for r in group], letter_id=letter.id)
        item.file = path
        return item, content


def _unfinished(session: Session, letter: Letter, issue: _Issue) -> tuple[IssuedLetter, LetterContent]:
    """A letter an interrupted forward numbered but did not write: its number, date and path as issued."""
    entry = session.exec(select(RegisterEntry).where(RegisterEntry.letter_id == letter.id)).one()
    ids = [int(r["agency_id"]) for r in letter.recipients or []]
    group = [a for a in session.exec(select(Agency).where(Agency.id.in_(ids)))]  # type: ignore[union-attr]
    group.sort(key=lambda a: ids.index(a.id))  # type: ignore[arg-type]
    as_issued = replace(issue.request, when=entry.entry_at, deadline=letter.deadline)
    doc_no = letter.doc_no or ""
    content = _content(as_issued, issue.source, issue.source_issuer, issue.sender, group, doc_no, issue.stamped)
    item = IssuedLetter(doc_no, entry.number, entry.series, entry.year, [a.name for a in group], letter_id=letter.id)
    if not letter.source_path:  # issued before paths were recorded with the number: record one now
        letter.source_path = str(unique_path(issue.out_dir, safe_filename(doc_no)))
        session.add(letter)
    item.file = Path(letter.source_path)
    return item, content


def _keep_issued(ctx: Context, items: list[IssuedLetter]) -> None:
    """Keep saraban's own copy of each letter it wrote, with its SHA-256 in the letter's row.

    The file in the output folder is the secretary's to open, correct and sign; the copy in
    saraban's store is what was issued under the number, and ``audit verify`` checks it, so a
    forward's file changed or deleted outside saraban is found (:mod:`saraban.services.filestore`).
    A forward killed before this step is finished by running it again, which writes and keeps.
    """
    from saraban.services.filestore import digest, keep

    kept: dict[int, tuple[str, bool]] = {}
    for item in items:
        if item.file is not None and item.letter_id is not None and item.file.is_file():
            sha256 = digest(item.file)
            kept[item.letter_id] = (sha256, keep(ctx.engine, str(item.file), sha256) is not None)
    with ctx.writing() as session:
        for letter_id, (sha256, stored) in kept.items():
            letter = session.get(Letter, letter_id)
            if letter is not None and (letter.source_sha256, letter.source_kept) != (sha256, stored):
                letter.source_sha256, letter.source_kept = sha256, stored
                session.add(letter)


def forward(ctx: Context, request: ForwardRequest, progress: Callable[[int, int], None] | None = None) -> ForwardResult:
    """Issue forwarding letters, record them and write their files.

    Raises:
        InvalidInput: Unknown mode, no recipients, or a sender without a letter code.
        TemplateProblem: The template is missing a field (found before any number is taken).
    """
    if request.mode not in MODES:
        raise InvalidInput(f"--mode ต้องเป็น circular หรือ per-recipient ไม่ใช่ {request.mode!r}")
    actor = ctx.require_writer()
    template = find_template(request.template, ctx.settings.templates_dir)
    out_dir = request.out_dir or paths.output_dir()
    with ctx.reading() as session:
        source = get_letter(session, request.doc_no, actor.clearance)
        require_clearance(actor, source, "ส่งต่อหนังสือ")
        sender = resolve_agency(session, request.sender)
        require_own_books(session, actor, sender.id, "ส่งหนังสือ")
        recipients = recipients_of(session, sender, request.recipients, request.all_children)
        if not recipients:
            raise InvalidInput("ไม่มีผู้รับ: ระบุ --to หรือ --all-children")
        if not sender.code:
            raise InvalidInput(f"{sender.name} ยังไม่มีรหัสหนังสือ (เช่น อต 0023.14); ตั้งด้วย saraban agencies edit … --code")
        issuer_agency = session.get(Agency, source.sender_agency_id) if source.sender_agency_id else None
        source_issuer = issuer_of(source.sender_text, source.signer_position,
                                  issuer_agency.name if issuer_agency else None)  # fmt: skip
    settings = ctx.settings
    sent_on = (request.when or now_bangkok()).date()
    if request.deadline is None:
        request.deadline = forward_deadline(source.deadline, sent_on, settings.forward_deadline_days)
    request.signer_name = request.signer_name or settings.signer_name
    request.signer_position = request.signer_position or settings.signer_position or None
    request.phone = request.phone or settings.office_phone
    request.email = request.email or settings.office_email
    stamped = template.stem == "stamped"
    groups = [recipients] if request.mode == "circular" else [[r] for r in recipients]
    with ctx.reading() as session:
        # A repeat is refused before the trial render, which would be wasted; the write lock
        # below plans again, for two secretaries pressing at once.
        refuse_repeat(plan_forward(session, source.id, sender.id, [[r.id for r in g] for g in groups], request.again))  # type: ignore[arg-type,misc]
    # Try the template with a dummy number first: a broken template must not burn numbers.
    trial = _content(request, source, source_issuer, sender, groups[0], f"{sender.code}/0", stamped)
    render(template, trial.to_template_data(ctx.settings.digits), out_dir / ".saraban-trial.docx", overwrite=True)
    (out_dir / ".saraban-trial.docx").unlink(missing_ok=True)

    when = (request.when or now_bangkok()).replace(second=0, microsecond=0)
    year = register_year_be(when.date(), ctx.settings.numbering_reset)
    by_id = {r.id: r for r in recipients}
    issued: list[tuple[IssuedLetter, LetterContent]] = []
    with ctx.writing() as session:
        # Planned under the lock, so two clerks pressing "forward" at once issue one set.
        plan = plan_forward(session, source.id, sender.id, [[r.id for r in g] for g in groups], request.again)  # type: ignore[arg-type,misc]
        refuse_repeat(plan)
        issue = _Issue(request, source, source_issuer, sender, stamped, when, year, out_dir)
        for ids in plan.new:
            issued.append(issue.letter(session, actor, [by_id[i] for i in ids]))
        for letter in plan.unfinished:
            issued.append(_unfinished(session, letter, issue))
    out_dir.mkdir(parents=True, exist_ok=True)
    for done, (item, content) in enumerate(issued, start=1):
        assert item.file is not None
        render(
            template,
            content.to_template_data(ctx.settings.digits),
            item.file,
            overwrite=True,
            font=ctx.settings.font_name,
            size=ctx.settings.font_size,
            garuda_image=garuda_for(ctx.settings),
            garuda_height_mm=GARUDA_MM.get(template.stem, 30.0),
            digits=ctx.settings.digits,
        )
        if request.pdf:
            from saraban.letters.render import to_pdf

            item.pdf = to_pdf(item.file, ctx.settings.font_name, ctx.settings.digits)
        if progress:
            progress(done, len(issued))
    _keep_issued(ctx, [item for item, _ in issued])
    notes = []
    if plan.unfinished:
        notes.append(f"เขียนไฟล์ที่ค้างจากการส่งต่อครั้งก่อน {len(plan.unfinished)} ฉบับ ด้วยเลขเดิม (ไม่ออกเลขใหม่)")
    if garuda_for(ctx.settings) is None and template.stem in GARUDA_MM:
        from saraban.letters.garuda import MISSING

        notes.append(MISSING)
    if source.deadline and not request.deadline:
        notes.append(f"กำหนดรายงานของหนังสือที่รับ ({format_thai_date(source.deadline, digits='arabic')}) ผ่านมาแล้ว "
                     "จึงไม่ได้กำหนดให้ผู้รับ (กำหนดใหม่ได้ด้วย --deadline)")  # fmt: skip
    if request.deadline:
        notes.append(f"ขอให้รายงานภายใน {format_thai_date(request.deadline, digits='arabic')}"
                     + (f" (หนังสือที่รับกำหนด {format_thai_date(source.deadline, digits='arabic')})"
                        if source.deadline and source.deadline != request.deadline else ""))  # fmt: skip
    return ForwardResult(source.doc_no, [item for item, _ in issued], notes)
