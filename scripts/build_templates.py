"""Write saraban's shipped DOCX templates into templates/ (run after changing the builder)."""

from pathlib import Path

from saraban.letters.template_builder import build_all

if __name__ == "__main__":
    for path in build_all(Path(__file__).resolve().parents[1] / "templates"):
        print(path)
