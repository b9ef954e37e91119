import pytest

from saraban.db.engine import normalise_url
from saraban.errors import InvalidInput
from saraban.settings import Settings, load_settings, save_settings


def test_settings_file_and_environment(tmp_path, monkeypatch) -> None:
    path = tmp_path / "settings.toml"
    save_settings(Settings(office="อต 0023.14", digits="arabic", extra={"custom": "kept"}), path)
    monkeypatch.setenv("SARABAN_FONT_SIZE", "18")
    settings = load_settings(path)
    assert settings.office == "อต 0023.14" and settings.digits == "arabic" and settings.font_size == 18
    assert settings.extra == {"custom": "kept"}


def test_bad_settings_are_explained(tmp_path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('digits = "roman"\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="digits"):
        load_settings(path)


def test_database_urls(isolated_home) -> None:
    assert normalise_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert normalise_url(None).startswith("sqlite:///") and str(isolated_home) in normalise_url(None)
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
