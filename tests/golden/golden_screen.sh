#!/usr/bin/env bash
# golden_screen.sh SAMPLE: the sample's screen edition (--target screen: its
# pictures made 150 ppi, its tags, links and bookmarks) must equal
# tests/reference/SAMPLE.screen.pdf byte for byte. A difference means the
# screen edition changed: look at the new pages (the test prints folio diff's
# findings), and if the change is intended, update the reference (README:
# "Updating references").
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: golden_screen.sh SAMPLE"
need CMP cmp diffutils
ref="$SOURCE_ROOT/tests/reference/$1.screen.pdf"
[ -f "$ref" ] || fail "no reference $ref: build the sample's screen edition, look at every page, then run
    tests/golden/update-references.sh --samples
and commit tests/reference/$1.screen.pdf with a message that says why"
build_sample "$1" "$WORK/$1.screen.pdf" --target screen
compare_reference "$1.screen" "$ref" "$WORK/$1.screen.pdf"
