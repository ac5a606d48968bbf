#!/usr/bin/env bash
# screen_pictures.sh: the screen edition fits its pictures on two threads
# (src/pictures.c). Builds of the sample give the same bytes every time; two
# pictures that fail to decode are both named, in the issue's order, the
# same way every time, with exit 2 and the old PDF left as it was.
. "$(dirname "$0")/lib.sh"
for i in 1 2 3 4 5; do
	"$FOLIO" build "$issue" -o "$work/screen-$i.pdf" --target screen ||
		fail "screen build $i failed"
	cmp -s "$work/screen-1.pdf" "$work/screen-$i.pdf" || fail "screen build $i gave other bytes"
done

# Two PNGs whose deflate data is broken under right CRCs: the loader keeps
# them (it checks the chunks, not the data); the screen edition, which must
# make them smaller, decodes them and refuses both.
cp -r "$SOURCE_ROOT/samples/cadap7-n2" "$work/broken"
(cd "$work/broken" && python3 - images/map.png images/committees.png) <<'PY' ||
import struct, sys, zlib
for name in sys.argv[1:]:
    b = bytearray(open(name, 'rb').read())
    pos = 8
    while b[pos + 4:pos + 8] != b'IDAT':
        pos += 12 + struct.unpack('>I', b[pos:pos + 4])[0]
    n = struct.unpack('>I', b[pos:pos + 4])[0]
    b[pos + 10] = 0x07  # the first deflate block's type: 11, reserved
    b[pos + 8 + n:pos + 12 + n] = struct.pack('>I', zlib.crc32(bytes(b[pos + 4:pos + 8 + n])))
    open(name, 'wb').write(b)
PY
	fail "could not break the pictures"
want="images/map.png: error: corrupt PNG: IDAT: invalid block type
images/committees.png: error: corrupt PNG: IDAT: invalid block type"
printf 'old\n' >"$work/old.pdf"
for i in 1 2 3 4 5; do
	"$FOLIO" build "$work/broken/issue.yaml" -o "$work/old.pdf" --target screen 2>"$work/err"
	rc=$?
	[ $rc = 2 ] || fail "broken pictures: exit $rc, want 2"
	got=$(grep ': error: ' "$work/err")
	[ "$got" = "$want" ] || fail "broken pictures, build $i: $(cat "$work/err")"
	[ "$(cat "$work/old.pdf")" = old ] || fail "the old PDF was touched"
done
echo ok
