"""How title and abstract are joined into one Doc.

A bare "\\n" glued to words makes spaCy's tokenizer skip its cache for the whole text
(measured here: ~1,000 µs instead of ~100 µs an abstract), so the newline is spaced.
"""
SEPARATOR = " \n "
