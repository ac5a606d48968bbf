#!/usr/bin/env bash
# bench/run.sh [N] [--peers]: build folio in release (build-bench/), then time
# N builds of the sample (default 20): median, min and max wall time, peak RSS
# and PDF size. With --peers, then run the peer tools of ../shared/bench-peers
# on the same newsletter, if they are installed (bench/setup.sh --peers).
set -euo pipefail
cd "$(dirname "$0")/.."

n=20
peers=no
for a in "$@"; do
	case $a in
	--peers) peers=yes ;;
	'' | *[!0-9]*) echo "usage: bench/run.sh [N] [--peers]" >&2; exit 2 ;;
	*) n=$a ;;
	esac
done
[ "$n" -ge 1 ] || { echo "N must be at least 1" >&2; exit 2; }
gnutime=/usr/bin/time
[ -x "$gnutime" ] || { echo "GNU time is missing: bash bench/setup.sh" >&2; exit 1; }

if [ -f build-bench/meson-private/coredata.dat ]; then
	meson configure build-bench -Dbuildtype=release >/dev/null
else
	meson setup build-bench --buildtype=release >/dev/null
fi
ninja -C build-bench >/dev/null

folio=build-bench/folio
issue=samples/cadap7-n2/issue.yaml
work=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
out="$work/x.pdf"

# one checked run first: it shows folio's messages if the build fails
"$folio" build "$issue" -o "$out"

for _ in $(seq "$n"); do
	t0=$(date +%s%N)
	"$gnutime" -f %M -o "$work/rss" "$folio" build "$issue" -o "$out"
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000)) >>"$work/us"
	cat "$work/rss" >>"$work/kib"
done

sort -n "$work/us" | awk -v n="$n" '
	{ t[NR] = $1 / 1e6 }
	END {
		med = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
		printf "folio: %d runs, median %.3f s (min %.3f s, max %.3f s)\n", n, med, t[1], t[n]
	}'
sort -n "$work/kib" | tail -1 | awk '{ printf "peak RSS: %.1f MiB\n", $1 / 1024 }'
echo "PDF: $(stat -c %s "$out") bytes$(command -v pdfinfo >/dev/null &&
	pdfinfo "$out" | awk '/^Pages:/ { printf ", %d pages", $2 }')"

if [ "$peers" = no ]; then
	echo "peers: skipped (bench/run.sh $n --peers runs them)"
elif [ ! -x build-bench/peers/run.sh ]; then
	echo "peers: skipped (not installed: bash bench/setup.sh --peers)"
elif ! command -v hyperfine >/dev/null; then
	echo "peers: skipped (hyperfine is missing: bash bench/setup.sh --peers)"
else
	echo
	echo "== peers (build-bench/peers/run.sh; each says if it is not installed)"
	build-bench/peers/run.sh
fi
