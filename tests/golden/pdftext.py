#!/usr/bin/env python3
"""Word-level checks of a built PDF against the text it was built from.

Used by the golden suite's shell scripts; standard library only (python3 is
there wherever meson is). Words are compared after NFKC normalisation (so
ligatures read as letters), curly quotes and dashes folded to ASCII and case
folding; a word is a run of letters and digits, so "EU-CA" is the two words
"eu" and "ca".

    pdftext.py words-missing PDF_TEXT (--sample DIR | --plain FILE)
    pdftext.py contents PDF [--pdftotext PATH]   (checks the contents box)
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import unicodedata

FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00ad": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})
WORD = re.compile(r"[^\W_]+")


def normalise(text):
    return unicodedata.normalize("NFKC", text).translate(FOLD).casefold()


def words(text):
    return WORD.findall(normalise(text))


def pdf_words(text):
    """The PDF's words, with words broken at line ends joined again.

    A line ending in a letter or digit and a hyphen may be a word the layout
    hyphenated ("imple-" + "mentation") or a hyphen the text had
    ("Counter-" + "Intelligence"): both readings are kept, since the check
    is set membership.
    """
    found = set()
    lines = normalise(text).splitlines()
    for i, line in enumerate(lines):
        found.update(WORD.findall(line))
        m = re.search(r"([^\W_]+)-\s*$", line)
        if m and i + 1 < len(lines):
            n = WORD.match(lines[i + 1].lstrip())
            if n:
                found.add(m.group(1) + n.group(0))
    return found


# --- the sample's own text -------------------------------------------------

IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*\S+(?:\s+[\"'(](.*?)[\"')])?\s*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def markdown_text(md):
    """The words a reader sees: Markdown syntax out, alt text and titles in."""
    out = []
    for line in md.splitlines():
        line = IMAGE.sub(lambda m: " ".join(g for g in m.groups() if g), line)
        line = LINK.sub(r"\1", line)
        line = re.sub(r"^\s{0,3}(?:>\s?)+", "", line)            # block quote
        line = re.sub(r"^\s{0,3}#{1,6}\s", "", line)             # heading
        line = re.sub(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+", "", line)  # list marker
        line = re.sub(r"[*_`]", " ", line)                       # emphasis, code
        out.append(line)
    return "\n".join(out)


SCALAR_KEYS = {"newsletter", "tagline", "issue", "title", "section", "caption", "credit",
               "contents", "website"}
KEY = re.compile(r"^(\s*)(-\s+)?([A-Za-z_]+):\s*(.*?)\s*$")


def yaml_scalars(path):
    """(column, starts_item, key, value) for each key of issue.yaml.

    A small reader for the block-style subset the samples use (plain, quoted
    and folded scalars), so that the tests need no YAML module; folio itself
    reads the file with libyaml.
    """
    result = []
    lines = open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        m = KEY.match(lines[i])
        i += 1
        if not m:
            continue
        column = len(m.group(1)) + len(m.group(2) or "")
        key, value = m.group(3), m.group(4)
        if value.startswith("#"):
            value = ""
        if value[:1] in (">", "|"):
            block = []
            while i < len(lines) and (not lines[i].strip() or
                                      len(lines[i]) - len(lines[i].lstrip()) > column):
                block.append(lines[i].strip())
                i += 1
            value = " ".join(b for b in block if b)
        elif value[:1] in ('"', "'"):
            q = value[0]
            value = value[1:value.rindex(q)] if value.count(q) > 1 else value[1:]
            if q == '"':
                value = value.replace('\\"', '"')
        else:
            value = re.sub(r"\s+#.*$", "", value)
        result.append((column, bool(m.group(2)), key, value))
    return result


def articles(path):
    """The articles of issue.yaml as dicts of their own scalar keys, in order."""
    result, inside, column = [], False, None
    for col, item, key, value in yaml_scalars(path):
        if col == 0:
            inside = key == "articles"
        elif inside and item and (column is None or col == column):
            column = col
            result.append({key: value})
        elif inside and result and col == column:
            result[-1][key] = value
    return result


def sample_text(folder):
    parts = []
    issue = os.path.join(folder, "issue.yaml")
    for _, _, key, value in yaml_scalars(issue):
        if key in SCALAR_KEYS and value not in ("false", "true"):
            parts.append(value)
    for md in sorted(glob.glob(os.path.join(folder, "articles", "*.md"))):
        parts.append(markdown_text(open(md, encoding="utf-8").read()))
    return "\n".join(parts)


def cmd_words_missing(args):
    have = pdf_words(open(args.pdf_text, encoding="utf-8", errors="replace").read())
    if args.sample:
        want_text, source = sample_text(args.sample), args.sample
    else:
        want_text, source = open(args.plain, encoding="utf-8").read(), args.plain
    want = words(want_text)
    # pdftotext itself joins a word broken after a hyphen at a line end
    # ("Counter-" + "Narcotics" -> "counternarcotics"), so the parts of a
    # hyphenated compound also count as found when the joined form is there.
    for compound in re.findall(r"[^\W_]+(?:-[^\W_]+)+", normalise(want_text)):
        parts = compound.split("-")
        for k in range(1, len(parts)):
            if "".join(parts[k - 1:k + 1]) in have:
                have.update(parts[k - 1:k + 1])
    missing = sorted(set(w for w in want if w not in have))
    print("%d distinct words in %s, %d found in the PDF" % (len(set(want)), source,
                                                           len(set(want)) - len(missing)))
    if missing:
        print("MISSING from the PDF (%d): %s" % (len(missing), " ".join(missing)))
        return 1
    return 0


# --- the contents box --------------------------------------------------------

def word_pattern(tokens):
    """Regex for a phrase's words in page text, allowing a line-end hyphen inside a word."""
    def one(tok):
        return r"(?:-\s*)?".join(re.escape(c) for c in tok)
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(one(t) for t in tokens) + r"(?![^\W_])")


