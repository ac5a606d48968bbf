#!/usr/bin/env bash
# gaps.sh SAMPLE: the word spacing of the sample's justified lines, measured
# from its PDF (gaps.py): 95% of lines with their widest gap within 1.4x the
# median gap, none above 1.8x, no word gap below 0.6x the median (squeezed),
# never more than two hyphens in a row.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
sample=${1:-cadap7-n2}
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-gaps.XXXXXX")
trap 'rm -rf "$work"' EXIT
for tool in pdftotext python3; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (poppler-utils, python3)"; exit 1; }
done
"$FOLIO" build "$SOURCE_ROOT/samples/$sample/issue.yaml" -o "$work/out.pdf" >"$work/build.log" 2>&1 || {
	cat "$work/build.log"
	echo "FAIL: folio build $sample"
	exit 1
}
python3 "$SOURCE_ROOT/tests/quality/gaps.py" "$work/out.pdf" --check
