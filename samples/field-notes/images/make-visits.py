#!/usr/bin/env python3
"""Writes visits.svg (stdout): visits per branch, September 2025 - August 2026.

The figures are invented for the field-notes sample; the articles quote them.
"""
DATA = [("Central Library", 212, False), ("Harbour Road", 96, False),
        ("Willow Bend", 71, False), ("Northbank", 64, False),
        ("Bookbus", 23, False), ("Mill Street", 7, True)]
W, H = 1200, 960
TOP, ROW, X0 = 210, 112, 330
SCALE = (W - X0 - 130) / 220

out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
       f'viewBox="0 0 {W} {H}" font-family="PT Sans">',
       f'<rect width="{W}" height="{H}" fill="#ffffff"/>',
       '<text x="0" y="64" font-size="58" font-weight="bold" fill="#1d2f5e">Visits per branch</text>',
       '<text x="0" y="118" font-size="36" fill="#5b6b82">September 2025 – August 2026, in thousands</text>',
       '<rect x="0" y="146" width="140" height="10" fill="#e8702a"/>']
for v in (0, 50, 100, 150, 200):
    x = X0 + v * SCALE
    out.append(f'<line x1="{x:.1f}" y1="{TOP - 20}" x2="{x:.1f}" y2="{TOP + ROW * len(DATA) - 10}" '
               'stroke="#dde2ea" stroke-width="3"/>')
    out.append(f'<text x="{x:.1f}" y="{TOP + ROW * len(DATA) + 34}" font-size="30" fill="#5b6b82" '
               f'text-anchor="middle">{v}</text>')
for i, (name, v, closed) in enumerate(DATA):
    y = TOP + i * ROW
    fill = "#e8702a" if closed else "#1d2f5e"
    end = X0 + v * SCALE
    out.append(f'<text x="{X0 - 24}" y="{y + 58}" font-size="40" font-weight="bold" fill="#1d2f5e" '
               f'text-anchor="end">{name}</text>')
    out.append(f'<rect x="{X0}" y="{y + 12}" width="{v * SCALE:.1f}" height="64" rx="6" fill="{fill}"/>')
    out.append(f'<text x="{end + 16:.1f}" y="{y + 58}" font-size="40" font-weight="bold" fill="{fill}">{v}</text>')
    if closed:
        out.append(f'<text x="{end + 70:.1f}" y="{y + 58}" font-size="32" font-style="italic" '
                   'fill="#5b6b82">closed October – August for rebuilding</text>')
out.append('</svg>')
print("\n".join(out))
