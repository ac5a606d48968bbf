#!/usr/bin/env bash
# targets.sh: -o naming something other than a plain file. A pipe (or a
# device) is written into once the build succeeded, never renamed over: a
# rename would put a regular file where it was (as root, over /dev/null).
# A failed build does not open it. A link keeps being a link: the file it
# names is replaced (or made, when it is not there yet), beside that file,
# and nothing is left behind.
. "$(dirname "$0")/lib.sh"
"$FOLIO" build "$issue" -o "$work/plain.pdf" || fail "the plain build failed"

# a pipe: the PDF comes through it whole, and the pipe stays a pipe
mkfifo "$work/pipe"
# (bounded: were the pipe renamed over, its reader would wait for ever)
timeout 20 cat "$work/pipe" >"$work/from-pipe.pdf" &
reader=$!
timeout 20 "$FOLIO" build "$issue" -o "$work/pipe" || fail "the build into a pipe failed"
wait "$reader" || fail "the pipe's reader failed"
[ -p "$work/pipe" ] || fail "the pipe was replaced by a $(stat -c %F "$work/pipe")"
cmp -s "$work/from-pipe.pdf" "$work/plain.pdf" || fail "other bytes through the pipe"

# a failed build does not open the pipe (with no reader, opening it would
# wait forever: timeout says 124)
mkdir "$work/bad"
printf 'title: [unclosed\n' >"$work/bad/issue.yaml"
timeout 20 "$FOLIO" build "$work/bad/issue.yaml" -o "$work/pipe" 2>/dev/null
rc=$?
[ $rc = 2 ] || fail "a broken issue into a pipe exited $rc, want 2"

# a link: the file it names gets the PDF, the link stays, nothing is left
mkdir "$work/real" "$work/links"
printf 'old\n' >"$work/real/a.pdf"
ln -s ../real/a.pdf "$work/links/current.pdf"
"$FOLIO" build "$issue" -o "$work/links/current.pdf" || fail "the build through a link failed"
[ -L "$work/links/current.pdf" ] || fail "the link was replaced by a $(stat -c %F "$work/links/current.pdf")"
[ "$(readlink "$work/links/current.pdf")" = ../real/a.pdf ] || fail "the link points elsewhere"
cmp -s "$work/real/a.pdf" "$work/plain.pdf" || fail "the linked file did not get the PDF"
[ "$(cd "$work/real" && ls -A)" = a.pdf ] || fail "left beside the file: $(cd "$work/real" && ls -A)"
[ "$(cd "$work/links" && ls -A)" = current.pdf ] || fail "left beside the link: $(cd "$work/links" && ls -A)"

# a link to a file not made yet (a chain of two, relative): the file is
# made where the chain leads, both links stay
mkdir "$work/later"
ln -s ../later/issue.pdf "$work/links/next.pdf"
ln -s next.pdf "$work/links/newest.pdf"
"$FOLIO" build "$issue" -o "$work/links/newest.pdf" || fail "the build through a dangling link failed"
[ -L "$work/links/newest.pdf" ] && [ -L "$work/links/next.pdf" ] || fail "a link was replaced"
cmp -s "$work/later/issue.pdf" "$work/plain.pdf" || fail "the file the links name was not made"
[ "$(cd "$work/later" && ls -A)" = issue.pdf ] || fail "left beside the file: $(cd "$work/later" && ls -A)"
# a loop of links: refused, as opening it would be
ln -s loop-b.pdf "$work/links/loop-a.pdf"
ln -s loop-a.pdf "$work/links/loop-b.pdf"
"$FOLIO" build "$issue" -o "$work/links/loop-a.pdf" 2>"$work/msg"
rc=$?
[ $rc = 1 ] || fail "a loop of links exited $rc, want 1"
grep -q 'loop-a.pdf: error: cannot write' "$work/msg" || fail "no 'cannot write' message: $(cat "$work/msg")"
echo ok
