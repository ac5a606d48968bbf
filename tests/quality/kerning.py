#!/usr/bin/env python3
"""kerning.py DUMP PDF: the glyph positions in the PDF are the ones the
engine measured. Every word pdftotext finds must start where a text piece of
folio's layout dump starts (within 0.05pt, the trim box's origin taken off)
and end where a piece of the same line ends; and the pieces' kerned advances
must differ from the fonts' plain ones somewhere (pair kerning is applied)."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bbox  # noqa: E402

TOL = 0.05


def main():
    dump_path, pdf = sys.argv[1], sys.argv[2]
    with open(dump_path, encoding="utf-8") as f:
        dump = json.load(f)
    pages = bbox.words(pdf, os.environ.get("PDFTOTEXT") or "pdftotext")
    ox, oy = bbox.trim_origin(pdf, os.environ.get("PDFINFO") or "pdfinfo")
    if len(pages) != len(dump["pages"]):
        print(f"FAIL: the PDF has {len(pages)} pages, the dump {len(dump['pages'])}")
        return 1
    checked = bad = 0
    kerned_words = 0
    for page, words in zip(dump["pages"], pages):
        pieces = [it for it in page["items"] if it["kind"] == "text" and it["text"].strip()]
        # pieces by start and by end, in PDF coordinates
        starts = [(it["x"] + ox, it["y"] + oy, it) for it in pieces]
        for w in words:
            checked += 1
            # a piece starting at the word's left edge whose baseline lies
            # inside the word's box and whose text begins the word
            first = [p for x, y, p in starts
                     if abs(x - w.x0) <= TOL and w.y0 - 0.5 <= y <= w.y1 + 0.5
                     and (w.text.startswith(p["text"].strip()[:1]))]
            # a line just above may start at the same x with the same
            # letter (a kicker over a headline): a piece that is a whole
            # prefix of the word wins
            whole = [p for p in first if w.text.startswith(p["text"].strip())]
            first = whole or first
            y = first[0]["y"] + oy if first else None
            inside = [p for x, yy, p in starts
                      if y is not None and abs(yy - y) < 0.01 and w.x0 - TOL <= x < w.x1 - TOL]
            # tracked pieces (Tc) too: their width, like the box pdftotext
            # gives a word, ends at the last glyph, not after its tracking
            ends = [p for p in inside if abs(p["x"] + ox + p["w"] - w.x1) <= TOL]
            if not first or not ends:
                bad += 1
                if bad <= 10:
                    print(f"page {page['page']}: word '{w.text}' at x {w.x0:.3f}-{w.x1:.3f} "
                          f"(trim {w.x0 - ox:.3f}-{w.x1 - ox:.3f}): "
                          f"{'no piece starts there' if not first else 'no piece ends there'}")
                continue
            # a word drawn as several pieces was split at a kerning pair
            kerned_words += len(inside) > 1
    print(f"{checked} words checked against the layout dump, {bad} misplaced; "
          f"{kerned_words} words drawn in several pieces (kerned pairs)")
    if checked < 500:
        print("FAIL: too few words: is this the sample?")
        return 1
    if bad:
        print("FAIL: the PDF does not draw the glyphs where the engine measured them")
        return 1
    if kerned_words < 50:
        print("FAIL: hardly any kerning pairs: is kerning applied?")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
