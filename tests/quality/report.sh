#!/usr/bin/env bash
# report.sh SAMPLE: `folio check` on the sample reports, overall, no widows,
# no orphans, no line off the grid, no overfull line, no hyphen ending a
# column, never more than two hyphenated lines in a row (issue 3), and its
# tightest line shrunk no further than TeX allows; it names the page and
# the first words of its loosest and tightest lines; every page is at least
# three quarters filled, and the build warns of no empty page.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
sample=${1:-cadap7-n2}
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext not found (poppler-utils)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
report=$("$FOLIO" build --report "$SOURCE_ROOT/samples/$sample/issue.yaml" -o "$work/out.pdf" 2>"$work/err")
line=$(printf '%s\n' "$report" | grep -E '^  overall ') || {
	printf '%s\n' "$report"
	echo "FAIL: no 'overall' line in the report"
	exit 1
}
echo "$line"
# columns: lines hyphens in-a-row at-a-column-end loosest tightest widows orphans off-grid overfull filled
read -r _ lines hyphens run ends loosest tightest widows orphans offgrid overfull filled rest <<<"$line"
bad=0
[ -z "${rest:-}" ] || { echo "FAIL: more columns than expected: '$rest'"; bad=1; }
# how full each page is: the sample's pages are set, not left half empty
pages=$(printf '%s\n' "$report" | grep -cE '^  page [0-9]+ +[0-9]+ .*%$')
[ "$pages" -eq 4 ] || { echo "FAIL: $pages page rows in the quality table"; bad=1; }
while read -r _ page _ _ _ _ _ _ _ _ _ _ full; do
	[[ $full =~ ^[0-9]+%$ ]] && [ "${full%\%}" -ge 75 ] ||
		{ echo "FAIL: page $page is '$full' filled"; bad=1; }
done < <(printf '%s\n' "$report" | grep -E '^  page [0-9]+ +[0-9]+ .*%$')
[[ $filled =~ ^[0-9]+%$ ]] || { echo "FAIL: overall filled is '$filled'"; bad=1; }
if grep -E 'empty|filled' "$work/err"; then
	echo "FAIL: the sample's build warns of an unfilled page"
	bad=1
fi
[ "$lines" -gt 100 ] || { echo "FAIL: only $lines lines counted"; bad=1; }
[ "$run" -le 2 ] || { echo "FAIL: $run hyphenated lines in a row"; bad=1; }
# the samples have shrunk lines, none past r = -1 (TeX's limit: overfull)
[[ $tightest =~ ^-[01]\.[0-9][0-9]$ ]] && awk -v t="$tightest" 'BEGIN { exit !(t >= -1) }' ||
	{ echo "FAIL: tightest ratio '$tightest' is not in [-1, 0)"; bad=1; }
for v in ends widows orphans offgrid overfull; do
	[ "${!v}" -eq 0 ] || { echo "FAIL: $v = ${!v}"; bad=1; }
done
# the report points at its loosest and tightest lines: the ratio is the
# table's, and the line's first words are on that page of the PDF
for which in loosest tightest; do
	at=$(printf '%s\n' "$report" | grep -E "^  $which line: page [0-9]+, ") || {
		echo "FAIL: no '$which line' in the report"; bad=1; continue; }
	echo "$at"
	page=$(sed -E 's/^.*line: page ([0-9]+),.*$/\1/' <<<"$at")
	start=$(sed -E "s/^[^']*'(.*)' \(-?[0-9.]+\)$/\1/; s/…$//" <<<"$at")
	ratio=$(sed -E 's/^.*\((-?[0-9.]+)\)$/\1/' <<<"$at")
	[ "$ratio" = "${!which}" ] || { echo "FAIL: $which line's ratio $ratio is not the table's ${!which}"; bad=1; }
	text=$(pdftotext -f "$page" -l "$page" "$work/out.pdf" - | tr -s ' \n' '  ')
	case $text in
	*"$start"*) ;;
	*) echo "FAIL: '$start' is not on page $page"; bad=1 ;;
	esac
done
exit $bad
