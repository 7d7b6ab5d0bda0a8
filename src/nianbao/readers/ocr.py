"""The OCR engine: RapidOCR's PP-OCRv4 ONNX models (shipped inside the rapidocr-onnxruntime wheel).

Loaded once per process and kept (`engine()`); nothing is downloaded at run time. Text detection
and recognition are called separately, not through `RapidOCR.__call__`, because the page work
around them (deskew, line removal, table structure) is ours, and because recognition keeps what
the engine's own decoder throws away: the per-character probabilities and, for every character,
the engine's second choice. Those are the "alternative readings" a numeric cell carries into the
report, so a failing 勾稽 relation can ask which single reading would make it hold
(`checks/ocr.py`). See docs/ocr.md for the comparison with Tesseract and the measurements.
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError

# Detection runs on the page scaled so that its long side is this many pixels: A4 at ~140 dpi,
# where 10.5 pt text is ~20 px tall. Detection at full 200-300 dpi costs 2-4x more and finds the
# same boxes (measured: bench/bench_ocr.py --det-side).
DET_LONG_SIDE = 1600
ALT_MIN_PROB = 0.02  # an alternative character the engine gives less than this is not kept
MIN_RATIO = 1.0  # narrowest recognition input, width/height

_LOCK = threading.Lock()
_ENGINE: OcrEngine | None = None


@dataclass(slots=True)
class Glyph:
    """One recognised character: its box in page pixels, probability and the engine's other choices."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    prob: float
    # (character, probability) the engine ranked next at this place; "" = nothing printed here
    others: tuple[tuple[str, float], ...] = ()


