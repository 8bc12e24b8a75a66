"""Turning a pasted report into text the rules can read.

The text shown to the user is the pasted text in one Unicode spelling (NFC), with HTML
tags stripped when HTML was pasted. Every span the extractor proposes is a position in that
text. The rules read a *folded* copy of the same length (lower case, no tone marks), in which
page furniture (view counts, share buttons, bylines, links to other stories, a second copy
of a paragraph) is blanked out, so that positions stay the same and furniture never becomes
a fact.
"""

import datetime
import re
import unicodedata
from html.parser import HTMLParser

from pressimport.extraction import dictionaries as D
from pressimport.extraction.document import Document
from pressimport.extraction.folding import fold_keep

MAX_CHARS = 100_000


class ExtractionError(ValueError):
    """The text cannot be read: ``code`` says why (empty, too_long, not_vietnamese)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


# Vietnamese letters that no other Latin-script language uses.
_VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ")


def looks_vietnamese(text: str) -> bool:
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if len(letters) < 20:
        return bool(set(letters) & _VIETNAMESE_LETTERS)
    own = sum(1 for ch in letters if ch in _VIETNAMESE_LETTERS)
    return own / len(letters) >= 0.03


# HTML pasted as text ------------------------------------------------------------------------

_HTML_HINT = re.compile(
    r"<(?:/?(?:p|div|br|span|a|h[1-6]|li|ul|ol|table|tr|td|html|body|head|article|section|strong|em|b|i|img|figure|"
    r"figcaption|script|style|meta|link)\b[^>]*|!doctype[^>]*)>",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article", "section",
    "header", "footer", "figure", "figcaption", "blockquote", "title", "dd", "dt", "nav", "aside", "main", "hr",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:20000])) >= 2


def strip_html(text: str) -> str:
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_HEADER = re.compile(
    r"\A\s*SOURCE:[ \t]*(?P<url>\S*)[ \t]*\r?\n(?:TITLE:[ \t]*(?P<title>[^\r\n]*)\r?\n)?(?:[ \t]*\r?\n)"
)


def split_header(text: str) -> tuple[dict, str]:
    """A file's ``SOURCE: <url>`` / ``TITLE: <title>`` header (then a blank line) and its body."""
    match = _HEADER.match(text)
    if not match:
        return {}, text
    return {"url": match["url"] or "", "title": (match["title"] or "").strip()}, text[match.end() :]


