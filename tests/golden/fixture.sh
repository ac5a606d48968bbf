#!/usr/bin/env bash
# fixture.sh NAME: the golden fixture tests/golden-fixtures/NAME, built, must
# equal tests/reference/fixtures/NAME.pdf and NAME.json (its --dump-layout)
# byte for byte. When not, folio diff says where, with images in the build
# folder. GOLDEN_FIXTURES and GOLDEN_REFERENCES move the two folders (the
# checker's own tests use that).
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: fixture.sh NAME"
refs="${GOLDEN_REFERENCES:-$SOURCE_ROOT/tests/reference/fixtures}"
if [ ! -f "$refs/$1.pdf" ] || [ ! -f "$refs/$1.json" ]; then
	fail "no reference $refs/$1.pdf and .json: build the fixture, look at its pages, then run
    tests/golden/update-references.sh    (or: ninja -C BUILD update-references)
and commit them with a message that says why"
fi
build_fixture "$1" "$WORK/$1.pdf" "$WORK/$1.json"
compare_reference "fixture-$1" "$refs/$1.pdf" "$WORK/$1.pdf" "$refs/$1.json" "$WORK/$1.json"
