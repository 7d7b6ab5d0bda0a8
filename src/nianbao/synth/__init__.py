"""Synthetic corpora with gold answers (see `generate`)."""

from .generate import FORMATS, Synthetic, generate, load_gold, present, write_corpus

__all__ = ["FORMATS", "Synthetic", "generate", "load_gold", "present", "write_corpus"]
