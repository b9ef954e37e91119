"""Copying the demo database the way an office moves its own: the SQLite file with the folder
of files saraban keeps beside it (received files and the letters it wrote)."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_demo(demo_db: Path, target: Path) -> Path:
    """Copy ``demo_db`` to ``target`` with its ``.files`` store; returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_db, target)
    store = demo_db.with_name(demo_db.name + ".files")
    if store.is_dir():
        shutil.copytree(store, target.with_name(target.name + ".files"), dirs_exist_ok=True)
    return target
