# watch_lib.sh: what the folio watch tests share, sourced: $work (a folder
# removed at exit, with the watcher $pid stopped), fail (which shows the
# watch log), wait_for and builds.
set -uo pipefail
: "${FOLIO:?}" "${SOURCE_ROOT:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-watch.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	echo "--- watch log:" >&2
	cat "$work/log" >&2
	exit 1
}
# wait_for SECONDS COMMAND...: true as soon as COMMAND succeeds
wait_for() {
	local t=0
	while [ $t -lt $(($1 * 20)) ]; do
		"${@:2}" && return 0
		sleep 0.05
		t=$((t + 1))
	done
	return 1
}
# the builds watch has finished, by its log
builds() { grep -c ' built ' "$work/log"; }
