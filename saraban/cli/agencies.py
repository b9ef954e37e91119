"""``saraban agencies``: the directory of offices."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json, print_table
from saraban.cli.state import state_of

app = typer.Typer(help="Agency directory (ทะเบียนหน่วยงาน)", no_args_is_help=True)


@app.command("list")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    level: Annotated[str | None, typer.Option(help="Only this level.")] = None,
    search: Annotated[str | None, typer.Option(help="Name, short name or code contains.")] = None,
) -> None:
    """List agencies."""
    from saraban.services.directory import list_agencies

    with state_of(ctx).context().reading() as session:
        rows = list_agencies(session, level=level, search=search)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    from saraban.db.tables import LEVEL_NAMES

    print_table(
        f"หน่วยงาน {len(rows)} แห่ง",
        ["id", "ชื่อ", "ชื่อย่อ", "รหัส", "ระดับ", "สังกัด"],
        [(r.id, r.name, r.short_name, r.code, LEVEL_NAMES.get(r.level, r.level), r.parent) for r in rows],
    )


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Thai name of the office.")],
    short: Annotated[str | None, typer.Option("--short", help="Short name, e.g. สถ.อ.ลับแล")] = None,
    code: Annotated[str | None, typer.Option("--code", help='Letter code, e.g. "อต 0023.14".')] = None,
    level: Annotated[
        str, typer.Option("--level", help="ministry|department|division|province|district|local")
    ] = "other",
    parent: Annotated[str | None, typer.Option("--parent", help="Parent agency (code or name).")] = None,
) -> None:
    """Add an agency."""
    from saraban.services.directory import add_agency

    with state_of(ctx).context().administering("เพิ่มหน่วยงาน") as session:
        agency = add_agency(session, name, short_name=short, code=code, level=level, parent=parent)
        note(f"เพิ่มหน่วยงาน '{agency.name}' (id {agency.id}) แล้ว")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="DLA open-data CSV of local bodies.")],
) -> None:
    """Import the DLA list of local bodies: district offices and local bodies under their province."""
    from saraban.services.directory import import_dla_file

    with state_of(ctx).context().administering("นำเข้าทะเบียนหน่วยงาน") as session:
        summary = import_dla_file(session, file)
    for problem in summary.problems:
        note(problem)
    note(
        f"อ่าน {summary.rows} แถว: สร้างสำนักงานอำเภอ {summary.districts_created} แห่ง, "
        f"อปท. ใหม่ {summary.bodies_created} แห่ง (มีอยู่แล้ว {summary.bodies_existing})"
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    agency: Annotated[str, typer.Argument(help="Agency (code or name).")],
    name: Annotated[str | None, typer.Option("--name", help="New Thai name.")] = None,
    short: Annotated[str | None, typer.Option("--short", help="Short name.")] = None,
    code: Annotated[str | None, typer.Option("--code", help="Letter code.")] = None,
    level: Annotated[str | None, typer.Option("--level", help="Level.")] = None,
    parent: Annotated[str | None, typer.Option("--parent", help="Parent agency.")] = None,
    reviewed: Annotated[bool, typer.Option("--reviewed", help="Mark as checked by a person.")] = False,
    email: Annotated[str | None, typer.Option("--email", help="The office's saraban@ mailbox.")] = None,
) -> None:
    """Edit an agency (name, code, level, parent, e-mail) or mark it reviewed."""
    from saraban.services.directory import edit_agency

    with state_of(ctx).context().administering("แก้ไขหน่วยงาน") as session:
        changed = edit_agency(
            session, agency, name=name, short_name=short, code=code, level=level, parent=parent, reviewed=reviewed,
            email=email,
        )
        note(f"แก้ไข '{changed.name}' แล้ว")


@app.command("review")
def review(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """List the agencies saraban created from letters, for an administrator to confirm, rename or merge."""
    from saraban.db.tables import LEVEL_NAMES
    from saraban.services.agency_review import for_review

    with state_of(ctx).context().reading() as session:
        rows = [(a.id, a.name, a.code or "", a.level) for a in for_review(session)]
    if as_json:
        print_json([{"id": i, "name": n, "code": c or None, "level": lv} for i, n, c, lv in rows])
        return
    print_table("หน่วยงานรอตรวจ", ["id", "ชื่อ", "รหัสหนังสือ", "ระดับ"],
                [(i, n, c, LEVEL_NAMES.get(lv, lv)) for i, n, c, lv in rows])  # fmt: skip
    note("ยืนยัน: agencies edit ID --reviewed [--name …] · รวม: agencies merge ID --into หน่วยงานจริง")


@app.command("merge")
def merge(
    ctx: typer.Context,
    duplicate: Annotated[str, typer.Argument(help="The agency to merge away (id, code or name).")],
    into: Annotated[str, typer.Option("--into", help="The agency that stays.")],
) -> None:
    """Merge a duplicate agency into the real one: its letters, receipts, events and code move over."""
    from saraban.services.agency_review import merge_agency

    with state_of(ctx).context().administering("รวมหน่วยงาน") as session:
        kept, moved = merge_agency(session, duplicate, into)
        note(f"รวมเข้ากับ '{kept.name}' แล้ว ({moved} รายการย้ายมา)")
