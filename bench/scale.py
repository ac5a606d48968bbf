#!/usr/bin/env python3
"""bench/scale.py OUT_DIR PAGES [FOLIO]: write a copy of the sample whose
articles repeat to fill PAGES pages (a multiple of 4), with a variant of the
quarterly layout that has PAGES pages: cover, inner pages, back. For the
scale series of bench/run.sh; prints the number of rounds and pages filled.

A round is the sample's eight articles, each round starting on a new page;
only the first round lists itself in the contents box (on the cover). A
round of the sample fills exactly four pages. folio takes at most 200
articles, so from 100 pages on each article's text is repeated LONG = 4
times within it (its pictures once), a round fills some 12 to 16 pages, and
FOLIO (the binary) is run once on one round to measure how many; the issue
then holds as many rounds as fit in PAGES pages, and the layout has as many
pages as they fill (rounded up to a multiple of 4: 252 for 256, say)."""
import os
import re
import shutil
import subprocess
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sample = os.path.join(root, "samples", "cadap7-n2")
MAX_ARTICLES = 200


def write_layout(out, pages):
    with open(os.path.join(root, "layouts", "quarterly.yaml")) as f:
        layout = f.read()
    page_list = ", ".join(["cover"] + ["inner"] * (pages - 2) + ["back"])
    layout, n = re.subn(r"(?m)^pages: \[.*?\]", "pages: [%s]" % page_list, layout)
    assert n == 1, "layouts/quarterly.yaml has no one-line pages: [...]"
    layout = re.sub(r"(?m)^name: .*$", "name: quarterly-%d" % pages, layout)
    with open(os.path.join(out, "layout.yaml"), "w") as f:
        f.write(layout)


def write_articles(out, long_):
    for sub in ("articles", "images"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        shutil.copytree(os.path.join(sample, sub), os.path.join(out, sub))
    if long_ == 1:
        return
    adir = os.path.join(out, "articles")
    for name in os.listdir(adir):
        with open(os.path.join(adir, name)) as f:
            text = f.read().rstrip("\n") + "\n"
        # the copies without their pictures: a picture per copy would
        # make a round of pictures, not of text
        bare = re.sub(r"(?m)^!\[.*\n", "", text)
        with open(os.path.join(adir, name), "w") as f:
            f.write("\n".join([text] + [bare] * (long_ - 1)))


def write_issue(out, rounds):
    with open(os.path.join(sample, "issue.yaml")) as f:
        issue = f.read()
    head, sep, body = issue.partition("\narticles:\n")
    assert sep, "the sample's issue.yaml has no articles: list"
    head = re.sub(r"(?m)^layout: .*$", "layout: layout.yaml", head)
    items = [i for i in re.split(r"(?m)^(?=  - )", body) if i.startswith("  - ")]
    parts = []
    for r in range(rounds):
        for k, item in enumerate(items):
            if r > 0:
                item = re.sub(r"(?m)^    contents: .*\n", "", item)
                item = item.replace("\n", "\n    contents: false\n", 1)
                if k == 0:
                    item = re.sub(r"(?m)^    start: .*\n", "", item)
                    item = item.replace("\n", "\n    start: page\n", 1)
            parts.append(item.rstrip("\n") + "\n")
    with open(os.path.join(out, "issue.yaml"), "w") as f:
        f.write(head + sep + "\n".join(parts))
    return len(items)


def filled_pages(folio, out):
    """The last page with lines, from folio check's report."""
    r = subprocess.run([folio, "check", os.path.join(out, "issue.yaml")],
                       capture_output=True, text=True)
    last = 0
    for m in re.finditer(r"(?m)^  page (\d+) +(\d+) ", r.stdout):
        if int(m.group(2)) > 0:
            last = int(m.group(1))
    if not last:
        sys.exit("scale.py: folio check filled no page:\n" + r.stdout + r.stderr)
    return last


def fits(folio, out):
    r = subprocess.run([folio, "check", os.path.join(out, "issue.yaml")],
                       capture_output=True, text=True)
    if r.returncode not in (0, 3):
        sys.exit("scale.py: folio check failed:\n" + r.stderr)
    return r.returncode == 0


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: scale.py OUT_DIR PAGES [FOLIO]")
    out, pages = sys.argv[1], int(sys.argv[2])
    folio = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "build-bench", "folio")
    if pages < 4 or pages % 4:
        sys.exit("scale.py: pages must be a multiple of 4, at least 4")
    os.makedirs(out, exist_ok=True)
    nitems = 8
    if pages // 4 * nitems <= MAX_ARTICLES:
        long_, per_round = 1, 4
    else:
        long_ = 4
        write_articles(out, long_)
        write_layout(out, 96)
        write_issue(out, 1)
        per_round = filled_pages(folio, out)
    if long_ > 1:
        # later rounds do not share the cover: measure one more round
        write_issue(out, 2)
        per_next = filled_pages(folio, out) - per_round
        rounds = 1 + max(0, (pages - per_round) // per_next)
    else:
        rounds = pages // per_round
    rounds = max(1, min(rounds, MAX_ARTICLES // nitems))
    write_articles(out, long_)
    if long_ > 1:
        # the layout as long as the rounds fill, to a multiple of 4: no
        # empty pages but the last few
        write_layout(out, pages + 64)
        write_issue(out, rounds)
        pages = (filled_pages(folio, out) + 3) // 4 * 4
    write_layout(out, pages)
    write_issue(out, rounds)
    # the back page is not an inner page: a little more room may be needed
    while long_ > 1 and not fits(folio, out):
        pages += 4
        write_layout(out, pages)
    print("%d rounds, a layout of %d pages" % (rounds, pages))


main()
