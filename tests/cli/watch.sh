#!/usr/bin/env bash
# watch.sh: folio watch on a copy of the sample: the first build, a rebuild
# after an article is edited (the same bytes as folio build makes of it,
# though watch keeps fonts and hyphenation from build to build; its line
# names the one page that changed; "no page changed" after a touch), one build
# and no error for a save that renames the old file to a backup first, an
# error line (and no exit) when issue.yaml is broken, a rebuild once it is
# fixed, a font file replaced under a layout that names it (read again, not
# kept), a clean stop on SIGTERM. Bounded: each wait gives up after 2 s (the
# first build 8 s): under 30 s even when failing.
. "$(dirname "$0")/watch_lib.sh"
mtime() { stat -c %Y.%y "$work/out.pdf" 2>/dev/null; }

cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$work/issue"
"$FOLIO" watch "$work/issue/issue.yaml" -o "$work/out.pdf" >"$work/log" 2>&1 &
pid=$!

wait_for 8 test -s "$work/out.pdf" || fail "no first PDF within 8 s"
wait_for 2 grep -q ' built ' "$work/log" || fail "no 'built' line after the first build"
cp "$work/out.pdf" "$work/first.pdf"

# an edit the way editors make it: a new file renamed over the old one
article="$work/issue/articles/03-prevention.md"
sed 's/Bishkek/Qqx/' "$article" >"$work/issue/articles/.tmp-edit"
mv "$work/issue/articles/.tmp-edit" "$article"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -ge 2 ]" ||
	fail "no rebuild within 2 s of editing an article"
cmp -s "$work/first.pdf" "$work/out.pdf" && fail "the PDF did not change after the edit"
# the article is on page 3, and the edit moves nothing off it
grep ' built ' "$work/log" | sed -n 2p | grep -q ', page 3 changed$' ||
	fail "the rebuild's line does not say that page 3, and only it, changed"
if command -v pdftotext >/dev/null; then
	pdftotext "$work/out.pdf" "$work/out.txt" && grep -q Qqx "$work/out.txt" ||
		fail "the rebuilt PDF lacks the edited word"
fi
# what watch makes with what it kept is what a build makes from nothing
"$FOLIO" build "$work/issue/issue.yaml" -o "$work/fresh.pdf" 2>/dev/null ||
	fail "folio build of the edited issue failed"
cmp -s "$work/fresh.pdf" "$work/out.pdf" ||
	fail "watch's rebuild differs from folio build of the same files"
cp "$work/out.pdf" "$work/second.pdf"

# an input saved unchanged: a build, and no page changed
n=$(builds)
touch "$work/issue/issue.yaml"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of touching issue.yaml"
grep ' built ' "$work/log" | tail -1 | grep -q ', no page changed$' ||
	fail "a rebuild of unchanged inputs does not say that no page changed"

# a save the way vim and emacs make a backup: the article renamed away, then
# written anew; one build when it is back, no 'cannot open' in between
n=$(builds)
mv "$article" "$article~"
sleep 0.1
sed 's/Qqx/Qqy/' "$article~" >"$article"
rm "$article~"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of a save through a backup"
sleep 0.5
[ "$(builds)" -eq $((n + 1)) ] || fail "a save through a backup made $(($(builds) - n)) builds"
grep -q 'FAILED' "$work/log" && fail "a save through a backup made a failed build"
sed 's/Qqy/Qqx/' "$article" >"$article.new"
mv "$article.new" "$article"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $((n + 1)) ]" ||
	fail "no rebuild within 2 s of a save through a temporary file"
wait_for 2 cmp -s "$work/second.pdf" "$work/out.pdf" ||
	fail "the article as it was does not give the PDF it gave"

# a broken issue.yaml: an error line, the process keeps running, the PDF stays
cp "$work/issue/issue.yaml" "$work/issue.yaml.good"
printf 'articles: [unclosed\n' >>"$work/issue/issue.yaml"
wait_for 2 grep -q 'FAILED' "$work/log" || fail "no FAILED line after breaking issue.yaml"
grep -q 'error' "$work/log" || fail "no error message printed for the broken issue.yaml"
kill -0 "$pid" 2>/dev/null || fail "watch exited after an input error"
cmp -s "$work/second.pdf" "$work/out.pdf" || fail "a failed build replaced the PDF"

# fixed again: a new good build
n=$(builds)
cp "$work/issue.yaml.good" "$work/issue/issue.yaml"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of fixing issue.yaml"

# a font replaced under a layout that names it by path: read again, so
# the PDF is folio build's and has the new font
mkdir "$work/issue/fonts"
cp "$SOURCE_ROOT/fonts/PTSerif-Regular.ttf" "$work/issue/fonts/Body.ttf"
sed 's|regular: PTSerif-Regular.ttf|regular: fonts/Body.ttf|' \
	"$SOURCE_ROOT/layouts/quarterly.yaml" >"$work/issue/mine.yaml"
n=$(builds)
sed 's/^layout: .*/layout: mine.yaml/' "$work/issue.yaml.good" >"$work/issue/issue.yaml"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of naming a layout file"
cp "$work/out.pdf" "$work/serif.pdf"
n=$(builds)
cp "$SOURCE_ROOT/fonts/PTSans-Regular.ttf" "$work/issue/fonts/Body.ttf"
wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
	fail "no rebuild within 2 s of replacing a font"
"$FOLIO" build "$work/issue/issue.yaml" -o "$work/fresh.pdf" 2>/dev/null ||
	fail "folio build with the replaced font failed"
cmp -s "$work/serif.pdf" "$work/fresh.pdf" && fail "replacing the font changed nothing"
cmp -s "$work/fresh.pdf" "$work/out.pdf" ||
	fail "watch kept the font that was replaced (its PDF differs from folio build's)"
grep -q 'FAILED' "$work/log" && [ "$(grep -c FAILED "$work/log")" -ne 1 ] &&
	fail "more than the one meant build failed"

kill -TERM "$pid"
wait_for 2 sh -c "! kill -0 $pid 2>/dev/null" || fail "watch did not stop on SIGTERM"
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || fail "watch exited with status $status on SIGTERM"
grep -q 'stopped' "$work/log" || fail "no 'stopped' line on SIGTERM"
echo "ok: $(builds) builds; $(grep -c FAILED "$work/log") failed as meant"
