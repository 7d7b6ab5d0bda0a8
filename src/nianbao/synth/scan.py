"""Synthetic scans: a text-layer PDF rasterised and degraded the way a scanner and a web upload do.

Each page is rendered at the scan resolution (150, 200 or 300 dpi), turned by up to ±1°, sprinkled
with speckles, blurred a little and JPEG-compressed, then the pages are put back into a PDF that has
images only (no text layer) — what a scanned report on a government site is. `nianbao synth --formats
scan` writes these beside the same gold answers as the PDF they come from.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Any

SCAN_DPIS = (150, 200, 300)


@dataclass(frozen=True, slots=True)
class ScanStyle:
    dpi: int
    angle: float  # degrees, counter-clockwise
    speckles: float  # share of pixels flipped to black or white
    blur: float  # Gaussian radius in pixels
    quality: int  # JPEG quality

    def describe(self) -> dict[str, Any]:
        return {"dpi": self.dpi, "angle": self.angle, "speckles": self.speckles, "blur": self.blur,
                "quality": self.quality}


def scan_style(rng: random.Random, dpi: int | None = None) -> ScanStyle:
    return ScanStyle(dpi=dpi or rng.choice(SCAN_DPIS), angle=round(rng.uniform(-1.0, 1.0), 2),
                     speckles=round(rng.uniform(0.0002, 0.002), 5), blur=round(rng.uniform(0.0, 0.8), 2),
                     quality=rng.randint(55, 90))


def degrade(image: Any, style: ScanStyle, rng: random.Random) -> Any:
    """One page image (PIL, grayscale) as a scanner would deliver it."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = image.convert("L")
    if style.angle:
        img = img.rotate(style.angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if style.blur > 0.05:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    arr = np.array(img)
    gen = np.random.default_rng(rng.randrange(2**32))
    flips = gen.random(arr.shape) < style.speckles
    arr[flips] = np.where(gen.random(int(flips.sum())) < 0.7, 0, 255).astype(arr.dtype)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=style.quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def scan_pdf(pdf: bytes, style: ScanStyle, rng: random.Random) -> bytes:
    """A text-layer PDF → a PDF of degraded page images at `style.dpi` (no text layer)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        pages = [degrade(doc[i].render(scale=style.dpi / 72, grayscale=True).to_pil(), style, rng)
                 for i in range(len(doc))]
    finally:
        doc.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=float(style.dpi), save_all=True, append_images=pages[1:])
    return out.getvalue()


__all__ = ["SCAN_DPIS", "ScanStyle", "degrade", "scan_pdf", "scan_style"]
