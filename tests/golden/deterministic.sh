#!/usr/bin/env bash
# deterministic.sh SAMPLE: the same input gives the same bytes (FORMAT.md).
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: deterministic.sh SAMPLE"
need CMP cmp diffutils
build_sample "$1" "$WORK/a.pdf"
build_sample "$1" "$WORK/b.pdf"
"$CMP" "$WORK/a.pdf" "$WORK/b.pdf" || fail "$1: two builds of the same input differ"
echo "ok: two builds of $1 are identical ($(stat -c %s "$WORK/a.pdf") bytes)"
