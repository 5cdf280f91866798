"""A `Document` as a Word file (.docx) laid out as a township office lays out a notice.

A4 with the margins of official documents (GB/T 9704: 37/35/28/26 mm), the title in
方正小标宋 (二号), the date line in 楷体, section headings in 黑体 and the text in 仿宋
(三号, 28 pt lines, two characters' indent); tables in 仿宋 五号 with their header row
repeated on every page; the page number, "— 1 —", centred in the footer. An English
document gets the same layout in Times New Roman and Arial.

Each Chinese font is named for East Asian text (w:eastAsia, which Word and WPS read for
CJK characters; a run's plain font name only covers Latin text), and the font table gives
each one its alternative name and GB2312 character set, so a PC without it substitutes a
Chinese font of its kind instead of a Latin one. python-docx is imported here only: only
``planner report --format docx`` loads it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from planner.i18n.labels import label
from planner.render.document import Block, Figure, Heading, Notes, Paragraph, Table
from planner.render.terminal import width
from planner.support.sanitize import xml_chars

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# (East Asian font, its alternative name, Latin font) by role and language
FONTS = {
    "zh": {"title": ("方正小标宋简体", "黑体", "Times New Roman"),
           "subtitle": ("楷体", "KaiTi", "Times New Roman"),
           "heading": ("黑体", "SimHei", "Times New Roman"),
           "body": ("仿宋", "FangSong", "Times New Roman"),
           "footer": ("宋体", "SimSun", "Times New Roman")},
    "en": {"title": ("黑体", "SimHei", "Arial"),
           "subtitle": ("仿宋", "FangSong", "Times New Roman"),
           "heading": ("黑体", "SimHei", "Arial"),
           "body": ("仿宋", "FangSong", "Times New Roman"),
           "footer": ("宋体", "SimSun", "Times New Roman")},
}
# points: title, subtitle, heading, sub-heading, body, table, banner, footer
SIZES = {"zh": (22, 16, 16, 16, 16, 10.5, 14, 14), "en": (18, 12, 14, 12, 12, 10, 12, 11)}
LINE = {"zh": 28, "en": 16}  # exact line pitch of running text, points
MARGINS_MM = (37, 35, 28, 26)  # top, bottom, left, right
ROW_FILL = {"high": "FDECEA", "medium": "FFF6E5"}
BANNER_FILL, BANNER_LINE = "FFF3CD", "C98A00"
SHORT = 14  # columns of text a cell that is not to wrap may take ("2024年1月22日" is 13)
CELL_PAD_MM = 4.5  # a table cell's left and right margins (Word's default 1.9 mm each)
# What may follow a paragraph's shading in its properties (ECMA-376 CT_PPrBase, in order)
AFTER_SHADING = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                 "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                 "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                 "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                 "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
# A chart's width in pixels: narrower than a screen's, so that its text, fixed in pixels,
# prints larger on a page its rows' height already fills
PICTURE_PX = 1100


def docx_bytes(title: str, lang: str, blocks: Iterable[tuple[int, Block]],
               ) -> tuple[bytes, str | None]:
    """The document whose ``blocks`` come in reading order with their levels (sections
    flattened into headings), as .docx bytes, with why a chart could not be drawn (None
    when every chart was, or there was none). A chart that cannot be drawn on this machine
    (no Chromium, no kaleido) is a line saying where it is instead."""
    import docx

    doc = docx.Document()
    look = "zh" if lang == "zh" else "en"
    _page(doc, look)
    _styles(doc, look)
    _font_table(doc, look)
    props = doc.core_properties
    props.title, props.language = xml_chars(title), "zh-CN" if look == "zh" else "en-US"
    props.author = props.last_modified_by = "planner"
    props.comments = ""
    missing: str | None = None
    for _, b in blocks:
        if isinstance(b, Heading):
            style = "Title" if b.level <= 1 else "Heading 1" if b.level == 2 else "Heading 2"
            _text(doc.add_paragraph(style=style), b.text)
        elif isinstance(b, Paragraph):
            if b.style == "colophon":
                continue
            p = doc.add_paragraph(style={"subtitle": "Subtitle", "banner": "Banner",
                                         "meta": "Meta"}.get(b.style, "Normal"))
            _text(p, b.text)
        elif isinstance(b, Notes):
            for item in b.items:
                _text(doc.add_paragraph(style="Meta"), item)
        elif isinstance(b, Table):
            if b.rows or not b.empty:
                _table(doc, b, look)
            else:
                _text(doc.add_paragraph(), b.empty.strip())
        elif isinstance(b, Figure):
            why = _picture(doc, b, look)
            if why is not None:
                missing = missing or why
                _text(doc.add_paragraph(), label(
                    "notice.no_chart" if b.id == "gantt" else "notice.no_figure", lang))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), missing


def _text(p: WordParagraph, text: str) -> None:
    """User text as runs: control characters dropped (XML cannot hold them; python-docx
    would refuse the whole document), a line break kept as one."""
    p.add_run(xml_chars(text))


# -- the page -----------------------------------------------------------------------------------


def _page(doc: WordDocument, look: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(28 - 7 * 1)  # the number sits about 7 mm below the text
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("— ")
    _page_field(p.add_run()._r)
    p.add_run(" —")
    for run in p.runs:
        run.font.size = Pt(SIZES[look][7])
        _run_fonts(run._r, FONTS[look]["footer"])


def _page_field(run: Any) -> None:
    """The PAGE field as Word and WPS both update it (begin, instruction, separate, end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run.append(el)


# -- styles and fonts ---------------------------------------------------------------------------


def _run_fonts(owner: Any, fonts: tuple[str, str, str]) -> None:
    """Set the fonts of a run or a style's run properties: the East Asian one for CJK, the
    Latin one for the rest; any theme font (which would win over a name) removed."""
    from docx.oxml.ns import qn

    rpr = owner.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    east, _, latin = fonts
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east)
    rfonts.set(qn("w:hint"), "eastAsia")


