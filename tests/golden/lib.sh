# shellcheck shell=bash disable=SC2034
# Shared by the golden tests (sourced, not run). meson passes FOLIO (the built
# binary), SOURCE_ROOT, BUILD_ROOT and the paths of the poppler tools it found;
# a tool meson did not find arrives empty and fails the test with its package.
set -euo pipefail

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
: "${FOLIO:?FOLIO is not set (run the tests through meson test)}"
[ -x "$FOLIO" ] || fail "folio binary $FOLIO is missing or not executable"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# need VAR program package: the tool's path, from meson or from PATH
need() {
	local path=${!1:-}
	[ -n "$path" ] || path=$(command -v "$2" || true)
	[ -n "$path" ] || fail "$2 not found: install the Debian package $3 (bash .ci/setup does)"
	printf -v "$1" '%s' "$path"
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/folio-golden.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# build_sample NAME OUT.pdf: folio build, failing the test with folio's messages
build_sample() {
	local issue="$SOURCE_ROOT/samples/$1/issue.yaml" rc=0
	[ -f "$issue" ] || fail "no sample $issue"
	"$FOLIO" build "$issue" -o "$2" >"$WORK/build.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$2" ]; then
		cat "$WORK/build.log" >&2
		fail "folio build $issue exited $rc"
	fi
}
