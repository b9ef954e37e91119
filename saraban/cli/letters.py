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
        values,
        out,
        font=settings.font_name,
        size=settings.font_size,
        overwrite=overwrite,
        garuda_image=settings.garuda_image,
        garuda_height_mm=15.0 if path.stem == "memo" else 30.0,
    )
    note(f"เขียน {written}")
    if pdf:
        note(f"เขียน {to_pdf(written, settings.font_name)}")


@app.command("templates")
def templates_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the available templates and their placeholders (an office's own templates win)."""
    from saraban.letters.render import list_templates

    found = list_templates(_settings().templates_dir)
    if as_json:
        print_json(
            [{"name": t.name, "origin": t.origin, "path": str(t.path), "placeholders": t.placeholders} for t in found]
        )
        return
    for info in found:
        typer.echo(f"{info.name} ({info.origin}: {info.path})")
        typer.echo("    " + ", ".join(info.placeholders))
