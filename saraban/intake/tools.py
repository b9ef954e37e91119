"""The system programs the reading pipeline runs: poppler's PDF tools and Tesseract.

They come from Debian's packages (``poppler-utils``, ``tesseract-ocr``, ``tesseract-ocr-tha``);
when one is missing, :func:`require` raises :class:`MissingTool` with one line saying what to
install. Every run has a time limit, so a hostile or broken file cannot hang a command.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from saraban.errors import MissingTool, UnreadableFile

PACKAGES = {
    "pdfinfo": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfimages": "poppler-utils",
    "tesseract": "tesseract-ocr tesseract-ocr-tha",
}


def require(tool: str) -> str:
    """The path of a system program, or :class:`MissingTool` naming the package to install."""
    found = shutil.which(tool)
    if found is None:
        raise MissingTool(f"ไม่พบโปรแกรม {tool}: ติดตั้งด้วย 'apt-get install {PACKAGES.get(tool, tool)}'")
    return found


@functools.cache
def tesseract_languages() -> frozenset[str]:
    """The languages the installed Tesseract can read."""
    out = run([require("tesseract"), "--list-langs"], timeout=30, what="tesseract --list-langs")
    return frozenset(line.strip() for line in out.stdout.decode(errors="replace").splitlines()[1:] if line.strip())


def require_tesseract() -> str:
    """Tesseract with its Thai model, or :class:`MissingTool`."""
    path = require("tesseract")
    if "tha" not in tesseract_languages():
        raise MissingTool("Tesseract ไม่มีภาษาไทย: ติดตั้งด้วย 'apt-get install tesseract-ocr-tha'")
    return path


def single_thread_env() -> dict[str, str]:
    """The environment for one Tesseract process per core.

    Tesseract's OpenMP threads fight each other on small machines (33 s for a page with the
    default threads against 5.7 s with one on two cores), so saraban runs one single-threaded
    process per page and parallelises by page instead.
    """
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run(cmd: list[str], *, timeout: float, what: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a program with a time limit; its failure becomes a one-line :class:`UnreadableFile`."""
    try:
        done = subprocess.run(
            cmd, capture_output=True, timeout=timeout, cwd=cwd, env=single_thread_env(), check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableFile(f"{what}: ใช้เวลาเกิน {timeout:.0f} วินาที จึงหยุดอ่าน") from exc
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        detail = message[-1] if message else f"exit {done.returncode}"
        raise UnreadableFile(f"{what}: {detail}")
    return done
