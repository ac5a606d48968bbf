#!/usr/bin/env bash
# watch_screen.sh: folio watch --target screen keeps each picture's pixels at
# the size drawn from build to build, known by the file's bytes. Whatever it
# kept, each rebuild is the PDF folio build makes of the same files: after an
# article is edited (the pictures kept), after a picture's file is replaced
# by another picture (made again), and after the old one is put back.
# Bounded: each wait gives up after 2 s (the first build 8 s).
. "$(dirname "$0")/watch_lib.sh"
# rebuilt WHAT: wait (2 s at most) for the build after the one counted in
# $n, then hold its PDF against folio build's of the same files
rebuilt() {
	wait_for 2 sh -c "[ \$(grep -c ' built ' '$work/log') -gt $n ]" ||
		fail "no rebuild within 2 s of $1"
	"$FOLIO" build "$work/issue/issue.yaml" -o "$work/fresh.pdf" --target screen 2>/dev/null ||
		fail "folio build after $1 failed"
	cmp -s "$work/fresh.pdf" "$work/out.pdf" ||
		fail "after $1, watch's PDF differs from folio build's"
	n=$(builds)
}

cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$work/issue"
"$FOLIO" watch "$work/issue/issue.yaml" -o "$work/out.pdf" --target screen >"$work/log" 2>&1 &
pid=$!
wait_for 8 grep -q ' built ' "$work/log" || fail "no first build within 8 s"
n=$(builds)
cp "$work/out.pdf" "$work/first.pdf"

article="$work/issue/articles/03-prevention.md"
sed 's/Bishkek/Qqx/' "$article" >"$article.new" && mv "$article.new" "$article"
rebuilt "an article was edited"
cmp -s "$work/first.pdf" "$work/out.pdf" && fail "the PDF did not change after the edit"

# the map on page 1 replaced by another picture of its size (2400 x 1000),
# drawn at the same size: only its bytes tell it from the map
pic="$work/issue/images/map.png"
cp "$pic" "$work/map.png"
python3 - "$pic.new" <<'PY' || fail "could not make the other picture"
import struct, sys, zlib
w, h = 2400, 1000
row = bytes([0]) + bytes([30, 90, 160]) * (w // 2) + bytes([240, 200, 40]) * (w // 2)
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
png += chunk(b'IDAT', zlib.compress(row * h, 1)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
mv "$pic.new" "$pic"
rebuilt "a picture was replaced"
cp "$work/out.pdf" "$work/replaced.pdf"

cp "$work/map.png" "$pic.new" && mv "$pic.new" "$pic"
rebuilt "the picture was put back"
cmp -s "$work/replaced.pdf" "$work/out.pdf" && fail "putting the picture back changed nothing"
grep -q 'FAILED' "$work/log" && fail "a build failed"
echo "ok: $(builds) builds"
