#!/usr/bin/env bash
# kerning.sh SAMPLE: the glyphs in the PDF sit where the engine measured them
# (issue 3, item 3): the sample is built with its layout dump and every word
# pdftotext -bbox finds is compared with the dump's pieces (kerning.py).
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
sample=${1:-cadap7-n2}
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-kerning.XXXXXX")
trap 'rm -rf "$work"' EXIT
for tool in pdftotext pdfinfo python3; do
	command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (poppler-utils, python3)"; exit 1; }
done
"$FOLIO" build "$SOURCE_ROOT/samples/$sample/issue.yaml" -o "$work/out.pdf" \
	--dump-layout "$work/layout.json" >"$work/build.log" 2>&1 || {
	cat "$work/build.log"
	echo "FAIL: folio build $sample"
	exit 1
}
python3 "$SOURCE_ROOT/tests/quality/kerning.py" "$work/layout.json" "$work/out.pdf"
