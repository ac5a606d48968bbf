#!/usr/bin/env bash
# checker.sh: the golden comparison catches a one-word change. A copy of the
# pull-quote fixture, built as its own reference, then with "work" changed to "budget" must fail fixture.sh,
# which leaves diff images; folio diff must name page 1 only, name the word,
# and put a region over the changed paragraph, as placed in the new build's
# layout dump (same origin: the top-left corner of the trim box).
source "$(dirname "$0")/lib.sh"
name=pull-quote
mkdir -p "$WORK/fixtures"
cp -r "$SOURCE_ROOT/tests/golden-fixtures/$name" "$WORK/fixtures/$name"
golden="$SOURCE_ROOT/tests/golden/fixture.sh"
# references of its own, built from the copy, so that a layout change made
# elsewhere (which fails fixture-pull-quote) does not fail this test too
mkdir -p "$WORK/refs"
"$FOLIO" build "$WORK/fixtures/$name/issue.yaml" -o "$WORK/refs/$name.pdf" \
	--dump-layout "$WORK/refs/$name.json" 2>/dev/null
REFS="$WORK/refs"
export GOLDEN_FIXTURES="$WORK/fixtures" GOLDEN_REFERENCES="$REFS" BUILD_ROOT="$WORK/build"

rc=$(status_of bash "$golden" "$name")
check "the unchanged copy passes the golden comparison (got $rc)" test "$rc" = 0

issue="$WORK/fixtures/$name/issue.yaml"
sed -i 's/agreed on a work plan/agreed on a budget plan/' "$issue"
check "the fixture has the word to change" grep -q "agreed on a budget plan" "$issue"

rc=$(status_of bash "$golden" "$name")
cat "$WORK/err"
check "the changed copy fails the golden comparison (got $rc)" test "$rc" = 1
check "... saying which fixture" grep -q "fixture-$name differs from its reference" "$WORK/err"
check "... and which page" grep -q "^p\.1: 1 changed region" "$WORK/err"
check "... and where the images are" grep -q "diff images.*$WORK/build/golden/fixture-$name-diff/" "$WORK/err"
check "the image of page 1 is there" test -s "$WORK/build/golden/fixture-$name-diff/page-1.png"
check "no image for the unchanged page 2" test ! -e "$WORK/build/golden/fixture-$name-diff/page-2.png"

new="$WORK/build/golden/fixture-$name.pdf"
newj="$WORK/build/golden/fixture-$name.json"
rc=$(status_of "$FOLIO" diff "$REFS/$name.pdf" "$new")
check "folio diff exits 1 (got $rc)" test "$rc" = 1
check "only page 1 changed" grep -qx "1 of 4 pages differ" "$WORK/out"
check "the changed words are named" grep -q "^p\.1: 'work' changed to 'budget'\|^p\.1: .*work.* changed to .*budget" "$WORK/out"
python3 - "$WORK/out" "$newj" <<'PY' || bad=1
import json, re, sys
report, dump = open(sys.argv[1]).read(), json.load(open(sys.argv[2]))
mm = 25.4 / 72
regions = [tuple(map(float, m)) for m in re.findall(
    r"^p\.1:   x ([\d.]+) to ([\d.]+) mm, y ([\d.]+) to ([\d.]+) mm", report, re.M)]
lines = [l for l in dump["pages"][0]["lines"] if l.get("style") == "body"]
para = [l for l in lines if l["text"].startswith("The committee") or "year." in l["text"]
        or "budget" in l["text"]]
changed = [l for l in lines if "budget" in l["text"]]
def box(ls):  # x0, x1, y0, y1 in mm: ascent above the baseline, descent below
    return (min(l["x"] for l in ls) * mm, max(l["x"] + l["w"] for l in ls) * mm,
            min(l["baseline"] - 0.8 * l["size"] for l in ls) * mm,
            max(l["baseline"] + 0.3 * l["size"] for l in ls) * mm)
ok = True
def check(what, cond):
    global ok
    print(("ok: " if cond else "FAIL: ") + what)
    ok = ok and cond
check(f"one changed region on p.1 (got {regions})", len(regions) == 1)
check("the dump has the changed line", len(changed) == 1)
if regions and changed:
    r, p, c = regions[0], box(para), box(changed)
    print(f"region x {r[0]}..{r[1]} y {r[2]}..{r[3]} mm; changed line x {c[0]:.1f}..{c[1]:.1f}"
          f" y {c[2]:.1f}..{c[3]:.1f} mm; paragraph y {p[2]:.1f}..{p[3]:.1f} mm")
    check("the region overlaps the changed line",
          r[0] < c[1] and r[1] > c[0] and r[2] < c[3] and r[3] > c[2])
    check("the region stays on the paragraph (2 mm slack)",
          r[0] >= p[0] - 2 and r[1] <= p[1] + 2 and r[2] >= p[2] - 2 and r[3] <= p[3] + 2)
sys.exit(0 if ok else 1)
PY
exit "$bad"
