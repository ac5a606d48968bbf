#!/usr/bin/env bash
# guides.sh: folio build --guides draws the layout's margins (magenta),
# column edges (violet) and baseline grid (light blue) over every page, a
# quarter point wide, on top of everything: read back from --dump-layout on
# the sample (quarterly: A4, margins 16/20 mm, two columns, a 13 pt grid);
# without the option there is none of it, and the pages are the reference's.
source "$(dirname "$0")/lib.sh"
"$FOLIO" build "$issue" --guides -o "$work/g.pdf" --dump-layout "$work/g.json" 2>"$work/err" ||
	{ cat "$work/err"; fail "build --guides"; }
"$FOLIO" build "$issue" -o "$work/n.pdf" --dump-layout "$work/n.json" 2>/dev/null || fail "build"
cmp -s "$work/n.pdf" "$SOURCE_ROOT/tests/reference/cadap7-n2.pdf" ||
	fail "without --guides the PDF is not the reference"
python3 - "$work/g.json" "$work/n.json" <<'PY'
import json, sys
g, n = (json.load(open(f)) for f in sys.argv[1:3])
mm = 72 / 25.4
W, H = g["page_width"], g["page_height"]
top, bottom, side = 16 * mm, H - 20 * mm, 16 * mm
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    bad |= not cond
MAGENTA, VIOLET, BLUE = [0, 1, 0, 0], [0.5, 0.6, 0, 0], [0.35, 0.05, 0, 0]
def guides(page, color):
    return [i for i in page["items"] if i["kind"] == "rule" and i["color"] == color]
grid = round((bottom - top - 13 * 0.75) / 13) + 1
for p, page in enumerate(g["pages"], 1):
    m, c, b = guides(page, MAGENTA), guides(page, VIOLET), guides(page, BLUE)
    check(len(m) == 4 and len(c) == 4 and len(b) == grid,
          "page %d: 4 margin lines, 4 column edges, %d baselines (%d, %d, %d)" % (p, grid, len(m), len(c), len(b)))
    check(all(abs(i["line_width"] - 0.25) < 1e-9 for i in m + c + b), "page %d: a quarter point" % p)
    ys = sorted(round(i["y"], 3) for i in m if i["h"] == 0)
    check(abs(ys[0] - top) < 0.01 and abs(ys[-1] - bottom) < 0.01, "page %d: the margins at 16 and 20 mm" % p)
    check(all(abs(i["y"] - (top + 13 * 0.75 + 13 * k)) < 0.01 for k, i in enumerate(sorted(b, key=lambda i: i["y"]))),
          "page %d: the baselines every 13 pt from the top margin" % p)
    last = page["items"][-(len(m) + len(c) + len(b)):]
    check(all(i["kind"] == "rule" for i in last), "page %d: the guides are drawn last, over everything" % p)
none = sum(len(guides(page, col)) for page in n["pages"] for col in (MAGENTA, VIOLET, BLUE))
check(none == 0, "without --guides: no guide")
sys.exit(bad)
PY
