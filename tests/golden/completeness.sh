#!/usr/bin/env bash
# completeness.sh SAMPLE: text is never lost. Every word of the sample's
# articles (Markdown syntax stripped; alt text and image titles kept) and of
# its issue.yaml (newsletter, tagline, issue, titles, sections, contents
# labels, captions, credits, website) must be a word of the PDF's text.
source "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || fail "usage: completeness.sh SAMPLE"
need PDFTOTEXT pdftotext poppler-utils
need PYTHON3 python3 python3
build_sample "$1" "$WORK/$1.pdf"
"$PDFTOTEXT" -enc UTF-8 "$WORK/$1.pdf" "$WORK/$1.txt" || fail "pdftotext could not read the PDF"
"$PYTHON3" "$HERE/pdftext.py" words-missing "$WORK/$1.txt" --sample "$SOURCE_ROOT/samples/$1" ||
	fail "$1: words of the sample are missing from the PDF"
