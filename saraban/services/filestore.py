"""saraban's own copy of every file a letter was read from, kept beside its database.

A clerk receives a letter from wherever the file lies (the Downloads folder, a USB stick, a
shared drive). The register keeps its SHA-256; the file there is the clerk's, and may be moved,
changed or deleted by anyone. So when a letter is first stored, saraban copies the file into
its own store, named by that SHA-256 (the same file received twice is kept once), and
destruction (:mod:`saraban.services.retention`) deletes only these copies, never a path
outside the store. ``audit verify`` checks each copy against its recorded hash.

The store is ``<database>.files/`` beside an SQLite file, and
``<data dir>/files/<server>-<database>/`` for PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from sqlalchemy.engine import Engine

from saraban import paths

_SHA = re.compile(r"^[0-9a-f]{64}$")


def store_root(engine: Engine) -> Path | None:
    """The store of this database (``None`` for an in-memory database)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        database = Path(url.database)
        return database.with_name(database.name + ".files")
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{url.host or 'local'}-{url.port or 5432}-{url.database}")
    return paths.data_dir() / "files" / name


def copy_path(root: Path, sha256: str, suffix: str) -> Path:
    """Where the copy of a file with this hash is kept (``suffix`` as ``.pdf``)."""
    if not _SHA.match(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    clean = suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", suffix or "") else ""
    return root / sha256[:2] / f"{sha256}{clean}"


def digest(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def keep(engine: Engine, source: str | None, sha256: str | None) -> Path | None:
    """Copy ``source`` into the store if it is still the file that was read (its hash is
    ``sha256``); the copy's path, or ``None`` when there is nothing to keep.

    The copy is written beside its final name and renamed into place, so a killed process
    leaves no half file under a hash's name, and running it again finds the copy there.
    """
    root = store_root(engine)
    if root is None or not source or not sha256 or source.startswith("email:"):
        return None
    path = Path(source)
    if not path.is_file():
        return None
    target = copy_path(root, sha256, path.suffix)
    if target.is_file() and digest(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(path, partial)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        if digest(partial) != sha256:
            return None  # the file changed since it was read: what was read is not this
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def kept(engine: Engine, sha256: str | None, source: str | None) -> Path | None:
    """The store's copy of a letter's file, if the store has one."""
    root = store_root(engine)
    if root is None or not sha256 or not _SHA.match(sha256):
        return None
    target = copy_path(root, sha256, Path(source or "").suffix)
    return target if target.is_file() else None


def discard(engine: Engine, sha256: str | None, source: str | None) -> Path | None:
    """Delete the store's copy of a letter's file (only ever a file inside the store)."""
    root = store_root(engine)
    target = kept(engine, sha256, source)
    if root is None or target is None:
        return None
    if not target.resolve().is_relative_to(root.resolve()):
        return None
    target.unlink(missing_ok=True)
    return target
