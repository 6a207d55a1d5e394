#!/usr/bin/env python3
"""Writes boxes.ttf, the test font of tests/pages/canvas-fonts.html (Aperture's own; same
licence as the project). Needs fontTools (`pip install fonttools`); the .ttf is checked in,
so the page test does not.

Geometry (1000 units per em, ascent 800, descent 200), so a test can compute pixels:
  "A"  advance 1000, a box filling the em square: x 0..1000, y -200..800
  "x"  advance 500,  a box x 0..500, y 0..500 (half an em tall, on the baseline)
  " "  advance 1000, no outline
  .notdef advance 1000, no outline
"""
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def box(x0, y0, x1, y1):
    pen = TTGlyphPen(None)
    if x1 > x0:
        pen.moveTo((x0, y0))
        pen.lineTo((x0, y1))
        pen.lineTo((x1, y1))
        pen.lineTo((x1, y0))
        pen.closePath()
    return pen.glyph()


def main(path):
    fb = FontBuilder(1000, isTTF=True)
    order = [".notdef", "space", "A", "x"]
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x20: "space", 0x41: "A", 0x78: "x"})
    fb.setupGlyf({
        ".notdef": box(0, 0, 0, 0),
        "space": box(0, 0, 0, 0),
        "A": box(0, -200, 1000, 800),
        "x": box(0, 0, 500, 500),
    })
    fb.setupHorizontalMetrics({".notdef": (1000, 0), "space": (1000, 0), "A": (1000, 0), "x": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "ApertureBoxes", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.save(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "boxes.ttf")
