#!/usr/bin/env bash
# deterministic.sh SAMPLE: the same input gives the same bytes (FORMAT.md),
# in the PDF and in the --dump-layout JSON.
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: deterministic.sh SAMPLE"
need CMP cmp diffutils
build_sample "$1" "$WORK/a.pdf" --dump-layout "$WORK/a.json"
build_sample "$1" "$WORK/b.pdf" --dump-layout "$WORK/b.json"
"$CMP" "$WORK/a.pdf" "$WORK/b.pdf" || fail "$1: two builds of the same input differ"
echo "ok: two builds of $1 are identical ($(stat -c %s "$WORK/a.pdf") bytes)"
"$CMP" "$WORK/a.json" "$WORK/b.json" || fail "$1: two layout dumps of the same input differ"
echo "ok: their layout dumps are identical ($(stat -c %s "$WORK/a.json") bytes)"
