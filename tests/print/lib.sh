# shellcheck shell=bash
# Shared by the print tests (sourced): builds the sample in both editions
# into $WORK and offers small checks. meson passes FOLIO and SOURCE_ROOT.
set -euo pipefail

fail() {
	echo "FAIL: $*" >&2
	exit 1
}
bad=0
no() {
	echo "FAIL: $*"
	bad=1
}
ok() { echo "ok: $*"; }

: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
for tool in pdfinfo:poppler-utils pdffonts:poppler-utils pdfimages:poppler-utils \
	pdftotext:poppler-utils qpdf:qpdf python3:python3; do
	command -v "${tool%%:*}" >/dev/null || fail "${tool%%:*} not found: install ${tool#*:}"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-print.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ISSUE=$SOURCE_ROOT/samples/cadap7-n2/issue.yaml

# build TARGET: the sample as $WORK/TARGET.pdf
build() {
	local rc=0
	"$FOLIO" build "$ISSUE" --target "$1" -o "$WORK/$1.pdf" >"$WORK/$1.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$WORK/$1.pdf" ]; then
		cat "$WORK/$1.log" >&2
		fail "folio build --target $1 exited $rc"
	fi
}

# qpdf_clean PDF: qpdf --check finds nothing, not even a warning
qpdf_clean() {
	local out rc=0
	out=$(qpdf --check "$1" 2>&1) || rc=$?
	if [ "$rc" -eq 0 ] && grep -q "No syntax or stream encoding errors" <<<"$out" &&
		! grep -qi "warning" <<<"$out"; then
		ok "qpdf --check is clean"
	else
		no "qpdf --check (exit $rc):"
		echo "$out"
	fi
}

# text_clean PDF: pdftotext says nothing on stderr and finds the lead's words
text_clean() {
	pdftotext -enc UTF-8 "$1" "$WORK/text.txt" 2>"$WORK/text.err" || no "pdftotext failed"
	if [ -s "$WORK/text.err" ]; then
		no "pdftotext warned:"
		head -5 "$WORK/text.err"
	else
		ok "pdftotext printed no warning"
	fi
	grep -q "CADAP" "$WORK/text.txt" && ok "text extracts" || no "no 'CADAP' in the text"
}

# fonts_embedded PDF
fonts_embedded() {
	pdffonts "$1" | tail -n +3 >"$WORK/fonts.txt"
	local n notemb
	n=$(wc -l <"$WORK/fonts.txt")
	notemb=$(awk '$(NF-4) != "yes"' "$WORK/fonts.txt")
	if [ "$n" -eq 0 ]; then
		no "pdffonts lists no font"
	elif [ -n "$notemb" ]; then
		no "fonts not embedded: $notemb"
	else
		ok "$n fonts, all embedded"
	fi
}

# json PDF PYTHON: run a python snippet on qpdf --json's document (as `d`,
# the objects as `objs`, each value resolved); it prints lines and sets
# exit status 1 on a failed check (by printing "FAIL: ..." lines).
json() {
	qpdf --json "$1" >"$WORK/doc.json"
	python3 - "$WORK/doc.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
objs = {k: v.get("value", v.get("stream", {}).get("dict")) for k, v in d["qpdf"][1].items()}
streams = {k: v["stream"]["dict"] for k, v in d["qpdf"][1].items() if "stream" in v}
trailer = objs.get("trailer", {})
def get(ref):
    return objs.get("obj:" + ref) if isinstance(ref, str) and ref.endswith(" R") else ref
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        bad = 1
$2
sys.exit(bad)
PY
}
