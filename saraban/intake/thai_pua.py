"""Thai text taken from a PDF's text layer: Private-Use-Area glyphs and mark order.

Thai fonts of the TH Sarabun family (and most Thai fonts made for Windows) draw shifted tone
marks and vowels — a tone mark lowered when no upper vowel is present, an upper vowel moved
left under a tall consonant, ฐ and ญ without their descenders — as glyphs in the Private Use
Area U+F700–U+F71A. A PDF made from such a font often maps those glyphs to their PUA code
points, so the text layer holds characters no Thai reader knows. They are mapped back to the
standard characters here (the table is the one the fonts themselves publish), then PyThaiNLP
puts vowels and tone marks back in the standard order.
"""

from __future__ import annotations

from pythainlp.util import remove_repeat_vowels, remove_zw

from saraban.thai.text import fold_sara_am

# The PUA glyph variants of the Thai fonts and the character each one draws.
_PUA = {
    0xF700: "\u0e10",  # ฐ without its lower tail
    0xF701: "\u0e34",  # sara i, moved left
    0xF702: "\u0e35",  # sara ii, moved left
    0xF703: "\u0e36",  # sara ue, moved left
    0xF704: "\u0e37",  # sara uee, moved left
    0xF705: "\u0e48",  # mai ek, low and left
    0xF706: "\u0e49",  # mai tho, low and left
    0xF707: "\u0e4a",  # mai tri, low and left
    0xF708: "\u0e4b",  # mai chattawa, low and left
    0xF709: "\u0e4c",  # thanthakhat, low and left
    0xF70A: "\u0e48",  # mai ek, low
    0xF70B: "\u0e49",  # mai tho, low
    0xF70C: "\u0e4a",  # mai tri, low
    0xF70D: "\u0e4b",  # mai chattawa, low
    0xF70E: "\u0e4c",  # thanthakhat, low
    0xF70F: "\u0e0d",  # ญ without its lower tail
    0xF710: "\u0e31",  # mai han-akat, left
    0xF711: "\u0e4d",  # nikhahit, left
    0xF712: "\u0e47",  # mai taikhu, left
    0xF713: "\u0e48",  # mai ek, left
    0xF714: "\u0e49",  # mai tho, left
    0xF715: "\u0e4a",  # mai tri, left
    0xF716: "\u0e4b",  # mai chattawa, left
    0xF717: "\u0e4c",  # thanthakhat, left
    0xF718: "\u0e38",  # sara u, lower
    0xF719: "\u0e39",  # sara uu, lower
    0xF71A: "\u0e3a",  # phinthu, lower
}
_PUA_TABLE = str.maketrans(_PUA)


def has_pua(text: str) -> bool:
    """Whether text holds any of the Thai fonts' Private-Use-Area glyph codes."""
    return any(0xF700 <= ord(c) <= 0xF71A for c in text)


def clean_pdf_thai(text: str) -> str:
    """Standard Unicode Thai from a PDF text layer, line by line (the layout is kept).

    PUA glyphs become their characters; PyThaiNLP removes zero-width characters and repeated
    marks and reorders tone marks after vowels (``ก่ี`` → ``กี่``); ``ํา`` becomes ``ำ``.
    """
    lines = []
    for line in text.translate(_PUA_TABLE).split("\n"):
        # PyThaiNLP's normalize() would also squash runs of spaces, which carry the layout
        # (the office beside the number line), so only the mark-level rules are applied.
        lines.append(fold_sara_am(remove_repeat_vowels(remove_zw(line))))
    return "\n".join(lines)
