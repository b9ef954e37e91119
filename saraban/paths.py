"""Where saraban keeps its files.

Every function is lazy: nothing is computed at import time, so tests and portable installs
can set ``SARABAN_HOME`` before the first call and have every file land in one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "saraban"


def home() -> Path | None:
    """The folder named by ``SARABAN_HOME``, if set (created on first use)."""
    value = os.environ.get("SARABAN_HOME")
    if not value:
        return None
    path = Path(value).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Folder for the database and other data (platformdirs' user data dir by default)."""
    root = home()
    if root is None:
        import platformdirs

        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def config_dir() -> Path:
    """Folder for ``settings.toml``."""
    root = home()
    if root is None:
        import platformdirs

        root = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def cache_dir() -> Path:
    """Folder for things saraban can rebuild (LibreOffice's profiles): ``SARABAN_CACHE_DIR``;
    else ``cache`` in ``SARABAN_HOME``, so a saraban kept in its own folder keeps everything
    there and two homes never share; else the user's cache folder."""
    override = os.environ.get("SARABAN_CACHE_DIR")
    root = home()
    if override:
        path = Path(override).expanduser()
    elif root is not None:
        path = root / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_file() -> Path:
    """The settings file; ``SARABAN_CONFIG_FILE`` names another one."""
    override = os.environ.get("SARABAN_CONFIG_FILE")
    return Path(override).expanduser() if override else config_dir() / "settings.toml"


def default_db_path() -> Path:
    """The embedded SQLite database used when no URL is configured."""
    return data_dir() / "saraban.sqlite"


DEMO_OFFICE = "นน 0023.11"
"""The demo's office (สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอท่าวังผา): here, beside the demo's
file, because the settings open the demo before anything of the demo package is loaded."""


def demo_db_path() -> Path:
    """The demo database ``saraban demo`` builds (never the office's own)."""
    return data_dir() / "demo.sqlite"


def output_dir() -> Path:
    """Default folder for generated letters and reports."""
    path = data_dir() / "output"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _bundled(name: str) -> Path:
    """A folder shipped in the wheel (``saraban/_name``) or, in a source checkout, at the top level."""
    package_dir = Path(__file__).resolve().parent
    packaged = package_dir / f"_{name}"
    if packaged.is_dir():
        return packaged
    return package_dir.parent / name


def migrations_dir() -> Path:
    """The Alembic script folder."""
    return _bundled("migrations")


def shipped_templates_dir() -> Path:
    """The DOCX templates that ship with saraban."""
    return _bundled("templates")
