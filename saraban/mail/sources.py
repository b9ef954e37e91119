"""Where exported mail lives: ``.eml`` files, mbox files and Maildir folders."""

from __future__ import annotations

import mailbox
from collections.abc import Iterable, Iterator
from pathlib import Path

from saraban.errors import os_reason


def is_maildir(path: Path) -> bool:
    return path.is_dir() and all((path / d).is_dir() for d in ("cur", "new", "tmp"))


def raw_messages(paths: Iterable[str | Path]) -> Iterator[tuple[str, bytes | str]]:
    """Every message under the paths as (where, raw bytes), or (where, problem) for what cannot
    be opened. A folder is read as a Maildir when it is one, else its files one by one."""
    for item in paths:
        path = Path(item)
        if not path.exists():
            yield str(path), f"{path}: ไม่พบไฟล์"
        elif is_maildir(path):
            box = mailbox.Maildir(str(path), factory=None, create=False)
            for key in sorted(box.keys()):
                yield f"{path}#{key}", box.get_bytes(key)
        elif path.is_dir():
            children = sorted(p for p in path.iterdir() if not p.name.startswith("."))
            yield from raw_messages(children)
        else:
            yield from _file_messages(path)


def _file_messages(path: Path) -> Iterator[tuple[str, bytes | str]]:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
    except OSError as exc:
        yield str(path), f"{path}: เปิดไม่ได้ ({os_reason(exc)})"
        return
    if head == b"From ":
        box = mailbox.mbox(str(path), factory=None, create=False)
        for n, key in enumerate(box.keys()):
            yield f"{path}#{n + 1}", box.get_bytes(key)
    else:
        yield str(path), path.read_bytes()
