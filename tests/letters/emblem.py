"""A stand-in emblem for tests: red, a little taller than wide, like the Garuda (not the Garuda)."""

from __future__ import annotations

from pathlib import Path

RED = (190, 0, 0, 255)


def draw_emblem(path: Path, size: tuple[int, int] = (300, 340)) -> Path:
    """Write a PNG of a red head-and-wings shape with a transparent background."""
    from PIL import Image, ImageDraw

    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.3, 0, width * 0.7, height * 0.4), fill=RED)
    draw.polygon([(width / 2, height * 0.3), (0, height - 1), (width - 1, height - 1)], fill=RED)
    image.save(path)
    return path


def letter_with_emblem(path: Path, emblem: Path) -> Path:
    """A Word letter as an office has it: a banner image first, then the emblem, then text."""
    import docx
    from docx.shared import Cm
    from PIL import Image

    banner = path.with_name("banner.png")
    Image.new("RGB", (600, 80), (20, 60, 160)).save(banner)
    document = docx.Document()
    document.add_paragraph().add_run().add_picture(str(banner), height=Cm(0.8))
    document.add_paragraph().add_run().add_picture(str(emblem), height=Cm(3))
    document.add_paragraph("ที่ นน ๐๐๒๓.๑๑/ว ๑")
    document.save(str(path))
    return path
