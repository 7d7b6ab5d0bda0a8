"""Pictures of the official tables drawn with PIL for the OCR tests (never copied from a real report).

`draw_table` draws a grid of cells with merged cells (spans) in the wqy-zenhei font that
scripts/setup.sh installs; `scan` turns it a little and sprinkles speckles, as a scanner would.
The numbers are the test's own literals: 表四 below adds up (总计 = the four results in each group).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

# 表四 as printed in the 2021 template: two header levels, then one row of 15 numbers
REVIEW_NUMBERS = [3, 1, 0, 2, 6, 10, 2, 1, 0, 13, 4, 0, 0, 1, 5]
REVIEWS = {
    "review": {"upheld": 3, "corrected": 1, "other": 0, "pending": 2, "total": 6},
    "litigation_direct": {"upheld": 10, "corrected": 2, "other": 1, "pending": 0, "total": 13},
    "litigation_after_review": {"upheld": 4, "corrected": 0, "other": 0, "pending": 1, "total": 5},
}
_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def review_table() -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows (15 columns) and spans {(row, col): (rows, cols)} of 表四."""
    rows = [
        ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
        _RESULTS + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [""] * 5 + _RESULTS + _RESULTS,
        [str(v) for v in REVIEW_NUMBERS],
    ]
    spans = {(0, 0): (1, 5), (0, 5): (1, 10), (1, 5): (1, 5), (1, 10): (1, 5)}
    for c in range(5):
        spans[(1, c)] = (2, 1)
    return rows, spans


def draw_table(rows: list[list[str]], spans: dict[tuple[int, int], tuple[int, int]] | None = None,
               col_w: int = 110, row_h: int = 52, size: int = 26, ruled: bool = True,
               title: str | None = None, margin: int = 60, widths: list[int] | None = None) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    spans = spans or {}
    font = ImageFont.truetype(str(FONT), size)
    ncols = max(len(r) for r in rows)
    widths = widths or [col_w] * ncols
    lefts = [margin + sum(widths[:k]) for k in range(ncols + 1)]
    top = margin + (row_h + 20 if title else 0)
    img = Image.new("L", (lefts[-1] + margin, top + len(rows) * row_h + margin), 255)
    d = ImageDraw.Draw(img)
    if title:
        d.text((margin, margin), title, font=font, fill=0)
    covered: set[tuple[int, int]] = set()
    for (r, c), (rs, cs) in spans.items():
        covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            x0, y0 = lefts[c], top + r * row_h
            x1, y1 = lefts[c + cs], y0 + rs * row_h
            if ruled:
                d.rectangle((x0, y0, x1, y1), outline=0, width=2)
            if text:
                w = d.textlength(text, font=font)
                d.text(((x0 + x1 - w) / 2, (y0 + y1 - size) / 2 - 2), text, font=font, fill=0)
    return img


def scan(img: Any, angle: float = 1.2, speckles: float = 0.0008, seed: int = 1) -> Any:
    import numpy as np
    from PIL import Image

    turned = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.array(turned)
    rng = np.random.default_rng(seed)
    arr[rng.random(arr.shape) < speckles] = 0
    return Image.fromarray(arr)


def available() -> bool:
    if not FONT.exists():
        return False
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True
