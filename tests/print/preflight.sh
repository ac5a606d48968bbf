#!/usr/bin/env bash
# preflight.sh: a picture under 150 ppi at its placed size stops a print
# build (exit 2, naming the picture) unless --draft, which warns and writes;
# the screen edition does not care; --report lists fonts, pictures with
# their resolution, the colour spaces and what overprints.
source "$(dirname "$0")/lib.sh"
issue=$(dirname "$0")/fixtures/lowres/issue.yaml

rc=0
"$FOLIO" build "$issue" -o "$WORK/low.pdf" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" -eq 2 ] && ok "print build exits 2" || no "print build exited $rc, not 2"
grep -q "small.png.*ppi" "$WORK/err" && ok "the error names the picture" ||
	{ no "no error naming small.png:"; cat "$WORK/err"; }
[ ! -e "$WORK/low.pdf" ] && ok "no PDF written" || no "a PDF was written"

rc=0
"$FOLIO" build "$issue" --draft -o "$WORK/draft.pdf" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" -eq 0 ] && [ -s "$WORK/draft.pdf" ] && ok "--draft writes it" || no "--draft exited $rc"
grep -qi "warning.*small.png\|small.png.*warning" "$WORK/err" && ok "--draft warns" ||
	{ no "--draft did not warn:"; cat "$WORK/err"; }

rc=0
"$FOLIO" build "$issue" --target screen -o "$WORK/screen.pdf" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 0 ] && ok "screen build exits 0" || no "screen build exited $rc"

rc=0
"$FOLIO" build "$ISSUE" --report -o "$WORK/sample.pdf" >"$WORK/report" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || no "sample build with --report exited $rc"
sed -n '/^preflight/,$p' "$WORK/report" >"$WORK/pre"
[ "$(grep -c '^  page ' "$WORK/pre")" -eq 4 ] && ok "preflight lists 4 pages" || no "preflight pages:"
grep -q "font PTSerif-Regular.ttf: embedded" "$WORK/pre" && ok "fonts listed as embedded" ||
	no "no embedded font listed"
[ "$(grep -c 'picture .* ppi, ICCBased sRGB' "$WORK/pre")" -ge 4 ] && ok "4 pictures with ppi" ||
	no "pictures not listed with their ppi"
grep -q "colour spaces: DeviceCMYK" "$WORK/pre" && ok "colour spaces listed" || no "no colour spaces"
[ "$(grep -c '^    overprint: black (100% K) text' "$WORK/pre")" -eq 4 ] &&
	ok "black text overprints on every page" || no "overprint not listed for each page"
[ "$bad" -eq 0 ] || { cat "$WORK/pre"; fail "preflight"; }
