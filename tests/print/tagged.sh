#!/usr/bin/env bash
# tagged.sh: the screen edition is a tagged PDF (src/pdf/tags.c), read
# back on the field-notes sample with poppler (pdfinfo -struct-text,
# pdftotext) and qpdf:
# - one Art per article of issue.yaml, in its order, each headed by an H2
#   with its title; every plain paragraph of the articles' Markdown is a P
#   of its text, words and spaces as written, in reading order; every list
#   item an LI of a Lbl (its number or bullet) and an LBody; a link's text
#   is in its Link element;
# - the footers and page numbers are no part of it (artifacts);
# - a hyphen the line breaker added is no part of the text: each of them
#   (as many as the report counts) is a Span (whose ActualText is empty,
#   which poppler does not apply: the paragraphs are compared without
#   hyphens);
# - the catalogue has MarkInfo, StructTreeRoot and Lang, every page its
#   StructParents, every link annotation a StructParent (a Link element)
#   and Contents, every Figure its caption as Alt (a picture without one is
#   an artifact); an XMP metadata stream says what Info says; the print
#   edition has none of it.
source "$(dirname "$0")/lib.sh"
sample=$SOURCE_ROOT/samples/field-notes
rc=0
"$FOLIO" build "$sample/issue.yaml" --target screen -o "$WORK/screen.pdf" 2>"$WORK/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$WORK/err"; fail "screen build exited $rc"; }
"$FOLIO" build "$sample/issue.yaml" -o "$WORK/print.pdf" 2>"$WORK/err" || fail "print build"
qpdf_clean "$WORK/screen.pdf"
head -c 8 "$WORK/screen.pdf" | grep -q "%PDF-1.7" && ok "the screen edition is PDF 1.7" ||
	no "the screen edition's header: $(head -c 8 "$WORK/screen.pdf")"
pdfinfo -struct-text "$WORK/screen.pdf" >"$WORK/struct.txt" 2>"$WORK/struct.err" ||
	fail "pdfinfo -struct-text failed: $(cat "$WORK/struct.err")"
pdftotext -enc UTF-8 "$WORK/screen.pdf" "$WORK/screen.txt"

"$FOLIO" check "$sample/issue.yaml" >"$WORK/report" 2>/dev/null || fail "folio check"
qpdf --qdf --object-streams=disable "$WORK/screen.pdf" "$WORK/qdf.pdf"
python3 - "$WORK/struct.txt" "$sample" "$WORK/screen.txt" "$WORK/report" "$WORK/qdf.pdf" <<'PY' || bad=1
import re, sys, pathlib
struct, sample, text = sys.argv[1], pathlib.Path(sys.argv[2]), open(sys.argv[3]).read()
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    bad |= not cond

# the tree, from its indentation: (depth, type, text); a quoted line is
# text of the element one level up, and an element's text takes in its
# inline kids' (a Link, a hyphen's Span) in order
nodes, at_depth = [], {}
for line in open(struct, encoding="utf-8"):
    depth = (len(line) - len(line.lstrip(" "))) // 2
    s = line.strip()
    if s.startswith('"'):
        for d in range(depth - 1, -1, -1):
            k = at_depth.get(d)
            if k is None:
                continue
            nodes[k][2] += s[1:-1]
            if "(inline)" not in nodes[k][3]:
                break
    elif s:
        nodes.append([depth, s.split()[0], "", s])
        at_depth[depth] = len(nodes) - 1
        for d in [d for d in at_depth if d > depth]:
            del at_depth[d]
check(nodes and nodes[0][1] == "Document", "the root is a Document")

yaml = (sample / "issue.yaml").read_text()
titles = re.findall(r"^  - title: (.*)$", yaml, re.M)
arts = [i for i, n in enumerate(nodes) if n[1] == "Art"]
check(len(arts) == len(titles), "%d Art elements for %d articles" % (len(arts), len(titles)))
def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s.replace("-", "")).strip()
for k, (i, title) in enumerate(zip(arts, titles)):
    heads = [n for n in nodes[i + 1:(arts[k + 1] if k + 1 < len(arts) else len(nodes))] if n[1] == "H2"]
    check(heads and norm(heads[0][2]) == norm(title.strip('"')),
          "Art %d is headed by an H2 '%s'" % (k + 1, heads[0][2] if heads else None))

