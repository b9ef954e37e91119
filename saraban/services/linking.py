"""Linking a letter to the letter it forwards or cites.

OCR breaks numbers ("มท 0211.5/1767" for /17617), so when no letter has the cited number
exactly, a letter of the same issuing code and date whose number and subject are close is
linked as ``fuzzy`` with its score, for a person to confirm.
"""

from __future__ import annotations

import difflib
from datetime import date

from sqlmodel import Session, select

from saraban.db.like import starts_with
from saraban.db.tables import Citation, Letter
from saraban.thai.text import search_key

FUZZY_THRESHOLD = 0.75


def _code_part(key: str) -> str:
    return key.split("/", 1)[0]


def _running_part(key: str) -> str:
    return key.split("/", 1)[1] if "/" in key else ""


def similarity(cited_key: str, cited_date: date | None, child_subject: str | None, candidate: Letter) -> float:
    """How likely a stored letter is the one a citation names (0–1)."""
    number = difflib.SequenceMatcher(None, _running_part(cited_key), _running_part(candidate.number_key or "")).ratio()
    same_date = 1.0 if cited_date and candidate.letter_date == cited_date else 0.0
    subject = 0.0
    if child_subject and candidate.subject:
        subject = difflib.SequenceMatcher(None, search_key(child_subject), search_key(candidate.subject)).ratio()
    return round(0.45 * number + 0.35 * same_date + 0.20 * subject, 3)


def _set_parent(child: Letter, parent: Letter, method: str, score: float | None, session: Session) -> None:
    if child.id == parent.id or child.parent_id is not None:
        return
    child.parent_id = parent.id
    child.link_method = method
    child.link_score = score
    session.add(child)


def link_letter(session: Session, letter: Letter) -> None:
    """Link a newly stored letter to its parent, and earlier letters that cite it to it."""
    _link_to_parent(session, letter)
    _link_children(session, letter)
    session.flush()


def _link_to_parent(session: Session, letter: Letter) -> None:
    if letter.parent_id is not None:
        return
    for ref in letter.references or []:
        if not ref.get("doc_no"):
            continue
        key = search_key(ref["doc_no"])
        exact = session.exec(select(Letter).where(Letter.number_key == key, Letter.id != letter.id)).first()
        if exact is not None:
            _set_parent(letter, exact, "exact", 1.0, session)
            return
        cited_date = date.fromisoformat(ref["date"]) if ref.get("date") else None
        best, best_score = None, 0.0
        query = select(Letter).where(starts_with(Letter.number_key, f"{_code_part(key)}/"), Letter.id != letter.id)  # type: ignore[union-attr]
        if cited_date:
            query = query.where(Letter.letter_date == cited_date)
        for candidate in session.exec(query):
            score = similarity(key, cited_date, letter.subject, candidate)
            if score > best_score:
                best, best_score = candidate, score
        if best is not None and best_score >= FUZZY_THRESHOLD:
            _set_parent(letter, best, "fuzzy", best_score, session)
            return


def _link_children(session: Session, letter: Letter) -> None:
    if not letter.number_key:
        return
    exact = session.exec(
        select(Letter)
        .join(Citation, Citation.letter_id == Letter.id)  # type: ignore[arg-type]
        .where(Citation.ref_key == letter.number_key, Letter.parent_id.is_(None), Letter.id != letter.id)  # type: ignore[union-attr]
    )
    for child in exact:
        _set_parent(child, letter, "exact", 1.0, session)
    code = _code_part(letter.number_key)
    near = session.exec(
        select(Letter, Citation)
        .join(Citation, Citation.letter_id == Letter.id)  # type: ignore[arg-type]
        .where(
            starts_with(Citation.ref_key, f"{code}/"),
            Citation.ref_key != letter.number_key,
            Letter.parent_id.is_(None),  # type: ignore[union-attr]
            Letter.id != letter.id,
        )
    )
    for child, citation in near:
        if session.exec(select(Letter.id).where(Letter.number_key == citation.ref_key)).first() is not None:
            continue  # the cited letter itself is stored; it is not this one
        score = similarity(citation.ref_key, citation.ref_date, child.subject, letter)
        if score >= FUZZY_THRESHOLD:
            _set_parent(child, letter, "fuzzy", score, session)
