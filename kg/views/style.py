"""How each node label and relationship type looks (one table, used by page and legend)."""
NODE_STYLE = {
    "Paper": {"color": "#9aa5b1", "shape": "dot"},
    "Method": {"color": "#2f6fde", "shape": "diamond"},
    "Dataset": {"color": "#1f9d55", "shape": "square"},
    "Benchmark": {"color": "#e67e22", "shape": "triangle"},
    "Task": {"color": "#8e44ad", "shape": "star"},
    "Metric": {"color": "#c0392b", "shape": "triangleDown"},
    "Repository": {"color": "#24292e", "shape": "hexagon"},
    "Link": {"color": "#16a2b8", "shape": "dot"},
}
EDGE_COLOR = {
    "PROPOSES": "#2f6fde", "USES": "#7fa7ef", "INTRODUCES": "#1f9d55", "EVALUATES_ON": "#e67e22",
    "ADDRESSES": "#b07cc6", "REPORTS": "#e08283", "HAS_CODE": "#24292e", "LINKS_TO": "#16a2b8",
    "CO_OCCURS": "#bbbbbb",
}
