"""Train the glyph classifier of the digit reader (``saraban/digits/model.npz``).

Digits (Thai ๐–๙ and Arabic 0–9), the marks of numbers (/ . : -) and, as "anything else",
Thai and Latin letters are rendered in the fonts Thai offices print with — TH Sarabun New,
the TLWG family (Laksaman is TH SarabunPSK's free twin, Norasi and Kinnari are Angsana's and
Browallia's kin), Sarabun and Noto Sans Thai — and in handwriting-style Thai fonts (Itim,
Sriracha, Mali, Charmonman, Kodchasan, Purisa), then damaged as real scans are: 96–300 dpi,
blur, JPEG, speckle, ink bleed or thinning, skew, and for handwriting a bent baseline and
uneven strokes. Each sample goes through the very functions the reader uses at run time
(:mod:`saraban.digits.glyphs`), so the model learns what it will be shown.

    python scripts/train_digits.py                   # the shipped model (about 3 minutes, 2 cores)
    python scripts/train_digits.py --quick --out /tmp/m.npz    # a small run (tests)

The fonts come from Debian's ``fonts-thai-tlwg``, the TH Sarabun New faces ``make test``
installs, and npm packages (``@fontsource/…``) unpacked into ``--fonts`` on first use; the
result depends only on the fonts and ``--seed``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from saraban.digits import glyphs  # noqa: E402
from saraban.digits.model import LABELS, MODEL_PATH, OTHER, save  # noqa: E402

NPM_FONTS = {
    # package@version: (family, style) — "print" faces and "hand" (handwriting-style) faces
    "@fontsource/sarabun@5.3.0": ("Sarabun", "print"),
    "@fontsource/noto-sans-thai@5.3.0": ("Noto Sans Thai", "print"),
    "@fontsource/itim@5.3.0": ("Itim", "hand"),
    "@fontsource/sriracha@5.3.0": ("Sriracha", "hand"),
    "@fontsource/mali@5.3.0": ("Mali", "hand"),
    "@fontsource/charmonman@5.2.7": ("Charmonman", "hand"),
    "@fontsource/kodchasan@5.2.8": ("Kodchasan", "hand"),
}
SYSTEM_FONTS = {
    # file name prefix: (family, style)
    "THSarabunNew": ("TH Sarabun New", "print"),
    "Laksaman": ("Laksaman", "print"),
    "Norasi": ("Norasi", "print"),
    "Kinnari": ("Kinnari", "print"),
    "Garuda": ("Garuda", "print"),
    "Loma": ("Loma", "print"),
    "Umpush": ("Umpush", "print"),
    "Waree": ("Waree", "print"),
    "Sawasdee": ("Sawasdee", "print"),
    "TlwgTypewriter": ("Tlwg Typewriter", "print"),
    "TlwgTypist": ("Tlwg Typist", "print"),
    "Purisa": ("Purisa", "hand"),
}
SYSTEM_DIRS = [
    Path("/usr/share/fonts/truetype/tlwg"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
]

THAI_LETTERS = "กขคฆงจฉชซญฐฒณดตถทธนบปผฝพฟภมยรลวศษสหอฮ"
UPPER = ["", "", "ิ", "ี", "ึ", "ื", "่", "้", "ั", "็", "ี่", "ิ์", "ุ", "ู"]
LATIN = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY%&#@()"
"""Latin letters as "anything else", leaving out those a digit is drawn like (o O l I S B Z)."""


@dataclass(frozen=True)
class Face:
    path: Path
    family: str
    style: str


def npm_fonts(folder: Path) -> list[Face]:
    """The npm fonts, unpacked into ``folder`` once (``npm pack``; nothing when npm is absent)."""
    faces = []
    folder.mkdir(parents=True, exist_ok=True)
    for package, (family, style) in NPM_FONTS.items():
        name = package.split("/")[1].split("@")[0]
        target = folder / name
        if not target.exists():
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    subprocess.run(["npm", "pack", "--silent", package], cwd=tmp, check=True,
                                   capture_output=True, timeout=120)  # fmt: skip
                except (OSError, subprocess.SubprocessError):
                    print(f"train_digits: npm pack {package} failed; training without {family}", file=sys.stderr)
                    continue
                archive = next(Path(tmp).glob("*.tgz"))
                target.mkdir()
                with tarfile.open(archive) as tar:
                    for member in tar.getmembers():
                        if re.search(r"-(thai|latin)-(300|400|500|600|700)-normal\.woff$", member.name):
                            data = tar.extractfile(member)
                            if data:
                                (target / Path(member.name).name).write_bytes(data.read())
        for file in sorted(target.glob("*.woff")):
            faces.append(Face(file, family, style))
    return faces


def system_fonts() -> list[Face]:
    faces = []
    for folder in SYSTEM_DIRS:
        for file in sorted(folder.rglob("*.ttf")) if folder.exists() else []:
            for prefix, (family, style) in SYSTEM_FONTS.items():
                if file.name.startswith(prefix) and "Oblique" not in file.name and "Italic" not in file.name:
                    faces.append(Face(file, family, style))
    return faces


@functools.cache
def covers(face: Face, text: str) -> bool:
    """Whether a face draws every character of ``text`` (not the empty box of a missing glyph).

    The fontsource files are split by script, and some faces lack a script's digits.
    """
    font = _font(str(face.path), 48)
    missing = bytes(font.getmask("\ue000"))
    for char in text:
        if "\u0e31" <= char <= "\u0e4e" and char not in "\u0e50\u0e51":
            continue  # marks are drawn on their letter
        if bytes(font.getmask(char)) == missing:
            return False
    return True


LOOKALIKES = "ปฟทศสารภถดตผพวลฉบนมหอฮคฅญฐ"
"""Thai letters a digit is most easily taken for (and า, which is drawn like 1 or 7)."""
OTHER_SHARE = 4
""""Anything else" gets this many times the samples of a digit: it is the whole of Thai."""


def sample_text(label: str, rng: np.random.Generator) -> str:
    if label != OTHER:
        return label
    pick = rng.random()
    if pick < 0.45:
        return str(rng.choice(list(LOOKALIKES))) + str(rng.choice(UPPER))
    if pick < 0.8:
        return str(rng.choice(list(THAI_LETTERS))) + str(rng.choice(UPPER))
    return str(rng.choice(list(LATIN)))


def render(face: Face, text: str, em: int, rng: np.random.Generator, *, hand: bool) -> np.ndarray:
    """One character drawn and damaged as a scan of ``em`` pixels to the em would show it (grey 0–255)."""
    from PIL import Image, ImageDraw, ImageFilter

    font = _font(str(face.path), em)
    image = Image.new("L", (em * 2, em * 2), 255)
    ImageDraw.Draw(image).text((em // 2, 0), text, font=font, fill=int(rng.integers(0, 70)))
    angle = float(rng.normal(0, 6 if hand else 1.2))
    shear = float(rng.normal(0, 0.15 if hand else 0.03))
    sx = float(rng.uniform(0.85, 1.2) if hand else rng.uniform(0.92, 1.08))
    image = image.transform(image.size, Image.AFFINE, (sx, shear, -shear * em, 0, 1, 0), resample=Image.BILINEAR,
                            fillcolor=255).rotate(angle, resample=Image.BILINEAR, fillcolor=255)  # fmt: skip
    if hand and rng.random() < 0.7:
        image = _elastic(image, rng, em)
    stroke = rng.random()
    if stroke < 0.2:
        image = image.filter(ImageFilter.MinFilter(3))  # ink bleed: strokes thicken
    elif stroke < 0.3 and em > 30:
        image = image.filter(ImageFilter.MaxFilter(3))  # worn type: strokes thin
    blur = float(rng.uniform(0, 1.1))
    if blur > 0.25:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    gray = np.asarray(image, dtype=np.float32)
    gray += rng.normal(0, rng.uniform(0, 18), gray.shape)
    specks = rng.random(gray.shape) < rng.uniform(0, 0.004)
    gray[specks] = 0
    gray = np.clip(gray, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        buffer = io.BytesIO()
        Image.fromarray(gray).save(buffer, "JPEG", quality=int(rng.integers(25, 90)))
        gray = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
    return gray


def _elastic(image, rng: np.random.Generator, em: int):
    """A hand's uneven strokes: rows and columns pushed by slow random waves."""
    from PIL import Image

    array = np.asarray(image)
    h, w = array.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    amp = em * float(rng.uniform(0.02, 0.06))
    fx, fy = rng.uniform(0.5, 2.0, 2) * 2 * np.pi / max(h, w)
    phase = rng.uniform(0, 2 * np.pi, 2)
    xs += amp * np.sin(ys * fy + phase[0])
    ys += amp * np.sin(xs * fx + phase[1])
    xi = np.clip(xs.round().astype(int), 0, w - 1)
    yi = np.clip(ys.round().astype(int), 0, h - 1)
    return Image.fromarray(array[yi, xi])


