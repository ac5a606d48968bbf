#!/usr/bin/env bash
# press.sh: the print preflight's checks for the press and the cut
# (src/pdf/press.c), on the fixture issue of tests/print/fixtures/press:
# - a layout colour of 400% ink stops a print build (exit 2, no PDF) at
#   the colour's line; --draft warns and writes; the screen edition does
#   not care; a colour as heavy that nothing uses is not named; a higher
#   print: ink_limit lets it through;
# - a CMYK picture of 400% ink stops it, naming the picture; one of 100 K
#   does not;
# - margins inside the 3 mm a cut may wander: the text there and a picture
#   that stops 2 mm short of the trim are warned of, once each; rules under
#   a quarter point are warned of at `rules: width`;
# - the sample: no such message, and the report's ink line per page.
source "$(dirname "$0")/lib.sh"
: "${MAKE_JPEG:?MAKE_JPEG is not set (run the tests through meson test)}"
cp -r "$(dirname "$0")/fixtures/press" "$WORK/press"
issue=$WORK/press/issue.yaml
mkdir "$WORK/press/images"
"$MAKE_JPEG" "$WORK/press/images/heavy.jpg" cmyk-heavy || fail "make_jpeg cmyk-heavy"
"$MAKE_JPEG" "$WORK/press/images/k.jpg" cmyk || fail "make_jpeg cmyk"

# run NAME ARGS...: folio build ARGS, status in $rc, messages in $WORK/NAME.err
run() {
	local name=$1
	shift
	rc=0
	"$FOLIO" build "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
}

echo old >"$WORK/ink.pdf"
run ink "$issue" -o "$WORK/ink.pdf"
[ "$rc" -eq 2 ] && ok "a 400% colour: exit 2" || no "a 400% colour: exit $rc, not 2"
line=$(grep -n "^  soot:" "$WORK/press/ink.yaml" | cut -d: -f1)
grep -q "ink.yaml:$line:[0-9]*: error: colour 'soot' is 400% ink (C 100 M 100 Y 100 K 100), used on page 1; the press takes at most 330%" "$WORK/ink.err" &&
	ok "the error stands at the colour's line ($line) and says its inks" ||
	{ no "no error at ink.yaml:$line:"; cat "$WORK/ink.err"; }
grep -q "unused" "$WORK/ink.err" && no "an unused colour was named" || ok "an unused colour is not named"
[ "$(cat "$WORK/ink.pdf")" = old ] && ok "the old PDF is left" || no "the old PDF was replaced"

run draft "$issue" --draft -o "$WORK/draft.pdf"
[ "$rc" -eq 0 ] && [ -s "$WORK/draft.pdf" ] && ok "--draft writes it" || no "--draft exited $rc"
grep -q "warning: colour 'soot' is 400% ink" "$WORK/draft.err" && ok "--draft warns" ||
	{ no "--draft did not warn:"; cat "$WORK/draft.err"; }

run screen "$issue" --target screen -o "$WORK/screen.pdf"
[ "$rc" -eq 0 ] && ! grep -q "ink" "$WORK/screen.err" && ok "the screen edition does not weigh ink" ||
	{ no "screen: exit $rc"; cat "$WORK/screen.err"; }

sed 's/^print:.*//; s/^pages:/print: {ink_limit: 400}\npages:/' "$WORK/press/ink.yaml" >"$WORK/press/ink400.yaml"
sed -i 's/^layout: ink.yaml/layout: ink400.yaml/' "$issue"
run limit "$issue" -o "$WORK/limit.pdf"
[ "$rc" -eq 0 ] && ! grep -q "ink" "$WORK/limit.err" && ok "print: {ink_limit: 400} lets it through" ||
	{ no "ink_limit 400: exit $rc"; cat "$WORK/limit.err"; }

# the tight layout, with a pull quote and a CMYK picture
sed -i 's/^layout: .*/layout: tight.yaml/' "$issue"
cat >>"$issue" <<'YAML'

      > A pull quote between two rules.

      ![A CMYK picture](images/heavy.jpg)
YAML
run heavy "$issue" -o "$WORK/heavy.pdf"
[ "$rc" -eq 2 ] && [ ! -e "$WORK/heavy.pdf" ] && ok "a 400% picture: exit 2, no PDF" ||
	no "a 400% picture: exit $rc"
grep -q "images/heavy.jpg: error: picture puts down 400% ink where it is darkest (page 1)" "$WORK/heavy.err" &&
	ok "the error names the picture" || { no "no error naming heavy.jpg:"; cat "$WORK/heavy.err"; }
rline=$(grep -n "^rules:" "$WORK/press/tight.yaml" | cut -d: -f1)
grep -q "tight.yaml:$rline:[0-9]*: warning: a rule 0.10 pt wide on page 1" "$WORK/heavy.err" &&
	ok "a hairline is warned of at rules: width" || { no "no hairline warning:"; cat "$WORK/heavy.err"; }
[ "$(grep -c "from the trim" "$WORK/heavy.err")" -eq 1 ] &&
	grep -q "warning: page 1: text in '[a-z_]*' comes 0.[0-9] mm from the trim at the bottom (and on 3 more pages)" "$WORK/heavy.err" &&
	ok "text by the trim: one warning for the four pages" ||
	{ no "text by the trim:"; cat "$WORK/heavy.err"; }
grep -q "warning: page 1: a picture ends 2.0 mm inside the trim at the left" "$WORK/heavy.err" &&
	ok "a picture 2 mm short of the trim is warned of" || { no "no warning of the picture's edge:"; cat "$WORK/heavy.err"; }

sed -i 's/heavy.jpg/k.jpg/' "$issue"
run light "$issue" -o "$WORK/light.pdf"
[ "$rc" -eq 0 ] && ! grep -q "% ink" "$WORK/light.err" && ok "a picture of 100 K passes" ||
	{ no "100 K picture: exit $rc"; cat "$WORK/light.err"; }

run sample "$ISSUE" --report -o "$WORK/sample.pdf"
[ "$rc" -eq 0 ] || no "the sample exited $rc"
grep -q "ink\|trim\|rule" "$WORK/sample.err" && { no "the sample drew a press warning:"; cat "$WORK/sample.err"; } ||
	ok "the sample: no press warning"
[ "$(grep -c '^    ink (layout colours, CMYK pictures): at most 210% (navy); the press takes 330%$' "$WORK/sample.out")" -eq 4 ] &&
	ok "the report gives each page's ink" || { no "no ink line per page:"; grep ink "$WORK/sample.out"; }
[ "$bad" -eq 0 ] || fail "press"
