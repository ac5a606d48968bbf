#!/usr/bin/env bash
# Install what the benchmark needs beyond .ci/setup: GNU time (peak RSS).
# With --peers, also the peer tools of ../shared/bench-peers (LaTeX, WeasyPrint,
# typst through npm, hyperfine), installed by that folder's own setup.sh from a
# writable copy in build-bench/peers.
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/setup
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if ! dpkg -s time 2>/dev/null | grep -q '^Status: install ok installed'; then
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y time
fi
if [ "${1:-}" = --peers ]; then
	[ -d ../shared/bench-peers ] || { echo "no ../shared/bench-peers beside the clone" >&2; exit 1; }
	rm -rf build-bench/peers
	mkdir -p build-bench
	cp -r ../shared/bench-peers build-bench/peers
	chmod -R u+w build-bench/peers
	# NodeSource's nodejs carries its own npm and conflicts with Debian's
	# npm package: ask apt for neither when node and npm are there already.
	if command -v node >/dev/null && command -v npm >/dev/null; then
		sed -i 's/ nodejs npm$//' build-bench/peers/setup.sh
	fi
	"${sudo[@]}" bash build-bench/peers/setup.sh
fi
