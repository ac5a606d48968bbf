#!/usr/bin/env bash
# no_proc.sh: folio build where /proc is missing (a chroot, a container
# without it). The output file cannot then be an unnamed O_TMPFILE named
# through /proc/self/fd: folio writes a named temporary beside the target
# and renames it into place. Same bytes, same mode,
# nothing left behind, the old PDF kept by a failed build. Runs in a mount
# namespace of its own with an empty /proc; where the system allows none
# (not root), the test says so and is counted as skipped (77).
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-noproc.XXXXXX")
trap 'rm -rf "$work"' EXIT
issue=$SOURCE_ROOT/samples/cadap7-n2/issue.yaml
"$FOLIO" build "$issue" -o "$work/with-proc.pdf" || { echo "FAIL: the normal build failed"; exit 1; }
# AddressSanitizer's leak checker needs /proc, and reads its options (to
# be told not to check) from /proc/self/environ: a sanitizer build cannot
# run without /proc at all. The plain builds run this test.
if grep -qa __asan_init "$FOLIO"; then
	echo "SKIP: a sanitizer build cannot run without /proc"
	exit 77
fi
if ! unshare -m true 2>/dev/null; then
	echo "SKIP: no mount namespace here (unshare -m needs root)"
	exit 77
fi
mkdir "$work/out" "$work/bad"
printf 'title: [unclosed\n' >"$work/bad/issue.yaml"
unshare -m bash -s "$FOLIO" "$issue" "$work" <<'INNER'
set -uo pipefail
folio=$1 issue=$2 work=$3
fail() { echo "FAIL: $*"; exit 1; }
mount -t tmpfs none /proc || fail "cannot hide /proc"
[ ! -e /proc/self ] || fail "/proc is still there"
listing() { (cd "$work/out" && ls -A); }
(umask 027 && "$folio" build "$issue" -o "$work/out/a.pdf") || fail "the build without /proc failed"
cmp -s "$work/out/a.pdf" "$work/with-proc.pdf" || fail "other bytes without /proc"
[ "$(stat -c %a "$work/out/a.pdf")" = 640 ] || fail "mode $(stat -c %a "$work/out/a.pdf"), want 640"
[ "$(listing)" = a.pdf ] || fail "files left behind: $(listing)"
before=$(stat -c %i "$work/out/a.pdf")
"$folio" build "$issue" -o "$work/out/a.pdf" || fail "the rebuild failed"
[ "$(stat -c %i "$work/out/a.pdf")" != "$before" ] || fail "the rebuild wrote into the old file"
[ "$(listing)" = a.pdf ] || fail "the rebuild left files behind: $(listing)"
"$folio" build "$work/bad/issue.yaml" -o "$work/out/a.pdf" 2>/dev/null
[ $? = 2 ] || fail "a broken issue did not exit 2"
cmp -s "$work/out/a.pdf" "$work/with-proc.pdf" || fail "a failed build changed the PDF"
[ "$(listing)" = a.pdf ] || fail "a failed build left files behind: $(listing)"
echo ok
INNER
