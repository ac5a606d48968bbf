#!/usr/bin/env bash
# baselines.sh SAMPLE: body baselines of both columns coincide on every page,
# measured from the sample's PDF (baselines.py) against the layout's grid.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
sample=${1:-cadap7-n2}
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-baselines.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$FOLIO" build "$SOURCE_ROOT/samples/$sample/issue.yaml" -o "$work/out.pdf" >"$work/build.log" 2>&1 || {
	cat "$work/build.log"
	echo "FAIL: folio build $sample"
	exit 1
}
layout=$(sed -n 's/^layout: *//p' "$SOURCE_ROOT/samples/$sample/issue.yaml")
grid=$(sed -n 's/^baseline: *\([0-9.]*\)pt.*/\1/p' "$SOURCE_ROOT/layouts/${layout:-quarterly}.yaml")
[ -n "$grid" ] || { echo "FAIL: no 'baseline: Npt' in layouts/${layout:-quarterly}.yaml"; exit 1; }
foot=$(sed -n 's/^margins:.*bottom: *\([0-9.]*\)mm.*/\1/p' "$SOURCE_ROOT/layouts/${layout:-quarterly}.yaml")
[ -n "$foot" ] || { echo "FAIL: no bottom margin in mm in layouts/${layout:-quarterly}.yaml"; exit 1; }
cd "$SOURCE_ROOT/tests/quality"
python3 baselines.py "$work/out.pdf" "$grid" "$(python3 -c "print($foot * 72 / 25.4)")"
