#!/usr/bin/env bash
# contents.sh SAMPLE [PAGES]: the contents box tells the truth. For each
# article with a contents label, the page number printed nearest to the label
# on page 1 must be the first page that carries the article's title.
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] && [ $# -le 2 ] || fail "usage: contents.sh SAMPLE [PAGES]"
need PDFTOTEXT pdftotext poppler-utils
need PYTHON3 python3 python3
build_sample "$1" "$WORK/$1.pdf"
"$PYTHON3" "$HERE/pdftext.py" contents "$WORK/$1.pdf" "$SOURCE_ROOT/samples/$1/issue.yaml" \
	--pages "${2:-4}" --pdftotext "$PDFTOTEXT" || fail "$1: the contents box is wrong"
