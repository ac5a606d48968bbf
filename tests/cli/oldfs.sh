#!/usr/bin/env bash
# oldfs.sh: folio build where the file system has neither O_TMPFILE nor
# RENAME_EXCHANGE (FAT, older network file systems; liboldfs.so, preloaded,
# makes them fail as they fail there). The PDF goes into a named temporary
# beside the target and is renamed over it: same bytes, the mode under the
# umask, a new file for a rebuild, nothing left behind, and a failed build
# leaves the old PDF.
. "$(dirname "$0")/lib.sh"
: "${OLDFS:?}"
"$FOLIO" build "$issue" -o "$work/plain.pdf" || fail "the plain build failed"
mkdir "$work/out" "$work/bad"
printf 'title: [unclosed\n' >"$work/bad/issue.yaml"
listing() { (cd "$work/out" && ls -A); }
# AddressSanitizer wants its runtime first among the loaded libraries
old() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		OLDFS_LOG=$work/refused LD_PRELOAD=$OLDFS "$FOLIO" "$@"
}

(umask 027 && old build "$issue" -o "$work/out/a.pdf") || fail "the first build failed"
cmp -s "$work/out/a.pdf" "$work/plain.pdf" || fail "other bytes"
[ "$(stat -c %a "$work/out/a.pdf")" = 640 ] || fail "mode $(stat -c %a "$work/out/a.pdf"), want 640"
[ "$(listing)" = a.pdf ] || fail "files left behind: $(listing)"
grep -q '^O_TMPFILE refused$' "$work/refused" 2>/dev/null || fail "folio never asked for an O_TMPFILE"

exec 3<"$work/out/a.pdf"
before=$(stat -c %i "$work/out/a.pdf")
old build "$issue" -o "$work/out/a.pdf" || fail "the rebuild failed"
[ "$(stat -c %i "$work/out/a.pdf")" != "$before" ] || fail "the rebuild wrote into the old file"
cmp -s /dev/fd/3 "$work/plain.pdf" || fail "a reader of the old file saw it change"
exec 3<&-
[ "$(listing)" = a.pdf ] || fail "the rebuild left files behind: $(listing)"
grep -q '^renameat2 refused$' "$work/refused" || fail "the rebuild never asked to exchange the names"

old build "$work/bad/issue.yaml" -o "$work/out/a.pdf" 2>/dev/null
[ $? = 2 ] || fail "a broken issue did not exit 2"
cmp -s "$work/out/a.pdf" "$work/plain.pdf" || fail "a failed build changed the PDF"
[ "$(listing)" = a.pdf ] || fail "a failed build left files behind: $(listing)"
echo ok
