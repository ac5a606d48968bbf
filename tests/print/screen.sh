#!/usr/bin/env bash
# screen.sh: the screen edition (--target screen) of the sample: trim size
# only, no marks and no PDF/X output intent, RGB, links from the contents
# box, a bookmark per article, pictures at 150 ppi, at most half the size of
# the print edition.
source "$(dirname "$0")/lib.sh"
build screen
build print
pdf=$WORK/screen.pdf

pdfinfo -f 1 -l 4 -box "$pdf" >"$WORK/boxes.txt"
awk '$3 == "MediaBox:" && !($4 == "0.00" && $5 == "0.00" && $6 == "595.28" && $7 == "841.89") { bad = 1; print "FAIL: page " $2 " " $0 }
     $3 == "MediaBox:" { n++ }
     END { if (!bad && n == 4) print "ok: 4 pages, MediaBox 595.28 x 841.89"; exit bad || n != 4 }' \
	"$WORK/boxes.txt" || bad=1
grep -q "PDF subtype" <(pdfinfo "$pdf") && no "the screen edition claims a PDF subtype" ||
	ok "no PDF/X subtype"

fonts_embedded "$pdf"

pdfimages -list "$pdf" | tail -n +3 | awk '$3 == "image"' >"$WORK/images.txt"
n=$(wc -l <"$WORK/images.txt")
[ "$n" -ge 4 ] && ok "$n pictures" || no "$n pictures, 4 expected"
high=$(awk '$13 + 0 > 151 || $14 + 0 > 151' "$WORK/images.txt")
[ -z "$high" ] && ok "pictures at 150 ppi at most" || no "pictures above 150 ppi: $high"

ps=$(stat -c %s "$WORK/print.pdf")
ss=$(stat -c %s "$pdf")
[ $((ss * 2)) -le "$ps" ] && ok "$ss bytes, at most half of print's $ps" ||
	no "$ss bytes, more than half of print's $ps"

qpdf_clean "$pdf"
text_clean "$pdf"

narticles=$(grep -c '^  - title:' "$ISSUE")
json "$pdf" "
cat = get(trailer['/Root'])
check('/OutputIntents' not in cat, 'no OutputIntent')
check(not any(isinstance(v, list) and v[:1] == ['/Separation'] for v in objs.values()), 'no registration colour')
pages = [k for k, v in objs.items() if isinstance(v, dict) and v.get('/Type') == '/Page']
links = []
for k in pages:
    for a in get(objs[k].get('/Annots', [])):
        a = get(a)
        if a.get('/Subtype') == '/Link':
            links.append(a)
internal = [a for a in links if '/Dest' in a]
check(len(internal) >= 4, '%d internal links (contents box)' % len(internal))
out = get(cat.get('/Outlines', 'none'))
n, item = 0, get(out.get('/First')) if isinstance(out, dict) else None
while isinstance(item, dict):
    n += 1
    item = get(item.get('/Next'))
check(n >= $narticles, '%d bookmarks for $narticles articles' % n)
" || bad=1

# Every link of the contents box lands on the page whose number it shows:
# the number printed inside the link's area (pdftotext -bbox, y down).
pdftotext -bbox -f 1 -l 1 "$pdf" "$WORK/words.html" 2>/dev/null
json "$pdf" "
import re
order = [p['object'] for p in d['pages']]
words = [(float(a), float(b), float(c), float(e), w) for a, b, c, e, w in
         re.findall(r'<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>',
                    open('$WORK/words.html').read())]
first = get(order[0])
n = 0
for a in get(first.get('/Annots', [])):
    a = get(a)
    if '/Dest' not in a:
        continue
    x0, y0, x1, y1 = a['/Rect']
    top, bottom = 841.89 - y1, 841.89 - y0
    nums = [w for (wx0, wy0, wx1, wy1, w) in words if w.isdigit() and
            x0 <= (wx0 + wx1) / 2 <= x1 and top <= (wy0 + wy1) / 2 <= bottom]
    dest = order.index(get(a['/Dest'])[0]) + 1
    check(nums and int(nums[-1]) == dest, 'link showing page %s goes to page %d' % (nums[-1:] or ['?'], dest))
    n += 1
check(n >= 4, '%d contents links checked' % n)
" || bad=1

[ "$bad" -eq 0 ] || fail "the screen edition is not finished"
