#!/usr/bin/env bash
# samples_listed.sh NAME...: every folder of samples/ with an issue.yaml is in
# the golden suite's list (tests/golden/meson.build), so none goes unchecked.
set -euo pipefail
: "${SOURCE_ROOT:?SOURCE_ROOT is not set (run the tests through meson test)}"
bad=0
for issue in "$SOURCE_ROOT"/samples/*/issue.yaml; do
	[ -e "$issue" ] || continue
	name=$(basename "$(dirname "$issue")")
	listed=no
	for s in "$@"; do [ "$s" = "$name" ] && listed=yes; done
	if [ "$listed" = yes ]; then
		echo "ok: samples/$name is tested"
	else
		echo "FAIL: samples/$name is not in the samples list of tests/golden/meson.build"
		bad=1
	fi
done
for s in "$@"; do
	[ -f "$SOURCE_ROOT/samples/$s/issue.yaml" ] || { echo "FAIL: listed sample $s has no samples/$s/issue.yaml"; bad=1; }
done
exit "$bad"
