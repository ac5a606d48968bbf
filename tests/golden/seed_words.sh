#!/usr/bin/env bash
# seed_words.sh SAMPLE SEED: every word of the text the sample was made from
# (SEED, relative to SOURCE_ROOT: the shared seeds beside the clone) must be a
# word of the PDF, the contents box's "Page 01" and the list's "01" included.
source "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || fail "usage: seed_words.sh SAMPLE SEED"
need PDFTOTEXT pdftotext poppler-utils
need PYTHON3 python3 python3
seed="$SOURCE_ROOT/$2"
[ -f "$seed" ] || fail "the seed text $seed is missing: CI needs shared/ beside the clone"
build_sample "$1" "$WORK/$1.pdf"
"$PDFTOTEXT" -enc UTF-8 "$WORK/$1.pdf" "$WORK/$1.txt" || fail "pdftotext could not read the PDF"
"$PYTHON3" "$HERE/pdftext.py" words-missing "$WORK/$1.txt" --plain "$seed" ||
	fail "$1: words of $2 are missing from the PDF"