@functools.cache
def _font(path: str, em: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, em)


def reference(face: Face, em: int) -> float:
    """The height of a Thai consonant (ก) in this face and size: the line's ordinary height."""
    font = _font(str(face.path), em)
    if "-latin-" in face.path.name:
        box = font.getbbox("x")
        return (box[3] - box[1]) * 1.15
    box = font.getbbox("ก")
    return float(box[3] - box[1])


def one_sample(face: Face, label: str, em: int, rng: np.random.Generator, refs: dict) -> np.ndarray | None:
    hand = face.style == "hand"
    text = sample_text(label, rng)
    if not covers(face, text):
        return None
    gray = render(face, text, em, rng, hand=hand)
    ink = glyphs.binarise(gray)
    if not ink.any():
        return None
    found = glyphs.pieces(ink)
    if not found:
        return None
    glyph = found[0]
    for other in found[1:]:
        glyph = glyphs._join(glyph, other)
    glyph = glyphs.shaded(glyph, gray)
    key = (str(face.path), em)
    if key not in refs:
        refs[key] = reference(face, em)
    ref = refs[key] * (float(rng.uniform(0.55, 1.0)) if hand else float(rng.uniform(0.9, 1.1)))
    return glyphs.features(glyph, ref)


def ems(rng: np.random.Generator, hand: bool) -> int:
    """Pixels to the em: 14–18 pt printed at 96–300 dpi, handwriting larger."""
    dpi = float(rng.choice([96, 120, 150, 200, 240, 300]))
    points = float(rng.uniform(14, 18)) * (float(rng.uniform(1.0, 1.8)) if hand else 1.0)
    return max(12, round(points / 72 * dpi))


