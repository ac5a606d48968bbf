#!/usr/bin/env bash
# golden.sh SAMPLE: the sample's PDF must equal tests/reference/SAMPLE.pdf byte
# for byte. A difference means the layout changed: look at the new pages, and if
# the change is intended, update the reference (README: "Updating references").
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: golden.sh SAMPLE"
need CMP cmp diffutils
ref="$SOURCE_ROOT/tests/reference/$1.pdf"
if [ ! -f "$ref" ]; then
	fail "no reference $ref: build the sample, look at every page, then run
    tests/golden/update-references.sh    (or: ninja -C BUILD update-references)
and commit tests/reference/$1.pdf with a message that says why"
fi
build_sample "$1" "$WORK/$1.pdf"
if ! "$CMP" "$ref" "$WORK/$1.pdf"; then
	kept=""
	if [ -n "${BUILD_ROOT:-}" ] && mkdir -p "$BUILD_ROOT/golden" 2>/dev/null; then
		cp "$WORK/$1.pdf" "$BUILD_ROOT/golden/$1.pdf" && kept="$BUILD_ROOT/golden/$1.pdf"
	fi
	echo "reference: $ref ($(stat -c %s "$ref") bytes)" >&2
	echo "new build: ${kept:-(not kept)} ($(stat -c %s "$WORK/$1.pdf") bytes)" >&2
	[ -n "$kept" ] && echo "compare:   $FOLIO diff $ref $kept" >&2
	fail "$1: the PDF differs from its reference; if the layout change is intended," \
		"run tests/golden/update-references.sh and say why in the commit"
fi
echo "ok: $1 matches tests/reference/$1.pdf ($(stat -c %s "$ref") bytes)"
