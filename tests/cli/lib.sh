# lib.sh: what the output tests share, sourced: $work (a folder removed at
# exit), fail, and $issue, the sample.
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
issue=$SOURCE_ROOT/samples/cadap7-n2/issue.yaml
