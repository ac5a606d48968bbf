"""bbox.py: what the quality checks share: the words of `pdftotext -bbox`
(page by page, in points from the page's top-left corner) and the trim box
of each page (`pdfinfo -box`). Standard library only."""

import html
import re
import subprocess

WORD = re.compile(
    r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


class Word:
    __slots__ = ("x0", "y0", "x1", "y1", "text")

    def __init__(self, x0, y0, x1, y1, text):
        self.x0, self.y0, self.x1, self.y1, self.text = x0, y0, x1, y1, text

    @property
    def height(self):
        return self.y1 - self.y0


def words(pdf, pdftotext="pdftotext"):
    """A list per page of its words, as pdftotext -bbox sees them."""
    out = subprocess.run([pdftotext, "-bbox", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for line in out.splitlines():
        if PAGE.search(line):
            pages.append([])
            continue
        m = WORD.search(line)
        if m and pages:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            pages[-1].append(Word(x0, y0, x1, y1, html.unescape(m.group(5))))
    return pages


def trim_box(pdf, pdfinfo="pdfinfo"):
    """The trim box of the first page in pdftotext's coordinates (from the
    media box's top-left, y down): left, top, width, height."""
    out = subprocess.run([pdfinfo, "-box", pdf], check=True, capture_output=True,
                         text=True).stdout
    boxes = {}
    for line in out.splitlines():
        m = re.match(r"(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", line)
        if m:
            boxes[m.group(1)] = [float(v) for v in m.groups()[1:]]
    media = boxes["MediaBox"]
    trim = boxes.get("TrimBox", media)
    return trim[0] - media[0], media[3] - trim[3], trim[2] - trim[0], trim[3] - trim[1]


def trim_origin(pdf, pdfinfo="pdfinfo"):
    """The trim box's top-left corner in pdftotext's coordinates."""
    return trim_box(pdf, pdfinfo)[:2]