ps = [norm(n[2]) for n in nodes if n[1] == "P"]
plain = []
for md in sorted((sample / "articles").glob("*.md")):
    for para in md.read_text().split("\n\n"):
        para = para.strip()
        if para and not re.search(r"[*_`\[\]!#>|]|^\s*(-|\d+\.) ", para, re.M):
            plain.append(norm(para))
found = [p for p in plain if p in ps]
check(len(plain) >= 20 and found == plain,
      "every plain paragraph (%d) is a P of its words: %d found%s" % (
          len(plain), len(found), "" if found == plain else "; missing: " +
          next(p for p in plain if p not in ps)[:80]))
order = [ps.index(p) for p in found]
check(order == sorted(order), "the paragraphs stand in reading order")
flat = " ".join(n[2] for n in nodes)
check("Field Notes · Autumn 2026" not in flat and not any(n[2].strip() in ("2", "3", "4") for n in nodes),
      "no footer nor page number in the structure")
items = sum(len(re.findall(r"^\s*(?:- |\* |\d+\. )", md.read_text(), re.M))
            for md in (sample / "articles").glob("*.md"))
lis = [i for i, n in enumerate(nodes) if n[1] == "LI"]
check(items > 0 and len(lis) == items and
      all(nodes[i + 1][1] == "Lbl" and nodes[i + 2][1] == "LBody" for i in lis),
      "every list item (%d) is an LI of a Lbl and an LBody: %d" % (items, len(lis)))
check(any(n[1] == "Lbl" and n[2].strip() == "01" for n in nodes), "a numbered item's Lbl reads 01")
# heading levels: the name H1, then H2, H3, H4, none skipped on the way down
levels = [int(n[1][1]) for n in nodes if re.fullmatch(r"H[1-6]", n[1])]
check(levels and levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])),
      "headings go down one level at a time from the H1: %s" % "".join(map(str, levels[:12])))
entries = [i for i, n in enumerate(nodes) if n[0] == 1 and n[1] == "P" and re.search(r"Page 0\d$", n[2].strip())]
check(len(entries) == 4 and all(nodes[i + 1][1] == "Link" and nodes[i + 1][0] == 2 for i in entries),
      "each of the 4 contents entries is a P with its page number and its Link")
check(any(n[1] == "Link" and n[2].strip() == "events calendar" for n in nodes),
      "a link's text is in its Link element ('events calendar')")
# every hyphen the line breaker added (the report counts them) is a span
# whose actual text is nothing
report = open(sys.argv[4]).read()
hyphens = int(re.search(r"^  overall\s+\d+\s+(\d+)", report, re.M).group(1))
spans = [n for n in nodes if n[1] == "Span"]
check(hyphens > 0 and len(spans) == hyphens and all(n[2] == "-" for n in spans),
      "the %d hyphens the line breaker added are Spans: %d" % (hyphens, len(spans)))
sys.exit(bad)
PY

