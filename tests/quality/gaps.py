#!/usr/bin/env python3
"""gaps.py PDF [--check] [--json]: how even the word spacing of justified
text is, measured from the PDF itself (pdftotext -bbox), as issue 3 asks.

Lines are the words of one baseline and one column (a gap wider than
--gutter splits them). Only the body size counts (the commonest word
height). A line is justified when its right edge is within 0.5pt of its
column's right edge (the commonest right edge of lines starting at the same
left edge); a line ending with punctuation that hangs into the margin may
pass the edge by up to 0.7 of an average glyph. The last line of a
paragraph ends short and so never counts. For those lines: the gaps between
words, the document's median gap, the share of lines whose widest gap is at
most 1.4 x that median, the largest ratio; the tightest gap against the
median (a line squeezed too hard reads as one long word: TeX keeps two
thirds of a space, and pdflatex with microtype stays above 0.75 of the
median on this newsletter); and runs of lines ending with a hyphen.

--check fails (exit 1) unless 95% of lines are within 1.4x, none above
1.8x, none has a gap below 0.6x, and no more than two hyphens in a row."""

import argparse
import collections
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bbox  # noqa: E402

LABEL = re.compile(r"^(\d{1,3}[.)]?|[a-z][.)]|[\u2022\u2013\u2014\u25aa\u25cf-])$")
HANGING = set(".,-:;\u2013\u2014\u201d\u2019\u00bb\u201c\u2026\"'")


def lines_of(words, gutter):
    """Words grouped by baseline (the boxes' bottoms within 2pt: fonts
    differ in their descent), then split at gutters, left to right."""
    rows = []
    for w in sorted(words, key=lambda w: w.y1):
        if rows and w.y1 - rows[-1][0].y1 < 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row = sorted(row, key=lambda w: w.x0)
        cur = [row[0]]
        for w in row[1:]:
            if w.x0 - cur[-1].x1 > gutter:
                out.append(cur)
                cur = []
            cur.append(w)
        out.append(cur)
    return out


