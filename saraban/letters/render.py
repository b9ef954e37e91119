"""Rendering DOCX templates: find, fill (in a sandbox), fix the fonts, save, and convert to PDF.

This module knows docxtpl and python-docx only: no database and no UI. Templates render in a
Jinja sandbox with strict undefined values, so a template cannot reach outside the data it
is given, and a missing field is an error that names the field and the template.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saraban import paths
from saraban.errors import TemplateProblem
from saraban.thai.digits import to_thai

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@dataclass
class TemplateInfo:
    """A template a user can render, where it comes from, and its placeholders."""

    name: str
    path: Path
    origin: str
    """``office`` (the office's own folder) or ``shipped``."""
    placeholders: list[str]


def template_dirs(office_dir: str | None) -> list[tuple[str, Path]]:
    """Where templates are looked for, the office's folder first."""
    dirs = []
    if office_dir:
        dirs.append(("office", Path(office_dir).expanduser()))
    dirs.append(("shipped", paths.shipped_templates_dir()))
    return dirs


def find_template(name: str, office_dir: str | None = None) -> Path:
    """The template file for a name (``external``) or a path to a .docx.

    Raises:
        TemplateProblem: No such template.
    """
    candidate = Path(name).expanduser()
    if candidate.suffix.lower() == ".docx" and candidate.is_file():
        return candidate
    stem = candidate.stem if candidate.suffix.lower() == ".docx" else name
    for _origin, folder in template_dirs(office_dir):
        path = folder / f"{stem}.docx"
        if path.is_file():
            return path
    known = ", ".join(t.name for t in list_templates(office_dir)) or "ไม่มี"
    raise TemplateProblem(f"ไม่พบแม่แบบ '{name}' (มี: {known})")


def _environment():  # type: ignore[no-untyped-def]
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # An absent value (JSON null: a letter with no secrecy or urgency) prints as nothing,
    # never as "None" in red at the top of the page.
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True,
                               finalize=lambda value: "" if value is None else value)  # fmt: skip
    env.filters["thai_digits"] = lambda value: to_thai(str(value))
    return env


def placeholders(path: Path) -> list[str]:
    """The top-level names a template uses."""
    from docxtpl import DocxTemplate

    try:
        return sorted(DocxTemplate(str(path)).get_undeclared_template_variables(_environment()))
    except Exception as exc:
        return [f"(อ่านแม่แบบไม่ได้: {exc})"]


