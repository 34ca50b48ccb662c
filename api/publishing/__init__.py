"""Translator writes: tokens, checked uploads, the hand-over to every worker, and the revision archive."""
