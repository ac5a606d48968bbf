#!/usr/bin/env bash
# condition.sh: the printing condition named in the PDF/X OutputIntent is
# the layout's `print:`, not a constant: a copy of the quarterly layout that
# names FOGRA29 gives a PDF whose OutputIntent says FOGRA29.
. "$(dirname "$0")/lib.sh"

sed -e 's/^  condition: .*/  condition: Uncoated FOGRA29 (ISO 12647-2:2004)/' \
	-e 's/^  identifier: .*/  identifier: FOGRA29/' \
	"$SOURCE_ROOT/layouts/quarterly.yaml" >"$WORK/uncoated.yaml"
grep -q 'identifier: FOGRA29' "$WORK/uncoated.yaml" || fail "the layout copy does not name FOGRA29"
"$FOLIO" build "$ISSUE" --layout "$WORK/uncoated.yaml" -o "$WORK/u.pdf" || fail "folio build with FOGRA29"
json "$WORK/u.pdf" '
cat = get(trailer["/Root"])
intents = [get(i) for i in get(cat.get("/OutputIntents", []))]
ids = [oi.get("/OutputConditionIdentifier") for oi in intents]
check(ids == ["u:FOGRA29"], "the OutputIntent names the layout'"'"'s FOGRA29 (found %s)" % ids)
'
exit $bad
