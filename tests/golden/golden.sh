#!/usr/bin/env bash
# golden.sh SAMPLE: the sample's PDF must equal tests/reference/SAMPLE.pdf byte
# for byte, and its --dump-layout tests/reference/SAMPLE.json if there is one. A difference means the layout changed: look at the new pages, and if
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
# the layout dump is compared too once tests/reference/SAMPLE.json exists
refj="$SOURCE_ROOT/tests/reference/$1.json"
if [ -f "$refj" ]; then
	build_sample "$1" "$WORK/$1.pdf" --dump-layout "$WORK/$1.json"
	compare_reference "$1" "$ref" "$WORK/$1.pdf" "$refj" "$WORK/$1.json"
else
	build_sample "$1" "$WORK/$1.pdf"
	compare_reference "$1" "$ref" "$WORK/$1.pdf"
	echo "note: no $refj yet; update-references.sh writes it"
fi
