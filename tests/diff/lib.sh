# shellcheck shell=bash
# Shared by the tests of folio diff (sourced): FOLIO and SOURCE_ROOT come from
# meson; WORK is a temporary folder removed at the end.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
export FOLIO_DATA_DIR="${FOLIO_DATA_DIR:-$SOURCE_ROOT}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-diff-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
REFS="$SOURCE_ROOT/tests/reference/fixtures"
bad=0
check() { # check DESCRIPTION COMMAND...: count a failure, go on
	local what=$1
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; bad=1; fi
}
# status_of COMMAND...: its exit status, stdout and stderr in $WORK/out, $WORK/err
status_of() {
	local rc=0
	"$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
	echo "$rc"
}