def list_templates(office_dir: str | None = None) -> list[TemplateInfo]:
    """Every available template; an office template hides a shipped one of the same name."""
    found: dict[str, TemplateInfo] = {}
    for origin, folder in template_dirs(office_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.docx")):
            if path.stem not in found and not path.name.startswith("~$"):
                found[path.stem] = TemplateInfo(path.stem, path, origin, [])
    for info in found.values():
        info.placeholders = placeholders(info.path)
    return sorted(found.values(), key=lambda t: t.name)


def safe_filename(name: str, suffix: str = ".docx", limit: int = 120) -> str:
    """A file name that every platform accepts: no separators or reserved names, bounded length.

    Thai letters are kept; ``/`` in letter numbers becomes ``-`` (``อต 0023.3-ว 5551.docx``).
    """
    text = unicodedata.normalize("NFC", name).replace("/", "-")
    text = _UNSAFE.sub("_", text).strip(" .")
    if not text or text.upper().split(".")[0] in _RESERVED:
        text = f"_{text}"
    encoded = text.encode("utf-8")[:limit]
    text = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    return text + suffix


def unique_path(folder: Path, filename: str) -> Path:
    """``folder/filename``, or with ``(2)``, ``(3)`` … so nothing existing is overwritten."""
    path = folder / filename
    counter = 2
    while path.exists():
        path = folder / f"{Path(filename).stem} ({counter}){Path(filename).suffix}"
        counter += 1
    return path


def render(
    template: Path,
    data: dict[str, Any],
    out: Path,
    *,
    font: str = "TH Sarabun New",
    size: int = 16,
    overwrite: bool = False,
    garuda_image: str | None = None,
    garuda_height_mm: float | None = None,
    digits: str = "thai",
) -> Path:
    """Render one template to ``out``.

    Args:
        template: The .docx template.
        data: Plain data for the placeholders (strings, numbers, lists, dicts).
        out: Where to write the document.
        font: Font for Latin and Thai (complex-script) text.
        size: Font size in points for body text.
        overwrite: Replace ``out`` if it exists (otherwise an error).
        garuda_image: Image of the Garuda emblem; without one, the template keeps the space.
        garuda_height_mm: Height of the emblem (30 mm on external letters, 15 mm on memos).
        digits: ``thai`` or ``arabic``: how page numbers are written.

    Raises:
        TemplateProblem: A missing field, a Jinja error (with the paragraph), a forbidden
            access, or an existing output file.
    """
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    from saraban.letters.docx_format import apply_document_font

    if out.exists() and not overwrite:
        raise TemplateProblem(f"{out} มีอยู่แล้ว; ไม่เขียนทับ (ใช้ --overwrite ถ้าต้องการ)")
    try:
        document = DocxTemplate(str(template))
    except Exception as exc:
        raise TemplateProblem(f"เปิดแม่แบบ {template} ไม่ได้: {exc}") from exc
    context = dict(data)
    context.setdefault("garuda", "")
    if garuda_image and garuda_height_mm:
        image = Path(garuda_image).expanduser()
        if not image.is_file():
            raise TemplateProblem(f"ไม่พบไฟล์ภาพครุฑ {image} (การตั้งค่า garuda_image)")
        context["garuda"] = InlineImage(document, str(image), height=Mm(garuda_height_mm))
    environment = _environment()
    # Name every missing field at once: an office fixing its template should not meet them one by one.
    try:
        wanted = document.get_undeclared_template_variables(environment)
    except Exception:  # a template Jinja cannot even read: the render below reports where
        wanted = set()
    missing = sorted(name for name in wanted if name not in context and name not in environment.globals)
    if missing:
        raise TemplateProblem(
            f"แม่แบบ {template.name}: ไม่มีข้อมูลสำหรับช่อง {', '.join(repr(m) for m in missing)} (missing field)"
        )
    try:
        document.render(context, environment, autoescape=True)
    except UndefinedError as exc:
        field = re.search(r"'([^']+)' is undefined", str(exc))
        name = field[1] if field else str(exc)
        raise TemplateProblem(f"แม่แบบ {template.name}: ไม่มีข้อมูลสำหรับช่อง '{name}' (missing field)") from exc
    except SecurityError as exc:
        raise TemplateProblem(f"แม่แบบ {template.name}: ใช้คำสั่งที่ไม่อนุญาต ({exc})") from exc
    except TemplateSyntaxError as exc:
        around = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())[:200]
        raise TemplateProblem(
            f"แม่แบบ {template.name}: คำสั่ง Jinja ผิดที่ย่อหน้าประมาณที่ {exc.lineno}: {exc.message} [{around}]"
        ) from exc
    except TemplateError as exc:
        raise TemplateProblem(f"แม่แบบ {template.name}: {exc}") from exc
    # docxtpl copies the template's run properties; make every run use the office's font
    # in both its Latin and complex-script attributes (on the rendered document, saved once).
    apply_document_font(document.docx, font, size)
    _lay_out(document.docx, context, digits)
    _describe(document.docx, context)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed into place: a file at ``out`` is always whole, even after a
    # kill mid-write (forward counts a letter as written when its file exists).
    part = out.with_name(f".{out.name}.part")
    try:
        document.save(str(part))
        os.replace(part, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(out)) from exc  # the person named out, not the .part
    return out


def _describe(document, data: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    """The file's own properties say what it is: the office wrote it, on the subject, now
    (python-docx's default template says "python-docx", 2013, which a PDF then repeats)."""
    from datetime import UTC, datetime

    properties = document.core_properties
    office = str(data.get("office_name") or data.get("agency") or "")
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)  # the file format's times are UTC
    properties.author = properties.last_modified_by = office
    # A secret letter's subject stays inside it: file browsers show the title unopened.
    properties.title = "" if data.get("secrecy") else str(data.get("subject") or data.get("title") or "")
    properties.subject = properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = now
    properties.revision = 1


def _lay_out(document, data: dict[str, Any], digits: str) -> None:  # type: ignore[no-untyped-def]
    """What a template cannot say by itself: where the office block starts for this office's
    name, that the body's last lines go with the signature, and the page numbers' digits."""
    from docx.shared import Cm

    from saraban.letters.docx_parts import OFFICE_STYLE, SIGNATURE_STYLE, set_page_number_format

    for section in document.sections:
        set_page_number_format(section, digits)
    styles = {style.name for style in document.styles}
    tab = data.get("office_tab_cm")
    if OFFICE_STYLE in styles and isinstance(tab, int | float) and 4.0 <= tab <= 12.0:
        office = document.styles[OFFICE_STYLE].paragraph_format
        office.tab_stops.clear_all()
        office.tab_stops.add_tab_stop(Cm(tab))
        office.left_indent, office.first_line_indent = Cm(tab), -Cm(tab)
    if SIGNATURE_STYLE in styles:
        paragraphs = document.paragraphs
        signed = [i for i, p in enumerate(paragraphs) if p.style.name == SIGNATURE_STYLE]
        first = signed[0] if signed else None
        # The body's last paragraph goes with the signature block: a page never holds only a
        # signature, and widow control carries at least its last two lines over with it.
        before = next((p for p in reversed(paragraphs[:first or 0]) if p.text.strip()), None)
        if before is not None:
            before.paragraph_format.keep_with_next = True
        if signed:
            _blocks_after_the_signature(paragraphs, signed[-1])


WHOLE_BLOCK = 10
"""Lines of a block after the signature (the owning unit's, a distribution list) kept on one page."""


