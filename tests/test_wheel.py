"""The built wheel carries migrations and templates, and `saraban db upgrade` works from it."""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_upgrades_a_database(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("saraban-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("saraban/_migrations/versions/") for n in names)
    assert any(n.startswith("saraban/_templates/") and n.endswith(".docx") for n in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    site = next(env_dir.glob("lib/python*/site-packages"))
    # Dependencies come from the test environment; saraban itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
    )
    env = {**os.environ, "SARABAN_HOME": str(tmp_path / "home")}
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import saraban, saraban.paths as p; print(saraban.__file__); print(p.migrations_dir())",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    ).stdout.split()
    assert where[0].startswith(str(env_dir)) and "_migrations" in where[1]
    db = tmp_path / "from-wheel.sqlite"
    result = subprocess.run(
        [str(env_dir / "bin" / "saraban"), "--db", str(db), "db", "upgrade"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    current = subprocess.run(
        [str(env_dir / "bin" / "saraban"), "--db", str(db), "db", "current"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    from saraban.db.migrate import head_revision

    assert current.stdout.startswith(head_revision())
