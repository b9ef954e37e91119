"""``saraban letter``: rendering templates from plain data; listing templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from saraban.cli.output import note, print_json
from saraban.errors import InvalidInput

app = typer.Typer(help="Letters from DOCX templates (หนังสือราชการ)", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from saraban.settings import load_settings

    return load_settings()


@app.command("render")
def render_command(
    template: Annotated[str, typer.Argument(help="Template name (external, memo, stamped, …) or a .docx path.")],
    data: Annotated[Path, typer.Option("--data", help="JSON file with the placeholders' values.")],
    out: Annotated[Path, typer.Option("--out", help="The .docx to write.")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing file.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF (needs LibreOffice).")] = False,
) -> None:
    """Render any template from plain data (for offices testing their own templates)."""
    from saraban.letters.content import complete
    from saraban.letters.garuda import MISSING, garuda_for
    from saraban.letters.render import find_template, render, to_pdf

    settings = _settings()
    try:
        values = json.loads(data.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{data}: อ่านข้อมูล JSON ไม่ได้ ({exc})") from exc
    if not isinstance(values, dict):
        raise InvalidInput(f"{data}: ข้อมูลต้องเป็น JSON object")
    path = find_template(template, settings.templates_dir)
    written = render(
        path,
        complete(values),
        out,
        font=settings.font_name,
        size=settings.font_size,
        overwrite=overwrite,
        garuda_image=garuda_for(settings),
        garuda_height_mm=15.0 if path.stem == "memo" else 30.0,
        digits=settings.digits,
    )
    note(f"เขียน {written}")
    if garuda_for(settings) is None:
        note(MISSING)
    if pdf:
        note(f"เขียน {to_pdf(written, settings.font_name, settings.digits)}")


@app.command("templates")
def templates_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the available templates and their placeholders (an office's own templates win)."""
    from saraban.letters.garuda import MISSING, current
    from saraban.letters.render import list_templates

    settings = _settings()
    found = list_templates(settings.templates_dir)
    garuda = current(settings)
    if as_json:
        print_json(
            [{"name": t.name, "origin": t.origin, "path": str(t.path), "placeholders": t.placeholders,
              "garuda": str(garuda.path) if garuda else None} for t in found]
        )  # fmt: skip
        return
    if garuda:
        typer.echo(f"ภาพครุฑ: {garuda.path} ({garuda.width}×{garuda.height} จุด จาก {garuda.source})")
    else:
        typer.echo(MISSING)
    for info in found:
        typer.echo(f"{info.name} ({info.origin}: {info.path})")
        typer.echo("    " + ", ".join(info.placeholders))


@app.command("garuda")
def garuda_command(
    source: Annotated[
        Path | None, typer.Argument(help="A Word letter the office uses (.docx) or an image of the emblem.")
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Forget the stored emblem (letters keep its space).")] = (
        False
    ),
) -> None:
    """Take the Garuda emblem from an existing letter or an image, check it and keep it for letters."""
    from saraban.letters.garuda import remove_garuda, take_garuda

    if remove:
        if source is not None:
            raise InvalidInput("ใช้ --remove โดยไม่ต้องระบุไฟล์")
        removed = remove_garuda()
        if removed is None:
            note("ไม่มีภาพครุฑที่ saraban เก็บไว้")
        else:
            note(f"ลบภาพครุฑ {removed} แล้ว: หนังสือจะเว้นที่ว่างไว้สำหรับกระดาษตราครุฑ")
        setting = _settings().garuda_image
        if setting:
            note(f"การตั้งค่า garuda_image ยังชี้ไปที่ {setting} (ไฟล์นั้นไม่ถูกลบ)")
        return
    if source is None:
        raise InvalidInput("ระบุไฟล์หนังสือ (.docx) หรือภาพตราครุฑ หรือใช้ --remove")
    garuda = take_garuda(source)
    note(f"เก็บภาพครุฑจาก {garuda.source}: {garuda.width}×{garuda.height} จุด → {garuda.path}")
