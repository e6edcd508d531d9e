"""Query results: columns and rows, printable as a table, JSON or CSV."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import orjson


@dataclass
class Result:
    columns: list[str]
    rows: list[list]

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    def to_df(self):
        """The rows as a pandas DataFrame (needs pandas installed)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            from ..errors import KGError
            raise KGError("pandas is not installed: pip install pandas") from None
        return pd.DataFrame(self.rows, columns=self.columns)

    def __len__(self) -> int:
        return len(self.rows)

    def to_json(self) -> str:
        return orjson.dumps(self.as_dicts(), default=str, option=orjson.OPT_INDENT_2).decode()

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(self.columns)
        for r in self.rows:
            w.writerow([_cell(v) for v in r])
        return buf.getvalue()

    def to_table(self, max_width: int = 60) -> str:
        cells = [[_cell(v)[:max_width] for v in r] for r in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(self.columns)]
        line = lambda vals: " | ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
        out = [line(self.columns), "-+-".join("-" * w for w in widths)]
        out += [line(r) for r in cells]
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(out)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return orjson.dumps(v, default=str).decode()
    return str(v)
