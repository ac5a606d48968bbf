#!/usr/bin/env bash
# valgrind.sh SAMPLE_ISSUE OUT: the sample build under valgrind: no memory
# errors (invalid reads, uninitialised values) and nothing definitely lost.
# Skipped (exit 77) when valgrind is not installed or folio is sanitized.
set -u
: "${FOLIO:?FOLIO must name the folio binary}"
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
# A binary built with AddressSanitizer cannot run under valgrind.
if ldd "$FOLIO" 2>/dev/null | grep -q libasan; then
	echo "folio is built with AddressSanitizer"
	exit 77
fi
log=$2.valgrind.log
valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
	--log-file="$log" "$FOLIO" build "$1" -o "$2"
st=$?
grep -E 'ERROR SUMMARY|definitely lost|indirectly lost' "$log"
if [ "$st" != 0 ]; then
	cat "$log"
	echo "FAIL: folio exited $st under valgrind"
	exit 1
fi
grep -q 'ERROR SUMMARY: 0 errors' "$log" || { echo "FAIL: valgrind errors"; exit 1; }
echo "ok: 0 errors, 0 bytes definitely lost"
