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


MEMORY_MB = 1536
"""The address space one program may take (``SARABAN_TOOL_MEMORY_MB`` changes it). Tesseract
took 395 MB for a scanned page at 34 million pixels (the pixel bound is 36 million), 140 MB at
300 dpi; a hostile file that asks more fails alone, in one line, instead of taking the
machine's memory from every other worker."""


def memory_limit_mb() -> int:
    """The memory cap of each program saraban runs, in MiB."""
    raw = os.environ.get("SARABAN_TOOL_MEMORY_MB", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else MEMORY_MB


def bounded(cmd: list[str]) -> list[str]:
    """``cmd`` under its memory cap: util-linux's ``prlimit`` sets the limit in the child alone
    (a ``preexec_fn`` is unsafe with the OCR pool's threads). Without ``prlimit`` (not Linux),
    the time limit still holds."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        return cmd
    return [prlimit, f"--as={memory_limit_mb() * 1024 * 1024}", "--", *cmd]


def run(cmd: list[str], *, timeout: float, what: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a program within its time and memory limits; a failure becomes a one-line
    :class:`UnreadableFile`."""
    try:
        done = subprocess.run(
            bounded(cmd), capture_output=True, timeout=timeout, cwd=cwd, env=single_thread_env(), check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise UnreadableFile(f"{what}: ใช้เวลาเกิน {timeout:.0f} วินาที จึงหยุดอ่าน") from exc
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        if _out_of_memory(message):
            raise UnreadableFile(f"{what}: ใช้หน่วยความจำเกิน {memory_limit_mb()} MB จึงหยุดอ่าน")
        detail = message[-1] if message else f"exit {done.returncode}"
        raise UnreadableFile(f"{what}: {detail}")
    return done


_NO_MEMORY = ("bad_alloc", "out of memory", "cannot allocate", "failed to map", "malloc fail", "alloc fail",
              "no pix returned")  # fmt: skip
"""What a program under its cap says when an allocation is refused (C++, the loader, leptonica)."""


def _out_of_memory(message: list[str]) -> bool:
    """Whether a program died for want of memory: only said when its own words say so (or
    leptonica's, which says 'no pix returned' when the page's pixels could not be allocated)."""
    text = " ".join(message).lower()
    return any(words in text for words in _NO_MEMORY)