json "$WORK/screen.pdf" '
root = objs.get("trailer", {}).get("/Root")
cat = get(root)
check(get(cat.get("/MarkInfo", {})).get("/Marked") is True, "MarkInfo /Marked true")
check(cat.get("/Lang") is not None, "the catalogue has /Lang")
tree = get(cat.get("/StructTreeRoot"))
check(tree and get(tree.get("/K")).get("/S") == "/Document", "StructTreeRoot /K is the Document")
pages = [v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Page"]
check(len(pages) == 4 and all("/StructParents" in p for p in pages), "every page has /StructParents")
annots = [v for v in objs.values() if isinstance(v, dict) and v.get("/Subtype") == "/Link"]
check(annots and all("/StructParent" in a and "/Contents" in a for a in annots),
      "every link (%d) has /StructParent and /Contents" % len(annots))
nums = get(get(tree["/ParentTree"])["/Nums"])
check(len(nums) == 2 * (len(pages) + len(annots)), "the parent tree has the pages and the links")
spans = [v for v in objs.values() if isinstance(v, dict) and v.get("/S") == "/Span"]
check(spans and all(v.get("/ActualText") in ("u:", "") for v in spans),
      "every hyphen Span (%d) has an empty /ActualText" % len(spans))
figs = [v for v in objs.values() if isinstance(v, dict) and v.get("/S") == "/Figure"]
check(len(figs) == 3 and all(v.get("/Alt") for v in figs),
      "3 Figures (two lead pictures, one in the text), each with /Alt")
'
json "$WORK/print.pdf" '
cat = get(objs.get("trailer", {}).get("/Root"))
check("/StructTreeRoot" not in cat and "/MarkInfo" not in cat, "the print edition is not tagged")
'
# the XMP metadata says what Info says; the print edition has none
pdfinfo -meta "$WORK/screen.pdf" >"$WORK/meta.xml" 2>/dev/null
pdfinfo "$WORK/screen.pdf" >"$WORK/info.txt"
python3 - "$WORK/meta.xml" "$WORK/info.txt" <<'PY' || bad=1
import re, sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], encoding="utf-8").read()
xml = raw[raw.index("<x:xmpmeta"):raw.index("</x:xmpmeta>") + len("</x:xmpmeta>")]
info = dict(l.split(":", 1) for l in open(sys.argv[2], encoding="utf-8") if ":" in l)
ns = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "xmp": "http://ns.adobe.com/xap/1.0/"}
root = ET.fromstring(xml)
title = root.find(".//dc:title/rdf:Alt/rdf:li", ns)
lang = root.find(".//dc:language/rdf:Bag/rdf:li", ns)
made = root.find(".//xmp:CreateDate", ns)
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    bad |= not cond
check(title is not None and title.text == info["Title"].strip(),
      "XMP dc:title is Info's Title: %r" % (title.text if title is not None else None))
check(lang is not None and lang.text == "en", "XMP dc:language is the issue's")
check(made is not None and made.text == "2026-09-15T00:00:00Z", "XMP CreateDate is the issue's date")
sys.exit(bad)
PY
pdfinfo "$WORK/print.pdf" | grep -q "^Metadata Stream: *no" && ok "the print edition has no metadata stream" ||
	no "the print edition has a metadata stream"

# a picture without a caption has no words for a reader: no Figure (which
# must have an Alt), an artifact, drawn all the same
cp -r "$sample" "$WORK/nocap"
sed -i 's|^!\[Visits per branch[^]]*\](images/visits.png|![](images/visits.png|' \
	"$WORK/nocap/articles/04-survey.md"
grep -q '^!\[\](images/visits.png' "$WORK/nocap/articles/04-survey.md" ||
	fail "could not take the caption off the survey's picture"
"$FOLIO" build "$WORK/nocap/issue.yaml" --target screen -o "$WORK/nocap.pdf" 2>"$WORK/err" ||
	fail "the build without a caption failed: $(cat "$WORK/err")"
json "$WORK/nocap.pdf" '
figs = [v for v in objs.values() if isinstance(v, dict) and v.get("/S") == "/Figure"]
check(len(figs) == 2 and all(v.get("/Alt") for v in figs),
      "2 Figures, each with /Alt, once a picture has no caption: %d" % len(figs))
' || bad=1
[ "$(pdfimages -list "$WORK/nocap.pdf" | awk 'NR > 2' | wc -l)" = "$(pdfimages -list "$WORK/screen.pdf" | awk 'NR > 2' | wc -l)" ] &&
	ok "the picture without a caption is drawn" || no "a picture went missing"
[ "$bad" -eq 0 ] || fail "tagged"