@dataclass(slots=True)
class Line:
    """A recognised text box: its glyphs, plus characters the engine thought might be between them."""

    glyphs: list[Glyph]
    box: tuple[float, float, float, float]
    score: float
    # (x in page pixels, character, probability): characters the engine almost read between glyphs
    inserts: list[tuple[float, str, float]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def engine() -> OcrEngine:
    """The process-wide engine (models loaded on first use, ~0.1 s, then kept)."""
    global _ENGINE
    if _ENGINE is None:
        with _LOCK:
            if _ENGINE is None:
                _ENGINE = OcrEngine()
    return _ENGINE


def missing_error(path: str) -> ReadError:
    return ReadError(path, "识别图片或扫描件需要 OCR 组件 rapidocr-onnxruntime：请运行 pip install rapidocr-onnxruntime "
                           "（或 pip install nianbao 重新安装依赖）",
                     "OCR needs rapidocr-onnxruntime: pip install rapidocr-onnxruntime")


class OcrEngine:
    def __init__(self, threads: int | None = None) -> None:
        from rapidocr_onnxruntime import RapidOCR

        # NIANBAO_OCR_THREADS=1 gives one core per process (bench, batch runs with several workers)
        n = threads if threads is not None else int(os.environ.get("NIANBAO_OCR_THREADS", "-1"))
        self._rapid = RapidOCR(intra_op_num_threads=n, inter_op_num_threads=n, print_verbose=False)
        rec = self._rapid.text_rec
        self._rec = rec
        self._chars: list[str] = rec.postprocess_op.character
        self._space = self._chars.index(" ") if " " in self._chars else -1

    # -- detection ----------------------------------------------------------------------------
    def detect(self, gray: Any) -> list[tuple[float, float, float, float]]:
        """Axis-aligned boxes (x0, top, x1, bottom) of the text lines on a deskewed page (uint8 gray)."""
        import cv2
        import numpy as np

        h, w = gray.shape[:2]
        scale = min(1.0, DET_LONG_SIDE / max(h, w))
        small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) \
            if scale < 1.0 else gray
        boxes, _ = self._rapid.text_det(np.ascontiguousarray(np.stack([small] * 3, axis=-1)))
        out: list[tuple[float, float, float, float]] = []
        if boxes is None:
            return out
        for quad in boxes:
            xs, ys = quad[:, 0] / scale, quad[:, 1] / scale
            out.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
        return out

    # -- recognition --------------------------------------------------------------------------
    def recognize(self, gray: Any, boxes: list[tuple[float, float, float, float]]) -> list[Line]:
        """Read each box of the page; glyph boxes are placed from the CTC time steps."""
        import numpy as np

        h, w = gray.shape[:2]
        crops: list[Any] = []
        spans: list[tuple[int, int, int, int]] = []
        for x0, y0, x1, y1 in boxes:
            # a margin of white around the ink, as the recogniser was trained with
            m = max(2, round(0.15 * (y1 - y0)))
            a, b = max(0, int(x0) - m), min(w, int(math.ceil(x1)) + m)
            c, d = max(0, int(y0) - m), min(h, int(math.ceil(y1)) + m)
            if b - a < 2 or d - c < 2:
                crops.append(None)
            else:
                crops.append(gray[c:d, a:b])
            spans.append((a, c, b, d))
        out: list[Line | None] = [None] * len(boxes)
        order = sorted((k for k, c in enumerate(crops) if c is not None),
                       key=lambda k: crops[k].shape[1] / crops[k].shape[0])
        _, img_h, img_w = self._rec.rec_image_shape
        batch = 24
        for start in range(0, len(order), batch):
            ids = order[start:start + batch]
            # no padding up to the model's nominal 320 px width: a lone digit read in a 48x320 input
            # cost 5x more and read the same (measured on the synthetic scans)
            ratio = max(MIN_RATIO, *(crops[k].shape[1] / crops[k].shape[0] for k in ids))
            norm = np.stack([self._rec.resize_norm_img(np.stack([crops[k]] * 3, axis=-1), ratio) for k in ids])
            preds = self._rec.session(norm.astype(np.float32))[0]
            steps = preds.shape[1]
            for row, k in enumerate(ids):
                crop_w = crops[k].shape[1]
                # the crop fills this share of the padded input (the rest is padding)
                used = min(1.0, (crop_w / crops[k].shape[0]) / ratio)
                out[k] = self._decode(preds[row], spans[k], used, steps)
        return [ln if ln is not None else Line([], boxes[k], 0.0) for k, ln in enumerate(out)]

    def _decode(self, pred: Any, span: tuple[int, int, int, int], used: float, steps: int) -> Line:
        """Greedy CTC decoding that keeps, per character, the runner-up characters and their probabilities."""
        import numpy as np

        a, c, b, d = span
        best = pred.argmax(axis=1)
        glyphs: list[Glyph] = []
        inserts: list[tuple[float, str, float]] = []
        step_w = (b - a) / max(1e-6, used * steps)
        prev = 0
        t = 0
        chars = self._chars
        while t < steps:
            k = int(best[t])
            if k == 0:
                # the engine's best non-blank reading of a blank step: a character it may have dropped
                nb = int(np.argmax(pred[t, 1:])) + 1
                p = float(pred[t, nb])
                if p >= ALT_MIN_PROB and nb != prev and nb != self._space:
                    inserts.append((a + (t + 0.5) * step_w, chars[nb], p))
                prev = 0
                t += 1
                continue
            if k == prev:
                t += 1
                continue
            t0 = t
            while t + 1 < steps and int(best[t + 1]) == k:
                t += 1
            seg = pred[t0:t + 1]
            prob = float(seg[:, k].max())
            runner = seg.max(axis=0)
            runner[k] = 0.0
            others: list[tuple[str, float]] = []
            for j in np.argsort(runner)[::-1][:3]:
                p = float(runner[j])
                if p < ALT_MIN_PROB:
                    break
                others.append(("" if j == 0 else chars[j], p))
            centre = a + (t0 + t + 1) / 2 * step_w
            glyphs.append(Glyph(chars[k], centre, float(c), centre, float(d), prob, tuple(others)))
            prev = k
            t += 1
        # glyphs touch their neighbours (half way between the centres) and the box ends, so the layout
        # code sees a word as a word; the engine's spaces leave a gap and are dropped
        centres = [g.x0 for g in glyphs]
        for i, g in enumerate(glyphs):
            g.x0 = float(a) if i == 0 else (centres[i - 1] + centres[i]) / 2
            g.x1 = float(b) if i == len(glyphs) - 1 else (centres[i] + centres[i + 1]) / 2
        glyphs = [g for g in glyphs if g.text != " "]
        score = float(np.mean([g.prob for g in glyphs])) if glyphs else 0.0
        return Line(glyphs, (float(a), float(c), float(b), float(d)), score, inserts)


__all__ = ["Glyph", "Line", "OcrEngine", "available", "engine", "missing_error"]