def normalise_input(text: str) -> str:
    """The text as it will be shown: NFC, Unix newlines, HTML stripped when HTML was pasted."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    if looks_like_html(text):
        text = strip_html(text)
    return text


def check_text(text: str) -> None:
    """Raise ExtractionError when the text cannot be a report to read."""
    if not text or not text.strip():
        raise ExtractionError("empty", "The text is empty.")
    if len(text) > MAX_CHARS:
        raise ExtractionError("too_long", f"The text is longer than {MAX_CHARS} characters.")
    if not looks_vietnamese(text):
        raise ExtractionError("not_vietnamese", "The text does not look like Vietnamese.")


# Dates ------------------------------------------------------------------------------------------

_DATELINE_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)")
_DATELINE_WORDS = re.compile(
    r"(?<![a-z])(?:dang|ngay dang|cap nhat|xuat ban|dang tai|posted|published|luc|ngay|thu (?:hai|ba|tu|nam|sau|bay)"
    r"|chu nhat|gmt|luot xem|luot doc|views?)(?![a-z])"
)


# " date 2025-07" or " date 2025-08-13" opening a line: the month (and day) a page was stored.
_DATE_LINE = re.compile(r"[ \t]*date[ \t]+((?:19|20)\d\d)-(\d{1,2})(?:-(\d{1,2}))?(?![\d-])")

# "Hà Nội, ngày 18/10/2024 - " or "(TTXVN) 18/10/2024 – " opening the lead paragraph.
_LEAD_DATELINE = re.compile(
    r"^\s*(?:\(?[a-z][a-z .]{1,30}\)?\s*,?\s*)?(?:ngay\s+)?(\d{1,2})/(\d{1,2})/(\d{4})\s*[-–—:]\s+(?=\S)"
)


def dateline_date(line: str):
    """The publication date of a dateline such as "Cập nhật lúc 10:20 ngày 26/02/2024",
    "10/01/2020 - 13:04" or "Nghệ An, 10-01-2023 08:00"; None for a line of text."""
    if len(line) > 120:
        return None
    m = _DATELINE_DATE.search(line)
    if not m:
        return None
    has_time = re.search(r"\d{1,2}\s?[:h]\s?\d{2}(?!\d)", line[: m.start()] + " " + line[m.end() :])
    has_word = re.match(r"\s*(?:dang|ngay dang|cap nhat|xuat ban|thu (?:hai|ba|tu|nam|sau|bay)|chu nhat)", line)
    rest = _DATELINE_WORDS.sub(" ", line[: m.start()] + " " + line[m.end() :])
    words = re.findall(r"[a-z]{2,}", rest)
    if not (has_time or has_word or not words) or len(words) > 4:
        return None
    try:
        return datetime.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


_CHROME = [re.compile(rf"^(?:{p})$") for p in D.CHROME_LINES]
_END = [re.compile(rf"^(?:{p})\s*:?$") for p in D.END_MARKERS]
_LINK_LINE = re.compile(D.LINK_LINE)
_INLINE_CHROME = re.compile(
    r"(?:so )?luot (?:xem|doc|thich)\s*:?\s*[\d.]+|[\d.]+\s*luot (?:xem|doc|thich)|\(\s*anh\s*:[^)]*\)"
)
_INLINE_LINK = re.compile(r"(?:>>|»|xem them\s*:|doc them\s*:|tin lien quan\s*:).*$")
_SITE_PREFIX = re.compile(r"^(?:\S*\.vn\s*[-–]\s*|\([^)]{1,40}\)\s*[-–]?\s*|[a-z]{2,8}\s*[-–]\s+)")
_SENTENCE_KEY_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _key(text):
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _byline(line_text, folded_line, is_last_content):
    """A signature line: a short run of capitalised words with no verb, at the end."""
    words = line_text.split()
    if not words or len(words) > 5 or any(ch.isdigit() for ch in line_text) or line_text.rstrip().endswith("."):
        return False
    capitalised = all(w[0].isupper() for w in words if w[0].isalpha())
    return capitalised and is_last_content


def prepare(text: str) -> Document:
    """Read ``text`` (already normalised) into a Document: dateline, furniture, sentences."""
    folded = fold_keep(text)
    ignored = []
    lines = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    content_lines = [(s, e) for s, e in lines if text[s:e].strip()]
    last_content = content_lines[-1] if content_lines else None
    headline = None
    if len(content_lines) > 1:
        first = text[content_lines[0][0] : content_lines[0][1]].strip()
        if len(first) <= 200 and not first.endswith((".", "!", "?", ":", ";", ",")):
            headline = content_lines[0]  # a headline: its facts are told again below

    published = None
    dateline = None
    date_line = None
    seen_sentences = set()
    content_chars = 0
    for index, (start, end) in enumerate(content_lines):
        line = folded[start:end].strip()
        raw = text[start:end]
        stamp = _DATE_LINE.match(folded, start, end) if date_line is None and index < 8 else None
        if stamp:
            # " date 2025-07 Chính quyền …": the page's month (and day), run into the line.
            try:
                datetime.date(int(stamp[1]), int(stamp[2]), int(stamp[3] or 1))
            except ValueError:
                pass
            else:
                date_line = (int(stamp[1]), int(stamp[2]), int(stamp[3]) if stamp[3] else None)
                ignored.append((start, stamp.end(), "date line"))
                line = folded[stamp.end() : end].strip()
                if not line:
                    continue
        if dateline is None and (index < 8 or re.match(r"^\s*(?:dang|cap nhat|ngay dang)", line)):
            found = dateline_date(line)
            if found:
                published = found
                dateline = (start, end)
                ignored.append((start, end, "dateline"))
                continue
        if dateline is None and index < 8:
            lead = _LEAD_DATELINE.match(folded[start:end])
            if lead and re.match(r"\s*(?:sang|chieu|toi|trua|hom|dem)\b", folded[start:end]):
                lead = None  # "Sáng nay 18/10/2024 - …" dates the event, not the page
            if lead:
                try:
                    published = datetime.date(int(lead[3]), int(lead[2]), int(lead[1]))
                except ValueError:
                    pass
                else:
                    dateline = (start, start + lead.end())
                    ignored.append((start, start + lead.end(), "dateline"))
        if any(p.match(line) for p in _CHROME):
            ignored.append((start, end, "page furniture"))
            continue
        if len(line) <= 40 and any(p.match(line) for p in _END):
            if content_chars >= 200:
                ignored.append((start, len(text), "other stories"))
                break
            ignored.append((start, end, "page furniture"))
            continue
        if _LINK_LINE.match(line):
            ignored.append((start, end, "link to another story"))
            continue
        if (start, end) == last_content and _byline(raw, line, True):
            ignored.append((start, end, "byline"))
            continue
        # A paragraph whose every sentence was already read is a repeated lead or caption.
        keys = [_key(_SITE_PREFIX.sub("", s)) for s in _SENTENCE_KEY_SPLIT.split(line)]
        keys = [k for k in keys if len(k) >= 12]
        if keys and all(k in seen_sentences for k in keys):
            ignored.append((start, end, "repeated"))
            continue
        seen_sentences.update(keys)
        for m in _INLINE_CHROME.finditer(line):
            lead = len(folded[start:end]) - len(folded[start:end].lstrip())
            ignored.append((start + lead + m.start(), start + lead + m.end(), "page furniture"))
        m = _INLINE_LINK.search(line)
        if m and m.start() > 0:
            lead = len(folded[start:end]) - len(folded[start:end].lstrip())
            ignored.append((start + lead + m.start(), end, "link to another story"))
        content_chars += len(line)

    blanked = list(folded)
    for start, end, _reason in ignored:
        for i in range(start, min(end, len(blanked))):
            if blanked[i] != "\n":
                blanked[i] = " "
    folded_body = "".join(blanked)
    doc = Document(
        text=text,
        folded=folded_body,
        published_on=published,
        dateline=dateline,
        date_line=date_line,
        ignored=ignored,
        headline=headline,
    )
    doc.set_sentences(split_sentences(text, folded_body))
    return doc


_ABBREVIATION_BEFORE_DOT = re.compile(r"(?:\b(?:tp|ts|ths|pgs|gs|bs|ks|th|st|q|p|tt|v\.v|ng|mr|mrs|dr)|\b[a-z])$")


def split_sentences(text, folded):
    """(start, end) of each sentence: at line breaks, and after . ! ? … before a capital."""
    sentences = []
    for m in re.finditer(r"[^\n]+", folded):
        start = m.start()
        line_end = m.end()
        for stop in re.finditer(r"[.!?…]+[\"”’)]?(?=\s+\S)", folded[m.start() : m.end()]):
            pos = m.start() + stop.start()
            after = m.start() + stop.end()
            nxt = re.match(r"\s+(\S)", text[after:line_end])
            if not nxt:
                continue
            ch = nxt[1]
            if not (ch.isupper() or ch.isdigit() or ch in '“"‘(-–'):
                continue
            if folded[pos] == "." and _ABBREVIATION_BEFORE_DOT.search(folded[max(start, pos - 6) : pos]):
                continue
            if folded[start:after].strip():
                sentences.append((start, after))
            start = after
        if folded[start:line_end].strip():
            sentences.append((start, line_end))
    trimmed = []
    for s, e in sentences:
        while s < e and folded[s].isspace():
            s += 1
        while e > s and folded[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed
