#!/usr/bin/env python3
"""Writes hours.svg (stdout): opening hours of the branches from 1 September 2026.

The hours are invented for the field-notes sample; the articles agree with them.
"""
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
HOURS = [
    ("Central Library", ["9–8", "9–8", "9–8", "9–8", "9–8", "9–5", ""]),
    ("Mill Street", ["10–8", "10–8", "10–8", "10–8", "10–8", "10–5", "12–4"]),
    ("Harbour Road", ["10–6", "10–6", "10–8", "10–6", "10–6", "10–4", ""]),
    ("Northbank", ["10–5", "", "10–5", "2–7", "10–5", "10–1", ""]),
    ("Willow Bend", ["", "10–6", "10–1", "10–6", "10–6", "10–1", ""]),
]
W, H = 1200, 1000
X0, CELL, TOP, ROW = 316, 126, 230, 148

out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
       f'viewBox="0 0 {W} {H}" font-family="PT Sans">',
       f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
       '<text x="0" y="64" font-size="58" font-weight="bold" fill="#1d2f5e">Opening hours</text>',
       '<text x="0" y="118" font-size="36" fill="#5b6b82">From 1 September 2026; closed on bank holidays</text>',
       '<rect x="0" y="146" width="140" height="10" fill="#e8702a"/>']
for d, day in enumerate(DAYS):
    x = X0 + d * CELL + (CELL - 10) / 2
    out.append(f'<text x="{x:.0f}" y="{TOP - 22}" font-size="36" font-weight="bold" fill="#5b6b82" '
               f'text-anchor="middle">{day}</text>')
for r, (name, hours) in enumerate(HOURS):
    y = TOP + r * ROW
    words = name.split()
    for k, word in enumerate(words):
        dy = 64 + (k - (len(words) - 1) / 2) * 46
        out.append(f'<text x="0" y="{y + dy:.0f}" font-size="42" font-weight="bold" fill="#1d2f5e">{word}</text>')
    for d, h in enumerate(hours):
        x = X0 + d * CELL
        sunday = d == 6 and h
        fill = "#e8702a" if sunday else ("#e3eef8" if h else "#f6f7f9")
        ink = "#ffffff" if sunday else "#1d2f5e"
        out.append(f'<rect x="{x}" y="{y}" width="{CELL - 10}" height="{ROW - 14}" rx="12" fill="{fill}"/>')
        if h:
            out.append(f'<text x="{x + (CELL - 10) / 2:.0f}" y="{y + 80}" font-size="37" font-weight="bold" '
                       f'fill="{ink}" text-anchor="middle">{h}</text>')
        else:
            out.append(f'<path d="M{x + 44},{y + 67}H{x + 72}" stroke="#b5bfcc" stroke-width="5"/>')
out.append('</svg>')
print("\n".join(out))
