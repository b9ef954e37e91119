"""The digit reader: letter numbers, dates and receipt stamps read from the page image.

Tesseract's Thai model reads Thai words well and Thai digits badly, and it cannot read the
running number, the day or a stamp's figures written by hand. This stage of the reading
pipeline (intake → **digits** → parse → check) goes back to the page image for the words of
the lines that carry them — the ที่ line, the date line, receipt stamps, citations, the
deadline — cuts their ink into glyphs (:mod:`~saraban.digits.glyphs`), reads each glyph with
a small classifier trained on rendered fonts (:mod:`~saraban.digits.model`), tells print from
handwriting and stamps (:mod:`~saraban.digits.ink`) and writes its reading back into the line
with how sure it is of every digit (:mod:`~saraban.digits.reader`). The checks then decide
what is a value and what is only a suggestion for the clerk.
"""