def measure(pdf, gutter=9.0, pdftotext="pdftotext"):
    pages = bbox.words(pdf, pdftotext)
    heights = collections.Counter(round(w.height, 1) for p in pages for w in p)
    body = heights.most_common(1)[0][0]

    def is_body(ln):
        return statistics.median(w.height for w in ln) - body < 0.25 and \
            body - statistics.median(w.height for w in ln) < 0.25
    justified = []  # (page, gaps, line text)
    hyphen_runs = []
    longest_run = 0
    for pno, words in enumerate(pages, 1):
        lines = [ln for ln in lines_of(words, gutter) if is_body(ln)]
        # columns: lines starting at (about) the same left edge share a
        # right edge, the commonest one
        by_left = collections.defaultdict(list)
        for ln in lines:
            by_left[round(ln[0].x0)].append(ln)
        edges = {}
        for left, lns in by_left.items():
            rights = collections.Counter(round(ln[-1].x1 * 4) / 4 for ln in lns
                                         if ln[-1].text[-1:] not in HANGING)
            if not rights:
                rights = collections.Counter(round(ln[-1].x1 * 4) / 4 for ln in lns)
            edges[left] = rights.most_common(1)[0][0]
        # indented first lines and hanging quotes start a little to the right
        # or left of their column: they take the edge of the nearest column
        # start within 15pt that has more lines
        starts = sorted(by_left, key=lambda k: -len(by_left[k]))
        columns = collections.defaultdict(list)
        for ln in lines:
            left = round(ln[0].x0)
            home = min((s for s in starts if abs(s - left) <= 15),
                       key=lambda s: (-len(by_left[s]), abs(s - left)))
            columns[home].append(ln)
        for home, ln in ((h, ln) for h in sorted(columns)
                         for ln in sorted(columns[h], key=lambda ln: ln[0].y1)):
            edge = edges[home]
            last = ln[-1]
            allowance = 0.5
            size = body / 1.3  # the boxes are about 1.3 em high
            if last.text and last.text[-1] in HANGING:
                allowance += 0.5 * size
            right = last.x1
            is_justified = edge - 0.5 <= right <= edge + allowance and len(ln) >= 3
            ends_hyphen = last.text.endswith("-") and len(last.text) > 1
            if ends_hyphen:
                run = hyphen_runs[-1] + 1 if hyphen_runs and hyphen_runs[-1] > 0 else 1
            else:
                run = 0
            hyphen_runs.append(run)
            longest_run = max(longest_run, run)
            if is_justified:
                pairs = list(zip(ln, ln[1:]))
                # a list's label ("01", "•", "a)") is followed by its own
                # fixed gap, not a word space
                if LABEL.match(ln[0].text) and len(pairs) > 2 and \
                        pairs[0][1].x0 - pairs[0][0].x1 > \
                        2 * statistics.median(b.x0 - a.x1 for a, b in pairs[1:]):
                    pairs = pairs[1:]
                # a thin space (digit groups) is no inter-word gap: leave
                # gaps of a sixth of an em or less out of the widest gap;
                # the tightest leaves out only gaps between digits
                gaps = [b.x0 - a.x1 for a, b in pairs if b.x0 - a.x1 > size / 6 + 0.05]
                words = [b.x0 - a.x1 for a, b in pairs
                         if not (a.text[-1:].isdigit() and b.text[:1].isdigit())]
                if gaps or words:
                    justified.append((pno, gaps, words, " ".join(w.text for w in ln)))
            hyphen_runs.append(0)  # runs end with the column
    all_gaps = [g for _, gaps, _, _ in justified for g in gaps]
    if not all_gaps:
        return None
    median = statistics.median(all_gaps)
    ratios = [(max(gaps) / median, pno, text) for pno, gaps, _, text in justified if gaps]
    tight = [(min(words) / median, pno, text) for pno, _, words, text in justified if words]
    if os.environ.get("GAPS_VERBOSE"):
        for r in sorted(ratios, reverse=True)[:25]:
            print(f"{r[0]:.2f} page {r[1]}: {r[2]}")
        for r in sorted(tight)[:10]:
            print(f"tight {r[0]:.2f} page {r[1]}: {r[2]}")
    within = sum(1 for r, _, _ in ratios if r <= 1.4)
    worst = max(ratios)
    tightest = min(tight)
    hyphenated = sum(1 for r in hyphen_runs if r > 0)
    return {
        "pdf": os.path.basename(pdf),
        "body_height": body,
        "justified_lines": len(ratios),
        "median_gap": round(median, 3),
        "share_within_1.4": round(within / len(ratios), 4),
        "largest_ratio": round(worst[0], 3),
        "worst_line": f"page {worst[1]}: {worst[2]}",
        "above_1.8": sum(1 for r, _, _ in ratios if r > 1.8),
        "tightest_ratio": round(tightest[0], 3),
        "tightest_line": f"page {tightest[1]}: {tightest[2]}",
        "below_0.6": sum(1 for r, _, _ in tight if r < 0.6),
        "hyphenated_lines": hyphenated,
        "longest_hyphen_run": longest_run,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--gutter", type=float, default=9.0)
    a = ap.parse_args()
    r = measure(a.pdf, a.gutter, os.environ.get("PDFTOTEXT") or "pdftotext")
    if r is None:
        print("FAIL: no justified lines found")
        return 1
    if a.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
    else:
        print(f"{r['pdf']}: {r['justified_lines']} justified lines, median gap "
              f"{r['median_gap']:.2f}pt; {100 * r['share_within_1.4']:.1f}% of lines "
              f"within 1.4x; largest ratio {r['largest_ratio']:.2f} ({r['worst_line']}); "
              f"{r['above_1.8']} above 1.8x; tightest gap {r['tightest_ratio']:.2f}x "
              f"({r['tightest_line']}), {r['below_0.6']} below 0.6x; "
              f"{r['hyphenated_lines']} hyphenated lines, "
              f"at most {r['longest_hyphen_run']} in a row")
    if a.check:
        ok = True
        if r["justified_lines"] < 100:
            print("FAIL: fewer than 100 justified lines: is this the sample?")
            ok = False
        if r["share_within_1.4"] < 0.95:
            print("FAIL: fewer than 95% of lines have their widest gap within 1.4x the median")
            ok = False
        if r["above_1.8"] > 0:
            print("FAIL: a line has a gap above 1.8x the median")
            ok = False
        if r["below_0.6"] > 0:
            print("FAIL: a line has a word gap below 0.6x the median (squeezed)")
            ok = False
        if r["longest_hyphen_run"] > 2:
            print("FAIL: more than two hyphenated lines in a row")
            ok = False
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
