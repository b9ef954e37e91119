"""Office names put right against what saraban knows.

Tesseract drops tone marks and upper vowels and confuses look-alike letters, so an office
name comes out as ``ศาลากลางจงหวัดลําปาง`` or ``กรมส่งเสรีมการปกครองทองถิน``. Two kinds of
knowledge repair it: whole names (the agency directory, or without one the ministry's
offices and the offices of every province), and the standard heads every Thai office name
starts with (กรม…, สำนักงาน…, ศาลากลางจังหวัด…, เทศบาล…) followed by a province's name.
Matching is RapidFuzz on names without their marks, so a dropped mark costs nothing and a
wrong consonant costs a little; below the cut-off the name is left as read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from saraban.thai.offices import MOI_OFFICES, OFFICE_HEADS, provinces
from saraban.thai.text import fold_sara_am, skeleton

_WHOLE_CUTOFF = 90.0
_HEAD_CUTOFF = 88.0
_PROVINCE_CUTOFF = 80.0


def _key(name: str) -> str:
    return skeleton(fold_sara_am(name)).replace(" ", "")


_HEAD_KEYS = {head: _key(head) for head in OFFICE_HEADS}


@functools.cache
def _province_keys() -> tuple[list[str], list[str]]:
    names = [name for name, _code in provinces()]
    return names, [_key(name) for name in names]

@dataclass(frozen=True)
class Repair:
    """A name as repaired: the name, how close the reading was (0–1), whether it is known."""

    name: str
    score: float
    known: bool
    note: str | None = None


class OfficeNames:
    """Known office names (with letter codes where known) to repair OCR'd names against."""

    def __init__(self, names: Iterable[tuple[str, str | None]]) -> None:
        self.codes: dict[str, str | None] = {}
        for name, code in names:
            self.codes.setdefault(name, code)
        self._names = list(self.codes)
        self._keys = [_key(n) for n in self._names]
        self._by_key = {k: n for k, n in zip(self._keys, self._names, strict=True)}
        self._cache: dict[str, Repair] = {}

    @classmethod
    @functools.cache
    def standard(cls) -> OfficeNames:
        """The ministry's offices and every province's offices (no database needed)."""
        names: list[tuple[str, str | None]] = [(name, code) for name, _short, code, _level, _parent in MOI_OFFICES]
        for province, code in provinces():
            names += [
                (f"สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{province}", f"{code} 0023"),
                (f"ศาลากลางจังหวัด{province}", code),
                (f"จังหวัด{province}", code),
            ]
        return cls(names)

    def extended(self, names: Iterable[tuple[str, str | None]]) -> OfficeNames:
        """These names and more (the directory's offices, on top of the standard ones)."""
        return OfficeNames([*self.codes.items(), *names])

    def code_for(self, name: str) -> str | None:
        """The letter code of a known office."""
        return self.codes.get(name)

    def repair(self, name: str) -> Repair:
        """The office a read name most likely is, or the name itself when nothing is close."""
        if name not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[name] = self._repair(name)
        return self._cache[name]

    def _repair(self, name: str) -> Repair:
        key = _key(name)
        if name in self.codes:
            return Repair(name, 1.0, True)
        if key in self._by_key:
            known = self._by_key[key]
            return Repair(known, 0.97, True, f"แก้ชื่อส่วนราชการจาก OCR: '{name}' เป็น '{known}'")
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=_WHOLE_CUTOFF)
        if best is not None:
            known = self._names[best[2]]
            return Repair(known, best[1] / 100, True, f"แก้ชื่อส่วนราชการจาก OCR: '{name}' เป็น '{known}'")
        return self._repair_head(name)

    def _repair_head(self, name: str) -> Repair:
        for head in OFFICE_HEADS:
            if name.startswith(head):
                return self._repair_province(name, head, len(head), 1.0)
            head_key = _HEAD_KEYS[head]
            sizes = [n for n in range(max(1, len(head) - 3), len(head) + 3) if n <= len(name)]
            scored = [(fuzz.ratio(_key(name[:n]), head_key), -abs(n - len(head)), n) for n in sizes]
            if scored:
                score, _closeness, size = max(scored)
                if score >= _HEAD_CUTOFF:
                    return self._repair_province(name, head, size, score / 100)
        return Repair(name, 0.8, False)

    def _repair_province(self, name: str, head: str, size: int, score: float) -> Repair:
        rest = name[size:]
        if head.endswith(("จังหวัด", "อำเภอ")) and rest.strip():
            word, _, tail = rest.strip().partition(" ")
            names, keys = _province_keys()
            best = process.extractOne(_key(word), keys, scorer=fuzz.ratio, score_cutoff=_PROVINCE_CUTOFF)
            if best is not None:
                rest = names[best[2]] + (f" {tail}" if tail else "")
        repaired = head + rest
        if repaired == name:
            return Repair(name, score, False)
        return Repair(repaired, score, False, f"แก้ชื่อส่วนราชการจาก OCR: '{name}' เป็น '{repaired}'")
