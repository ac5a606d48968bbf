#!/usr/bin/env bash
# cli.sh: folio diff's exit statuses and reports: a PDF against itself is the
# same (0); two different issues differ (1) with a line for every page; a
# missing page is a difference; a missing or corrupt file is trouble (2) and
# the message names it; --out writes images only for changed pages.
source "$(dirname "$0")/lib.sh"
a="$REFS/pull-quote.pdf"
b="$REFS/list.pdf"

rc=$(status_of "$FOLIO" diff "$a" "$a")
check "a PDF against itself exits 0 (got $rc)" test "$rc" = 0
check "... and says the 4 pages are the same" grep -qx "same: 4 pages" "$WORK/out"

rc=$(status_of "$FOLIO" diff "$a" "$b" --out "$WORK/img")
cat "$WORK/out"
check "two different issues exit 1 (got $rc)" test "$rc" = 1
for p in 1 2 3 4; do
	check "the summary has a line for p.$p" grep -q "^p\.$p: " "$WORK/out"
done
check "... and counts the changed pages" grep -qE "^[1-4] of 4 pages differ$" "$WORK/out"
check "p.1 has a region in mm" grep -qE "^p\.1:   x [0-9.]+ to [0-9.]+ mm, y [0-9.]+ to [0-9.]+ mm" "$WORK/out"
check "the vanished title is named" grep -q "A pull quote' \(vanished\|changed to\|deleted\)" "$WORK/out"
check "p.1 diff image is a PNG" bash -c "head -c 8 '$WORK/img/page-1.png' | od -An -c | grep -q 'P   N   G'"
for p in 2 3 4; do
	if grep -qx "p.$p: same" "$WORK/out"; then
		check "no image for the unchanged p.$p" test ! -e "$WORK/img/page-$p.png"
	fi
done

rc=$(status_of "$FOLIO" diff "$a" "$a" --out "$WORK/none")
check "no image when nothing changed" test -z "$(ls -A "$WORK/none" 2>/dev/null)"

if command -v qpdf >/dev/null; then
	qpdf "$a" --pages "$a" 1-2 -- "$WORK/two.pdf"
	rc=$(status_of "$FOLIO" diff "$a" "$WORK/two.pdf")
	check "a page missing exits 1 (got $rc)" test "$rc" = 1
	check "... and names the missing pages" grep -q "^p\.3: missing" "$WORK/out"
	rc=$(status_of "$FOLIO" diff "$WORK/two.pdf" "$a")
	check "a page added is named" grep -q "^p\.4: added" "$WORK/out"
else
	echo "FAIL: qpdf not found: install the Debian package qpdf"
	bad=1
fi

rc=$(status_of "$FOLIO" diff "$a" "$WORK/nothing-here.pdf")
check "a missing file exits 2 (got $rc)" test "$rc" = 2
check "... and the message names it" grep -q "nothing-here.pdf" "$WORK/err"

printf '%%PDF-1.4\nthis is not a PDF\n' >"$WORK/broken.pdf"
rc=$(status_of "$FOLIO" diff "$WORK/broken.pdf" "$a")
check "a corrupt file exits 2 (got $rc)" test "$rc" = 2
check "... and the message names it" grep -q "broken.pdf: not a readable PDF" "$WORK/err"

rc=$(status_of "$FOLIO" diff "$a")
check "one file only is a usage error (2, got $rc)" test "$rc" = 2
rc=$(status_of "$FOLIO" diff "$a" "$a" --dpi 0)
check "--dpi 0 is refused (2, got $rc)" test "$rc" = 2
exit "$bad"
