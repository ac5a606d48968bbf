#!/usr/bin/env bash
# disk_full.sh: the disk fills up while the PDF is written. folio says so
# (exit 1, "No space left on device"), leaves no temporary file and the old
# PDF as it was; a full device (/dev/full's kind) gets the same message and
# stays a device. Runs in a mount namespace of its own with a 256 KiB
# tmpfs; where the system allows none (not root), the test says so and is
# counted as skipped (77).
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
if ! unshare -m true 2>/dev/null; then
	echo "SKIP: no mount namespace here (unshare -m needs root)"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-full.XXXXXX")
trap 'rm -rf "$work"' EXIT
unshare -m bash -s "$FOLIO" "$SOURCE_ROOT/samples/cadap7-n2/issue.yaml" "$work" <<'INNER'
set -uo pipefail
folio=$1 issue=$2 work=$3
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$work/small"
mount -t tmpfs -o size=256k none "$work/small" || fail "cannot mount a small tmpfs"
printf 'old\n' >"$work/small/a.pdf"
"$folio" build "$issue" -o "$work/small/a.pdf" 2>"$work/msg"
rc=$?
[ $rc = 1 ] || fail "a full disk exited $rc, want 1"
grep -q 'No space left on device' "$work/msg" || fail "the message does not say why: $(cat "$work/msg")"
[ "$(cat "$work/small/a.pdf")" = old ] || fail "the old PDF changed"
[ "$(cd "$work/small" && ls -A)" = a.pdf ] || fail "files left behind: $(cd "$work/small" && ls -A)"
mknod "$work/small/full" c 1 7 || fail "cannot make a full device"
"$folio" build "$issue" -o "$work/small/full" 2>"$work/msg"
rc=$?
[ $rc = 1 ] || fail "a full device exited $rc, want 1"
grep -q 'No space left on device' "$work/msg" || fail "the message does not say why: $(cat "$work/msg")"
[ -c "$work/small/full" ] || fail "the device was replaced by a $(stat -c %F "$work/small/full")"
echo ok
INNER
