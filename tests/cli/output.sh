#!/usr/bin/env bash
# output.sh: how folio build writes its PDF. The file is written in place
# of the old one by a rename (a reader holding the old file keeps reading
# it whole), with the mode a plain fopen would give under the umask, and no
# temporary file is left beside it, whether the build succeeds or fails.
# The bytes are those of the library's in-memory build (test build-fd).
. "$(dirname "$0")/lib.sh"
mkdir "$work/out"
listing() { (cd "$work/out" && ls -A); }

# a first build, under a umask that shows in the mode
(umask 027 && "$FOLIO" build "$issue" -o "$work/out/a.pdf") || fail "the first build failed"
[ "$(stat -c %a "$work/out/a.pdf")" = 640 ] ||
	fail "mode $(stat -c %a "$work/out/a.pdf") under umask 027, want 640"
[ "$(listing)" = a.pdf ] || fail "the folder holds more than the PDF: $(listing)"
head -c 8 "$work/out/a.pdf" | grep -q '^%PDF-1\.' || fail "a.pdf is not a PDF"

# a rebuild replaces the file by a new one: a reader of the old one keeps it
exec 3<"$work/out/a.pdf"
before=$(stat -c %i "$work/out/a.pdf")
cp "$work/out/a.pdf" "$work/old.pdf"
"$FOLIO" build "$issue" -o "$work/out/a.pdf" || fail "the rebuild failed"
[ "$(stat -c %i "$work/out/a.pdf")" != "$before" ] || fail "the rebuild wrote into the old file"
cmp -s /dev/fd/3 "$work/old.pdf" || fail "a reader of the old file saw it change"
exec 3<&-
cmp -s "$work/out/a.pdf" "$work/old.pdf" || fail "the same issue gave other bytes"
[ "$(listing)" = a.pdf ] || fail "the rebuild left files behind: $(listing)"

# a failed build (wrong input) leaves the old PDF and nothing else
mkdir "$work/bad"
printf 'title: [unclosed\n' >"$work/bad/issue.yaml"
"$FOLIO" build "$work/bad/issue.yaml" -o "$work/out/a.pdf" 2>"$work/msg"
[ $? = 2 ] || fail "a broken issue.yaml did not exit 2"
cmp -s "$work/out/a.pdf" "$work/old.pdf" || fail "a failed build changed the PDF"
[ "$(listing)" = a.pdf ] || fail "a failed build left files behind: $(listing)"

# no such folder: the build's own messages, then why it cannot write, exit 1
"$FOLIO" build "$issue" -o "$work/missing/a.pdf" 2>"$work/msg"
[ $? = 1 ] || fail "writing into a missing folder did not exit 1"
grep -q "^$work/missing/a.pdf: error: cannot write: No such file or directory" "$work/msg" ||
	fail "no 'cannot write' message: $(cat "$work/msg")"
"$FOLIO" build "$work/bad/issue.yaml" -o "$work/missing/a.pdf" 2>"$work/msg"
[ $? = 2 ] || fail "a broken issue into a missing folder did not exit 2 (input first)"

# the target is a folder
mkdir "$work/out/dir.pdf"
"$FOLIO" build "$issue" -o "$work/out/dir.pdf" 2>"$work/msg"
[ $? = 1 ] || fail "writing over a folder did not exit 1"
grep -q "dir.pdf: error: cannot write: it is a folder" "$work/msg" ||
	fail "no 'it is a folder' message: $(cat "$work/msg")"
echo "ok"
