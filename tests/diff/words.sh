#!/usr/bin/env bash
# words.sh: folio diff says an edit once, in words, however many lines it
# sets again. On a copy of the sample (justified, hyphenated text): a phrase
# inserted, a sentence deleted, a word replaced. Each must be named by one
# message on the page where it lands, with the words before it; the lines
# the paragraph then sets again (other breaks, other hyphens) are counted,
# not quoted as changes of their own.
source "$(dirname "$0")/lib.sh"
cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$WORK/issue"
art="$WORK/issue/articles"
"$FOLIO" build "$WORK/issue/issue.yaml" -o "$WORK/a.pdf"

# edit FILE SED-EXPRESSION TEXT-THAT-MUST-BE-THERE: change the copy, build B
edit() {
	sed -i "$2" "$art/$1"
	grep -q "$3" "$art/$1" || { echo "FAIL: the edit of $1 did not take"; exit 1; }
	"$FOLIO" build "$WORK/issue/issue.yaml" -o "$WORK/b.pdf"
	cp "$SOURCE_ROOT/samples/cadap7-n2/articles/$1" "$art/$1"
}
edits() { grep -cE "^p\.[0-9]+: '.*' (\([0-9]+ words\) )?(inserted|deleted|changed to) " "$WORK/out"; }

edit 01-dialogue.md 's/Brussels, Belgium,/Brussels, Belgium (at the Justus Lipsius building),/' 'Lipsius'
rc=$(status_of "$FOLIO" diff "$WORK/a.pdf" "$WORK/b.pdf")
cat "$WORK/out"
check "an insertion: exit 1 (got $rc)" test "$rc" = 1
check "... named once, with the words before it" \
	grep -qx "p\.1: '(at the Justus Lipsius building)' inserted after 'Brussels, Belgium'" "$WORK/out"
check "... and no other edit is read into the reflow ($(edits) edits)" test "$(edits)" = 1
check "... whose lines are counted" grep -qE "^p\.1: [0-9]+ lines reflowed, starting 'On July" "$WORK/out"

edit 01-dialogue.md 's/ Particularly, the European Commission presented the EU Drugs Strategy 2021-2025 and its Action Plan 2021-2025 and EU agencies shared the information on recent development in the EU\.//' 'External Action Service. Expert'
rc=$(status_of "$FOLIO" diff "$WORK/a.pdf" "$WORK/b.pdf")
cat "$WORK/out"
check "a deletion: exit 1 (got $rc)" test "$rc" = 1
check "... named once, with its length and the words before it" \
	grep -qx "p\.1: 'Particularly, the European Commission…' (27 words) deleted after 'Action Service.'" "$WORK/out"
check "... and nothing else ($(edits) edits)" test "$(edits)" = 1

edit 06-conference.md 's/scientific and practical conference/scientific and practical meeting/' 'practical meeting'
rc=$(status_of "$FOLIO" diff "$WORK/a.pdf" "$WORK/b.pdf")
cat "$WORK/out"
check "a replacement: exit 1 (got $rc)" test "$rc" = 1
check "... named on its page" grep -qx "p\.3: 'conference' changed to 'meeting' after 'and practical'" "$WORK/out"
check "... and nothing else ($(edits) edits)" test "$(edits)" = 1
check "... the other pages the same" test "$(grep -c ': same$' "$WORK/out")" = 3
exit $bad
