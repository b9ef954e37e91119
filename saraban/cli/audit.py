"""``saraban audit``: proving the log was not altered."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json
from saraban.cli.state import state_of

app = typer.Typer(help="Audit: verify the hash-chained log (ตรวจสอบ)", no_args_is_help=True)


@app.command("verify")
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    checkpoint: Annotated[
        Path | None, typer.Option("--checkpoint", help="A checkpoint the log must still extend.")
    ] = None,
    key_id: Annotated[
        str | None, typer.Option("--key-id", help="The key id the checkpoint must be signed with.")
    ] = None,
    printed_head: Annotated[
        str | None, typer.Option("--head", help="LENGTH:HASH as printed on a register or routing report.")
    ] = None,
) -> None:
    """Recompute the chain, check every record against it and against a checkpoint; exit
    non-zero naming each problem."""
    from saraban.services.checkpoint import extends, extends_head, parse_head, read_checkpoint
    from saraban.services.ledger import verify as verify_chain

    trusted = key_id or state_of(ctx).context().settings.checkpoint_key_id
    anchor = read_checkpoint(checkpoint, trusted) if checkpoint else None
    paper = parse_head(printed_head) if printed_head else None
    with state_of(ctx).context().reading() as session:
        report = verify_chain(session)
        if paper is not None:
            report.problems = extends_head(report.chain, *paper, "ปลายบันทึกที่พิมพ์ไว้") + report.problems
        if anchor is not None:
            report.problems = extends(report.chain, anchor) + report.problems
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "records": report.records,
                "entries": report.entries,
                "events": report.events,
                "rows": report.rows,
                "hidden": report.hidden,
                "head": report.head,
                "checkpoint": anchor.to_json() if anchor else None,
                "problems": report.problems,
            }
        )
    elif report.ok:
        typer.echo(
            f"ok: บันทึก {report.records} รายการ ตรวจแถวข้อมูล {report.rows} แถว "
            f"(ทะเบียน {report.entries} รายการ เหตุการณ์ส่งต่อ {report.events} รายการ); ปลายสาย {report.head}"
            + (f"; ต่อจากจุดตรวจ {anchor.length} รายการ ({anchor.at}, กุญแจ {anchor.key_id})" if anchor else "")
        )
    if report.hidden:
        note(
            f"saraban: แถวของหนังสือลับ {report.hidden} แถวไม่ได้เทียบ (ฐานข้อมูลไม่ให้ผู้ใช้นี้อ่าน); "
            "ลำดับเลขทะเบียนตรวจครบแล้ว ผู้ตรวจสอบที่มีสิทธิ์ชั้นความลับตรวจเทียบได้"
        )
    for problem in report.problems:
        note(f"saraban: ตรวจไม่ผ่าน: {problem}")
    if not report.ok:
        raise typer.Exit(1)


@app.command("log")
def log_command(
    ctx: typer.Context,
    action: Annotated[
        str | None, typer.Option("--action", help="ลงทะเบียนรับ, ยกเลิก, แก้ไข, เกษียน … or receive, void, amend.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who acted (part of the name).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many, newest first.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (action keys in English).")] = False,
) -> None:
    """Browse the ledger, newest first (what the app's audit screen lists)."""
    from saraban.cli.output import print_table
    from saraban.services.context import ROLE_NAMES
    from saraban.services.ledger import list_records
    from saraban.services.ledger_names import action_name
    from saraban.services.record_names import record_subjects
    from saraban.thai.dates import format_thai_datetime

    with state_of(ctx).context().reading() as session:
        records = list_records(session, action=action, actor=actor, limit=max(1, min(limit, 10_000)))
        subjects = record_subjects(session, records)
    if as_json:
        print_json([
            {"seq": r.seq, "at": r.at.isoformat(timespec="seconds"), "actor": r.actor, "role": r.role,
             "action": r.action, "entity": r.entity, "entity_id": r.entity_id, "subject": subject, "hash": r.hash}
            for r, subject in zip(records, subjects, strict=True)
        ])  # fmt: skip
        return
    print_table(
        "บันทึกการทำรายการ (ล่าสุดก่อน)",
        ["ลำดับ", "วันเวลา", "ผู้ทำ", "บทบาท", "การกระทำ", "รายการ", "แฮช"],
        [
            (r.seq, format_thai_datetime(r.at, digits="arabic"), r.actor, ROLE_NAMES.get(r.role, r.role),
             action_name(r.action), subject, r.hash[:16])
            for r, subject in zip(records, subjects, strict=True)
        ],
    )  # fmt: skip


@app.command("keygen")
def keygen(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Where to write the private key (kept off the database).")],
) -> None:
    """Make the Ed25519 key that signs checkpoints (administrator or auditor; never overwritten)."""
    from saraban.services.checkpoint import generate_key

    state_of(ctx).context().require_role({"admin", "auditor"}, "สร้างกุญแจลงนามจุดตรวจ")
    note(f"เขียนกุญแจ {out} (รหัสกุญแจ {generate_key(out)}); เก็บไว้นอกเครื่องฐานข้อมูล")


@app.command("checkpoint")
def checkpoint_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="The checkpoint file to write.")],
    key: Annotated[
        Path, typer.Option("--key", envvar="SARABAN_AUDIT_KEY", help="The Ed25519 private key (audit keygen).")
    ],
) -> None:
    """Write a signed checkpoint of the log: its length and head, for audit verify --checkpoint."""
    from saraban.services.checkpoint import make_checkpoint, write_checkpoint

    context = state_of(ctx).context()
    context.require_role({"admin", "auditor"}, "ลงนามจุดตรวจ")
    with context.reading() as session:
        made = make_checkpoint(session, key)
    write_checkpoint(made, out)
    typer.echo(f"จุดตรวจ {made.length} รายการ ปลายสาย {made.head} ลงนามด้วยกุญแจ {made.key_id}: {out}")