def _blocks_after_the_signature(paragraphs: list, last: int) -> None:  # type: ignore[type-arg]
    """The signature block ends at the position (or a stamped letter's date): the owning
    unit's lines and the distribution list below stand apart, each kept whole. Tied to the
    signature, about 9 cm moved as one and a one-page letter took two; left loose, an e-mail
    line or a list's last names stood alone on the next page."""
    from docx.shared import Pt

    end = last if paragraphs[last].text.strip() else last + 1
    if end >= len(paragraphs):
        return
    paragraphs[end].paragraph_format.keep_with_next = False
    blocks: list[list] = []  # type: ignore[type-arg]
    for paragraph in paragraphs[end + 1:]:
        if not paragraph.text.strip():
            continue
        opens = (paragraph.paragraph_format.space_before or 0) >= Pt(12)
        if opens or not blocks:
            blocks.append([])
        blocks[-1].append(paragraph)
    for block in blocks:
        # Whole up to WHOLE_BLOCK lines; a longer list (a province's all districts) only ties
        # its title to its first names and keeps its last two together, or it would leave a
        # page half empty to move as one.
        tied = block[:-1] if len(block) <= WHOLE_BLOCK else [*block[:2], block[-2]]
        for paragraph in block:
            paragraph.paragraph_format.keep_with_next = paragraph in tied


def libreoffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def font_installed(family: str) -> bool:
    """Whether fontconfig (which LibreOffice uses) has this family itself, not a substitute."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False
    found = subprocess.run([fc_match, "-f", "%{family}", family], capture_output=True, text=True, timeout=30)
    return family.lower() in found.stdout.lower().split(",")


_NUMERALS = {"arabic": 0, "thai": 3}
"""LibreOffice's numeral shapes: 0 draws digits as written; 3 ("context") draws the digits of
Thai-language text as Thai digits, which is how a page number field prints ๒ rather than 2
(LibreOffice 7.4 reads Word's ``thaiNumbers`` page format as plain decimal)."""


PROFILES = 4
"""LibreOffice profiles kept per numeral shape: as many conversions can run at once."""


@contextmanager
def _profile(digits: str) -> Iterator[Path]:
    """A LibreOffice profile of saraban's own, held for one conversion: a conversion neither
    waits for nor changes the user's running LibreOffice, and has the numeral shape the
    letter's digits need.

    One LibreOffice runs per profile at a time (a second would hand its work to the first
    and return before the PDF exists), so a process takes the first profile nobody holds and
    waits only when all :data:`PROFILES` are busy. The lock is the operating system's: it is
    let go when a process dies, even by ``kill -9``.
    """
    import fcntl

    root = paths.cache_dir() / "libreoffice" / digits
    root.mkdir(parents=True, exist_ok=True)
    for slot in range(PROFILES):
        lock = open(root / f"{slot}.lock", "w")  # held until the conversion ends
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            continue
        break
    else:
        slot = os.getpid() % PROFILES
        lock = open(root / f"{slot}.lock", "w")
        fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        yield _prepared(root / str(slot), digits)
    finally:
        lock.close()


def _prepared(folder: Path, digits: str) -> Path:
    settings = folder / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Common/I18N/CTL">'
            f'<prop oor:name="CTLTextNumerals" oor:op="fuse"><value>{_NUMERALS[digits]}</value></prop></item>\n'
            "</oor:items>\n",
            encoding="utf-8",
        )
    return folder


def to_pdf(docx_path: Path, font: str = "TH Sarabun New", digits: str = "thai") -> Path:
    """Convert a DOCX to PDF beside it with LibreOffice, in the letter's own font.

    Raises:
        TemplateProblem: LibreOffice is not installed (the message says what to install), the
            font is missing (LibreOffice would substitute one about 1.5 times wider and the letter
            would run longer), or the conversion failed.
    """

    if not font_installed(font):
        raise TemplateProblem(
            f"ไม่พบฟอนต์ {font} ในเครื่อง LibreOffice จะใช้ฟอนต์อื่นแทนและหนังสือจะยาวผิดไป: "
            "ติดตั้งด้วย 'bash scripts/fonts.sh' หรือคัดลอกไฟล์ฟอนต์ไปที่ ~/.local/share/fonts แล้ว fc-cache"
        )
    office = libreoffice()
    if office is None:
        raise TemplateProblem(
            "ต้องติดตั้ง LibreOffice เพื่อสร้าง PDF (เช่น sudo apt-get install libreoffice-writer) "
            "หรือเปิดไฟล์ .docx แล้วบันทึกเป็น PDF เอง"
        )
    with _profile(digits if digits in _NUMERALS else "thai") as profile:
        result = subprocess.run(
            [office, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(docx_path.parent), str(docx_path)],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )  # fmt: skip
    pdf = docx_path.with_suffix(".pdf")
    if result.returncode or not pdf.exists():
        raise TemplateProblem(f"LibreOffice แปลง {docx_path.name} เป็น PDF ไม่สำเร็จ: {result.stderr.strip()[:300]}")
    return pdf
