"""baselines.py PDF GRID BOTTOM_MARGIN: body lines of every page sit on one baseline grid,
so the lines of side-by-side columns share their baselines (issue 3).

Body words are those of the page's most common word height (pdftotext
-bbox boxes run from the font's ascent to its descent, so for one face and
size the box bottom is the baseline plus a constant). Every body line's box
bottom, taken modulo the grid, must be the same on all pages."""

import collections
import sys

import bbox


def main():
    pdf, grid, foot = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    _, trim_top, _, trim_h = bbox.trim_box(pdf)
    # the footer lives below the text area: leave out the bottom margin
    limit = trim_top + trim_h - foot
    pages = [[w for w in ws if w.y1 < limit] for ws in bbox.words(pdf)]
    residues = []
    shared = 0
    for number, words in enumerate(pages, 1):
        heights = collections.Counter(round(w.height, 2) for w in words)
        if not heights:
            continue
        body_h, _ = heights.most_common(1)[0]
        body = [w for w in words if abs(w.height - body_h) < 0.02]
        xs = sorted(w.x0 for w in body)
        middle = (xs[0] + max(w.x1 for w in body)) / 2
        columns = [set(), set()]
        for w in body:
            columns[0 if w.x0 < middle else 1].add(round(w.y1, 2))
        for col in columns:
            residues.extend((y, number) for y in col)
        shared += len(columns[0] & columns[1])
    if not residues:
        print("FAIL: no body text found")
        return 1
    base = residues[0][0] % grid
    off = [(y, p) for y, p in residues
           if min(abs((y - base) % grid), grid - abs((y - base) % grid)) > 0.05]
    print("%d body lines on %d pages, %d side by side in both columns, %d off the %.2fpt grid"
          % (len(residues), len(pages), shared, len(off), grid))
    for y, p in off[:10]:
        print("  off the grid: page %d, line bottom at %.2f" % (p, y))
    if off:
        return 1
    if shared == 0:
        print("FAIL: no page has lines side by side in both columns")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
