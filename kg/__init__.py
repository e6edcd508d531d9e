"""kg: a knowledge graph of the ML literature, built from titles and abstracts.

>>> import kg
>>> g = kg.load("examples/graph")          # doctest: +SKIP
"""
__version__ = "0.1.0"

from .api import build, load  # noqa: E402
from .graph.api import KnowledgeGraph  # noqa: E402
from .remote import connect  # noqa: E402

__all__ = ["build", "load", "connect", "KnowledgeGraph", "__version__"]