def _styles(doc: WordDocument, look: str) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    title, subtitle, heading, subheading, body, cell, banner, _ = SIZES[look]
    fonts = FONTS[look]
    # the document's defaults: no theme fonts, Chinese as the East Asian language
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rfonts = defaults.find(f"{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}rFonts")
        if rfonts is not None:
            for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                rfonts.attrib.pop(qn(f"w:{attr}"), None)
            rfonts.set(qn("w:ascii"), fonts["body"][2])
            rfonts.set(qn("w:hAnsi"), fonts["body"][2])
            rfonts.set(qn("w:eastAsia"), fonts["body"][0])
        lang = defaults.find(f"{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}lang")
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:val"), "zh-CN" if look == "zh" else "en-US")

    def paragraph_style(name: str, font: str, size: float, *, bold: bool = False,
                        align: Any = None, before: float = 0, after: float = 0,
                        line: float | None = None, indent: bool = False) -> Any:
        try:
            style = doc.styles[name]
        except KeyError:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _run_fonts(style.element, fonts[font])
        rpr = style.element.rPr
        for el in rpr.findall(qn("w:color")):  # a theme colour would win over the black
            for attr in ("themeColor", "themeShade", "themeTint"):
                el.attrib.pop(qn(f"w:{attr}"), None)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if line is None:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)
        # two characters, as Chinese text is indented (and stays so at any size); none for
        # the other styles, which would inherit Normal's
        fmt.first_line_indent = Pt(2 * size if indent else 0)
        ind = style.element.get_or_add_pPr().find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:firstLineChars"), "200" if indent else "0")
        return style

    line = LINE[look]
    paragraph_style("Normal", "body", body, line=line, indent=True,
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style("Title", "title", title, align=WD_ALIGN_PARAGRAPH.CENTER, before=12,
                    after=6, line=max(title + 10, line))
    paragraph_style("Subtitle", "subtitle", subtitle, align=WD_ALIGN_PARAGRAPH.CENTER,
                    after=line / 2, line=line)
    paragraph_style("Heading 1", "heading", heading, before=line / 2, line=line)
    paragraph_style("Heading 2", "subtitle", subheading, bold=True, line=line)
    paragraph_style("Meta", "body", cell + 1, line=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style("Table Text", "body", cell, line=None, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style("Table Head", "heading", cell, line=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style("Caption Line", "body", cell, line=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    style = paragraph_style("Banner", "heading", banner, before=6, after=12, line=None)
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "12"), ("space", "4"),
                           ("color", BANNER_LINE)):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    shade = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", BANNER_FILL)):
        shade.set(qn(f"w:{key}"), value)
    # in the schema's order (Word refuses a file whose pPr lists them after its spacing)
    ppr.insert_element_before(borders, "w:shd", *AFTER_SHADING)
    ppr.insert_element_before(shade, *AFTER_SHADING)
    for name in ("Title", "Heading 1", "Heading 2"):  # the template's rules under titles
        ppr = doc.styles[name].element.get_or_add_pPr()
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)


def _font_table(doc: WordDocument, look: str) -> None:
    """Each font of ours in the font table with its alternative name and the GB2312
    character set: what Word and WPS substitute by when a PC lacks it."""
    part = next(p for p in doc.part.package.iter_parts()
                if str(p.partname) == "/word/fontTable.xml")
    text = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{east}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for east, alt, _ in dict.fromkeys(FONTS[look].values())
        if f'w:name="{east}"' not in text)
    part._blob = text.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


# -- tables and pictures ------------------------------------------------------------------------


def _table(doc: WordDocument, t: Table, look: str) -> None:
    """A bordered table filling the text width, its columns as wide as their text needs,
    its header row repeated on every page, no row split across two pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=1 + len(t.rows), cols=len(t.headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    right = list(t.numeric) + [False] * (len(t.headers) - len(t.numeric))
    widths = _widths(t, SIZES[look][5])
    for j, column in enumerate(table.columns):  # the grid, which LibreOffice lays out by
        column.width = Mm(widths[j])
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # before tblHeader: the schema's order
        if i == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        cells = t.headers if i == 0 else t.rows[i - 1]
        fill = ROW_FILL.get(t.classes[i - 1], "") if 0 < i <= len(t.classes) else ""
        for j, cell in enumerate(row.cells):
            cell.width = Mm(widths[j])
            p = cell.paragraphs[0]
            p.style = doc.styles["Table Head" if i == 0 else "Table Text"]
            if i and right[j]:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(p, cells[j] if j < len(cells) else "")
            if fill or i == 0:
                shade = OxmlElement("w:shd")
                for key, value in (("val", "clear"), ("color", "auto"),
                                   ("fill", fill or "F2F2F2")):
                    shade.set(qn(f"w:{key}"), value)
                cell._tc.get_or_add_tcPr().append(shade)
    doc.add_paragraph(style="Meta")  # a table ends before the next paragraph begins


def _widths(t: Table, points: float) -> list[float]:
    """Each column's width in mm, together the text width. A column whose cells are short
    (a number, a date, a short name: at most ``SHORT`` columns of text) gets what its widest
    cell needs, so it never wraps; its header may take two lines. The columns of long text
    (names, notes) share the rest by how much they hold, each at least ``SHORT // 2``
    columns wide."""
    column_mm = points * 25.4 / 72 / 2 * 1.2  # one column of text (a CJK character is
    # two), with room for a font wider than the one asked for (LibreOffice substitutes)
    text_mm = 210 - MARGINS_MM[2] - MARGINS_MM[3]
    need = []
    for j, head in enumerate(t.headers):
        widest = max((width(r[j]) for r in t.rows if j < len(r)), default=0)
        heading = width(head) if width(head) <= 8 else -(-width(head) // 4) * 2
        need.append(max(widest, heading, 2))
    mm = [n * column_mm + CELL_PAD_MM if n <= SHORT else 0.0 for n in need]
    wrapping = [j for j, n in enumerate(need) if n > SHORT]
    floor = SHORT // 2 * column_mm + CELL_PAD_MM
    spare = text_mm - sum(mm)
    if not wrapping or spare < floor * len(wrapping):
        # nothing to wrap, or too little room left for it: every column by its need
        total = sum(min(n, 60) for n in need)
        return [text_mm * min(n, 60) / total for n in need]
    # the rest by weight, the columns that would fall below the floor held at it
    held: set[int] = set()
    while True:
        weight = sum(min(need[j], 60) for j in wrapping if j not in held)
        room = spare - floor * len(held)
        for j in wrapping:
            mm[j] = floor if j in held else room * min(need[j], 60) / weight
        low = {j for j in wrapping if j not in held and mm[j] < floor}
        if not low:
            return mm
        held |= low


def _picture(doc: WordDocument, f: Figure, look: str) -> str | None:
    """The chart as a picture as wide as the text (no taller than the page), or why not."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from planner.render.image import ExportUnavailable, image_bytes

    try:
        png = image_bytes(f.make(), "png", width=PICTURE_PX)
    except ExportUnavailable as exc:
        return str(exc)
    px_w, px_h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    text_w = 210 - MARGINS_MM[2] - MARGINS_MM[3]
    text_h = 297 - MARGINS_MM[0] - MARGINS_MM[1] - 20  # room for a heading above it
    scale = min(text_w / px_w, text_h / px_h)
    p = doc.add_paragraph(style="Caption Line")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(png), width=Mm(px_w * scale), height=Mm(px_h * scale))
    return None