def dataset(faces: list[Face], per_class: int, seed: int, *, workers: int = 2):
    """``per_class`` samples of every label, spread over the faces that draw it.

    Each label has its own random stream (from ``seed`` and the label), so the result does
    not depend on how many processes render it.
    """
    from concurrent.futures import ProcessPoolExecutor

    jobs = [(faces, index, per_class, seed) for index in range(len(LABELS))]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_label_samples, jobs))
    else:
        parts = [_label_samples(job) for job in jobs]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    return x, y


def _label_samples(job: tuple) -> tuple[np.ndarray, np.ndarray]:
    faces, index, per_class, seed = job
    label = LABELS[index]
    rng = np.random.default_rng([seed, index])
    refs: dict = {}
    rows: list[np.ndarray] = []
    usable: dict[str, list[Face]] = {}
    for face in faces:
        if label == OTHER or covers(face, label):
            usable.setdefault(face.family, []).append(face)
    names = sorted(usable)
    made = 0
    attempts = 0
    wanted = per_class * (OTHER_SHARE if label == OTHER else 1)
    while made < wanted and attempts < wanted * 4:
        attempts += 1
        family = usable[names[int(rng.integers(0, len(names)))]]
        face = family[int(rng.integers(0, len(family)))]
        row = one_sample(face, label, ems(rng, face.style == "hand"), rng, refs)
        if row is None:
            continue
        rows.append(row)
        made += 1
    return np.stack(rows), np.full(len(rows), index)


def train(x: np.ndarray, y: np.ndarray, *, hidden: int, epochs: int, seed: int, members: int = 3):
    """``members`` networks from different seeds (the classifier averages them)."""
    from sklearn.neural_network import MLPClassifier

    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    nets = []
    for member in range(members):
        net = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=1e-4, batch_size=256, learning_rate_init=1e-3,
                            max_iter=epochs, random_state=seed + member, early_stopping=False, tol=1e-5,
                            n_iter_no_change=epochs)  # fmt: skip
        net.fit((x - mean) / scale, y)
        if list(net.classes_) != list(range(len(LABELS))):
            raise SystemExit("train_digits: a class had no samples")
        nets.append(list(zip(net.coefs_, net.intercepts_, strict=True)))
    return mean, scale, nets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--fonts", type=Path, default=ROOT / ".cache" / "fonts")
    parser.add_argument("--per-class", type=int, default=2000)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=80)
    parser.add_argument("--seed", type=int, default=2569)
    parser.add_argument("--members", type=int, default=3, help="networks averaged (different seeds)")
    parser.add_argument("--quick", action="store_true", help="a small model (tests): 150 per class, 15 epochs")
    args = parser.parse_args(argv)
    if args.quick:
        args.per_class, args.epochs, args.hidden, args.members = 150, 15, 64, 1
    faces = system_fonts() + npm_fonts(args.fonts)
    if not faces:
        print("train_digits: no Thai fonts found (apt-get install fonts-thai-tlwg)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    x, y = dataset(faces, args.per_class, args.seed)
    rendered = time.perf_counter() - started
    mean, scale, nets = train(x, y, hidden=args.hidden, epochs=args.epochs, seed=args.seed, members=args.members)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save(args.out, mean=mean, scale=scale, nets=nets)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    families = sorted({f.family for f in faces})
    print(f"train_digits: {len(y)} glyphs from {len(faces)} faces ({', '.join(families)}), "
          f"rendered in {rendered:.0f} s, trained in {time.perf_counter() - started - rendered:.0f} s "
          f"-> {args.out} ({args.out.stat().st_size // 1024} KB, sha256 {digest})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
