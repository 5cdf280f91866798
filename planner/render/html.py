"""Self-contained HTML pages: plotly.js embedded once, no request to any network."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go

FONT = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
        '"WenQuanYi Micro Hei", "Heiti SC", "Helvetica Neue", Arial, sans-serif')

CSS = f"""
body {{ font-family: {FONT}; margin: 24px; color: #222; background: #fff; }}
h1 {{ font-size: 22px; margin: 0 0 6px; }}
.banner {{ background: #fff3cd; border: 2px solid #c98a00; color: #5a3d00; padding: 8px 12px;
          font-weight: bold; margin: 8px 0; }}
h2 {{ font-size: 17px; margin: 28px 0 8px; }}
p.headline {{ font-size: 15px; margin: 4px 0; }}
p.meta {{ color: #666; font-size: 12px; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 8px 0; }}
th, td {{ border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.num, td.date, td.short {{ white-space: nowrap; }}
tr.high td {{ background: #fdecea; }}
tr.medium td {{ background: #fff6e5; }}
.figure {{ margin: 8px 0 24px; }}
.gantt {{ position: relative; }}
.rowlabels {{ position: absolute; left: 0; z-index: 1; font-size: 12px; }}
.rowlabel {{ height: 26px; line-height: 26px; white-space: nowrap; overflow: hidden;
             text-overflow: ellipsis; color: #2a3f5f; box-sizing: border-box; }}
.rowlabel.summary {{ font-weight: bold; }}
"""


def date_ticks(lang: str) -> dict[str, str]:
    """How a date axis labels its ticks and hovers: 2023年7月1日 in Chinese, ISO otherwise.
    Numeric formats, not plotly's month names ("Jul 2023"): the embedded plotly.js carries
    only its English locale, and no page may fetch another."""
    if lang == "zh":
        return {"tickformat": "%Y年%-m月%-d日", "hoverformat": "%Y年%-m月%-d日"}
    return {"tickformat": "%Y-%m-%d", "hoverformat": "%Y-%m-%d"}


def percent_chart(fig: go.Figure, title: str, height: int, lang: str,
                  top: float = 100) -> go.Figure:
    """The shared look of the percent-over-time charts (S-curve, completion curves)."""
    fig.update_layout(
        title={"text": title, "x": 0.01}, height=height,
        font={"family": FONT, "size": 12}, plot_bgcolor="white",
        yaxis={"range": [0, top], "ticksuffix": "%", "gridcolor": "#eeeeee"},
        xaxis={"type": "date", "gridcolor": "#eeeeee", **date_ticks(lang)},
        margin={"l": 50, "r": 20, "t": 50, "b": 40},
    )
    return fig


BASIC_BUNDLE = "plotly-basic.min.js"


def basic_bundle_version(text: str) -> str | None:
    """The version in the vendored bundle's header ("plotly.js (basic - minified) v4.1.1")."""
    found = re.search(r"plotly\.js \(basic[^)]*\) v(\d+\.\d+\.\d+)", text[:300])
    return found[1] if found else None


def basic_bundle() -> Path | None:
    """The vendored basic bundle's file when it is the same version as the plotly package's
    own bundle (every chart of ours draws with it), else None."""
    from plotly.offline import get_plotlyjs_version

    basic = resources.files("planner") / "assets" / BASIC_BUNDLE
    if not isinstance(basic, Path) or not basic.is_file():
        return None
    with basic.open(encoding="utf-8") as f:
        head = f.read(300)
    return basic if basic_bundle_version(head) == get_plotlyjs_version() else None


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js to embed (no CDN): the vendored basic bundle when it is the same
    version as the plotly package's own bundle, else that full bundle."""
    from plotly.offline import get_plotlyjs

    basic = basic_bundle()
    text = basic.read_text(encoding="utf-8") if basic else str(get_plotlyjs())
    # A literal "</script>" inside the bundle would end the tag early.
    return text.replace("</script>", "<\\/script>")


def figure_div(fig: go.Figure, div_id: str) -> str:
    return str(fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                           config={"displaylogo": False, "responsive": True},
                           include_mathjax=False))


DATE_CELL = re.compile(r"(\d{4}-)?\d{2}-\d{2}")


SHORT_CELL = 6  # characters: a word such as 进行中 or 已完成, never broken a character a line


def _cell_class(text: str, numeric: bool) -> str:
    """``num`` (right-aligned) or ``date`` (a date: never broken over two lines), ``short``
    (a word: a narrow column beside long names must not wrap it) or none."""
    if numeric:
        return " class=num"
    if DATE_CELL.fullmatch(text):
        return " class=date"
    return " class=short" if 0 < len(text) <= SHORT_CELL and " " not in text else ""


def table_html(headers: Sequence[str], rows: Sequence[Sequence[str]],
               numeric: Sequence[bool] = (), row_class: Sequence[str] = (),
               row_data: Sequence[Mapping[str, str]] = ()) -> str:
    """An HTML table; every cell is escaped here, so callers pass plain text. Numbers and
    dates stay on one line (a date split at its hyphens is misread on a projector).
    ``row_data``: each row's ``data-`` attributes (names ours, values escaped here), which a
    page's script filters on."""
    num = list(numeric) + [False] * (len(headers) - len(numeric))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{html.escape(row_class[i])}"' if i < len(row_class) and row_class[i] \
            else ""
        if i < len(row_data):
            cls += "".join(f' data-{k}="{html.escape(v)}"' for k, v in row_data[i].items())
        cells = "".join(
            f"<td{_cell_class(c, num[j])}>{html.escape(c)}</td>" for j, c in enumerate(row))
        body.append(f"<tr{cls}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def document(title: str, lang: str, body: str, charts: bool = True, style: str = "") -> str:
    """A complete HTML document, with plotly.js inline when it has ``charts``. ``body`` must
    already be escaped; ``style``: the page's own rules after the shared ones."""
    script = f'<script type="text/javascript">{plotly_js()}</script>\n' if charts else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No network at all: nothing but inline script, style and data: images.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{style}</style>\n"
        f"{script}"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