def page_texts(pdf, pdftotext, pages):
    texts = []
    for n in range(1, pages + 1):
        out = subprocess.run([pdftotext, "-f", str(n), "-l", str(n), pdf, "-"],
                             check=True, capture_output=True).stdout
        texts.append(normalise(out.decode("utf-8", "replace")))
    return texts


def bbox_words(pdf, pdftotext):
    """Words of page 1 with their boxes, in pdftotext's reading order."""
    out = subprocess.run([pdftotext, "-f", "1", "-l", "1", "-bbox", pdf, "-"],
                         check=True, capture_output=True).stdout.decode("utf-8", "replace")
    result = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">(.*?)</word>', out):
        text = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
                         .replace("&quot;", '"').replace("&apos;", "'")
        result.append((tuple(float(v) for v in m.groups()[:4]), normalise(text)))
    return result


def rect_distance(a, b):
    dx = max(a[0] - b[2], b[0] - a[2], 0.0)
    dy = max(a[1] - b[3], b[1] - a[3], 0.0)
    return (dx * dx + dy * dy) ** 0.5


def contents_title(path):
    """The heading of the contents box: contents: title: (default as folio's)."""
    inside = False
    for col, _, key, value in yaml_scalars(path):
        if col == 0:
            inside = key == "contents"
        elif inside and key == "title":
            return value
    return "In this issue"


def cmd_contents(args):
    arts = articles(args.issue)
    pages = args.pages
    texts = page_texts(args.pdf, args.pdftotext, pages)
    labelled = [(a, a.get("contents", a.get("section"))) for a in arts]
    labelled = [(a, label) for a, label in labelled if label not in (None, "false")]
    # The contents box itself may repeat a title's words: take one occurrence
    # of each label out of page 1 before looking for where titles stand.
    for _, label in labelled:
        texts[0] = word_pattern(words(label)).sub(" ", texts[0], count=1)
    entries = []
    for a, label in labelled:
        start = next((n + 1 for n, t in enumerate(texts)
                      if word_pattern(words(a["title"])).search(t)), None)
        entries.append((label, a["title"], start))
    if not entries:
        print("FAIL: the issue has no contents entries")
        return 1

    # Find each label among page 1's words, then the page number printed
    # nearest to it: layouts put it before, after, under or over the label.
    # A label may also stand elsewhere on page 1 (a kicker repeats it): take
    # the occurrence nearest to the contents box's heading.
    bw = bbox_words(args.pdf, args.pdftotext)
    spans, pos = [], 0
    for _, t in bw:
        spans.append(pos)
        pos += len(t) + 1
    flat = " ".join(t for _, t in bw)

    def occurrences(phrase):
        found = []
        for m in word_pattern(words(phrase)).finditer(flat):
            idx = [k for k, s in enumerate(spans) if m.start() <= s < m.end()]
            box = [min(bw[k][0][0] for k in idx), min(bw[k][0][1] for k in idx),
                   max(bw[k][0][2] for k in idx), max(bw[k][0][3] for k in idx)]
            found.append((box, idx))
        return found

    heading = occurrences(contents_title(args.issue))
    used, boxes = set(), []
    for label, title, start in entries:
        found = occurrences(label)
        if not found:
            print("FAIL: contents label %r is not on page 1" % label)
            return 1
        if heading:
            found.sort(key=lambda f: rect_distance(f[0], heading[0][0]))
        box, idx = found[0]
        used.update(idx)
        boxes.append(box)
    # page numbers stand right of the labels, at the box's far edge: a
    # balanced label (two lines of even length) may end well short of it
    area = [min(b[0] for b in boxes) - 80, min(b[1] for b in boxes) - 40,
            max(b[2] for b in boxes) + 160, max(b[3] for b in boxes) + 40]
    numbers = [(k, b, int(t)) for k, (b, t) in enumerate(bw)
               if k not in used and re.fullmatch(r"\d{1,3}", t)
               and rect_distance(b, area) == 0.0]
    # greedy nearest pairing, closest pairs first, each number used once
    pairs = sorted((rect_distance(boxes[e], b), e, k) for e in range(len(entries))
                   for k, b, _ in numbers)
    given, taken = {}, set()
    for _, e, k in pairs:
        if e not in given and k not in taken:
            given[e] = next(v for kk, _, v in numbers if kk == k)
            taken.add(k)
    bad = 0
    for e, (label, title, start) in enumerate(entries):
        shown = given.get(e)
        ok = shown is not None and shown == start
        bad += not ok
        print("%s: contents %-58r says %s, %r %s" %
              ("ok  " if ok else "FAIL", label, "page %d" % shown if shown else "no page",
               title, "starts on page %d" % start if start else "is on no page"))
    return 1 if bad else 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("words-missing")
    w.add_argument("pdf_text")
    g = w.add_mutually_exclusive_group(required=True)
    g.add_argument("--sample")
    g.add_argument("--plain")
    c = sub.add_parser("contents")
    c.add_argument("pdf")
    c.add_argument("issue")
    c.add_argument("--pages", type=int, required=True)
    c.add_argument("--pdftotext", default="pdftotext")
    args = p.parse_args()
    return cmd_words_missing(args) if args.cmd == "words-missing" else cmd_contents(args)


if __name__ == "__main__":
    sys.exit(main())
