#!/usr/bin/env bash
# report.sh SAMPLE: `folio check` on the sample reports, overall, no widows,
# no orphans, no line off the grid, no overfull line, no hyphen ending a
# column, never more than two hyphenated lines in a row (issue 3), and its
# tightest line shrunk no further than TeX allows.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
sample=${1:-cadap7-n2}
report=$("$FOLIO" check "$SOURCE_ROOT/samples/$sample/issue.yaml")
line=$(printf '%s\n' "$report" | grep -E '^  overall ') || {
	printf '%s\n' "$report"
	echo "FAIL: no 'overall' line in the report"
	exit 1
}
echo "$line"
# columns: lines hyphens in-a-row at-a-column-end loosest tightest widows orphans off-grid overfull
read -r _ lines hyphens run ends loosest tightest widows orphans offgrid overfull <<<"$line"
bad=0
[ "$lines" -gt 100 ] || { echo "FAIL: only $lines lines counted"; bad=1; }
[ "$run" -le 2 ] || { echo "FAIL: $run hyphenated lines in a row"; bad=1; }
# the samples have shrunk lines, none past r = -1 (TeX's limit: overfull)
[[ $tightest =~ ^-[01]\.[0-9][0-9]$ ]] && awk -v t="$tightest" 'BEGIN { exit !(t >= -1) }' ||
	{ echo "FAIL: tightest ratio '$tightest' is not in [-1, 0)"; bad=1; }
for v in ends widows orphans offgrid overfull; do
	[ "${!v}" -eq 0 ] || { echo "FAIL: $v = ${!v}"; bad=1; }
done
exit $bad
