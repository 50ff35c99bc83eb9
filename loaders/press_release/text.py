"""Plain text of a release (.txt, .md, .html: tags, scripts and styles stripped, entities unescaped),
hard-wrapped lines read as one (offsets kept), and sentences with their offsets."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from loaders.errors import LoadError


# ---------------------------------------------------------------- plain text

# page furniture around an article: navigation, sidebars, related or most-read links, footers, comments, ads.
# Their link titles report other editions ("2019 convention signs 638 projects") and are never the release's text.
_BOILERPLATE_TAGS = {"nav", "aside", "footer", "menu"}
_BOILERPLATE_CLASS = re.compile(r"(?:^|[\s_-])(?:side-?bar|related|recommend\w*|more-?news|most-?read|popular|"
                                r"trending|breadcrumbs?|nav|navbar|navigation|menu|footer|site-header|masthead|"
                                r"comments?|share|social|ads?|advert\w*|promo|widget|tags|read-?more|see-?also)"
                                r"(?:$|[\s_-])", re.I)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextParser(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "title"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
             "section", "article", "header", "footer", "blockquote", "pre", "hr", "dt", "dd", "figcaption", "body"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.furniture: list[list] = []  # [tag, depth] of the page-furniture elements being skipped

    def handle_starttag(self, tag, attrs):
        if self.furniture:
            if tag == self.furniture[-1][0]:
                self.furniture[-1][1] += 1
            return
        names = " ".join(value or "" for key, value in attrs if key in ("class", "id", "role"))
        if tag not in _VOID and (tag in _BOILERPLATE_TAGS or (names and _BOILERPLATE_CLASS.search(names))):
            self.furniture.append([tag, 1])
            self.parts.append("\n\n")
            return
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK and not self.furniture:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.furniture:
            if tag == self.furniture[-1][0]:
                self.furniture[-1][1] -= 1
                if not self.furniture[-1][1]:
                    self.furniture.pop()
            return
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping and not self.furniture:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts))


def markdown_to_text(markdown: str) -> str:
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)              # headings
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)        # list bullets
        line = re.sub(r"^\s*>\s?", "", line)                        # quotes
        # (no bracket inside the text: a run of "[" or "![" would otherwise be read again from each of them)
        line = re.sub(r"!\[([^\[\]]*)\]\([^)]*\)", r"\1", line)     # images
        line = re.sub(r"\[([^\[\]]+)\]\([^)]*\)", r"\1", line)      # links
        line = re.sub(r"(\*\*|__|`)", "", line)                     # bold, code
        line = re.sub(r"(?<![\w*])\*(?!\s)([^*]+)(?<!\s)\*(?!\w)", r"\1", line)  # *emphasis*
        lines.append(line)
    return _tidy(html.unescape("\n".join(lines)))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u3000", " ")
    # every run of spaces (thin, narrow no-break ... too) is one space: the rules never see a run of them
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
        out.append(line)
        blank = False
    return "\n".join(out) + "\n"


def release_text(text: str, suffix: str, file: str) -> str:
    """Decoded release -> plain text (tags, scripts and styles stripped; entities unescaped)."""
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
    elif suffix == ".md":
        text = markdown_to_text(text)
    else:
        text = _tidy(text)
    if not text.strip():
        raise LoadError(file, "file is empty", code="file_empty")
    return text


def read_text(path: Path) -> str:
    """The release at `path` as plain text: read size-checked, decoded by the one decoder."""
    from loaders.decode import decode
    from loaders.readers import read_bytes_bounded

    path = Path(path)
    return release_text(decode(read_bytes_bounded(path), str(path)), path.suffix.lower(), str(path))


# ---------------------------------------------------------------- sentences

_ABBREV = {"sept", "sep", "oct", "nov", "dec", "jan", "feb", "mar", "apr", "aug", "jun", "jul", "no", "approx",
           "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "vs", "e.g", "i.e", "u.s", "u.k", "etc", "jr", "prof"}
DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b", re.I)


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    headline: bool  # a line without final punctuation (a title)
    context: str = ""  # the sentence before, when this one says "during the period"


_TERMINAL = re.compile(r"[.!?:;。！？：；\"”’)\]|]\s*$")
# a line that ends on one of these words cannot end a sentence or a title: the text goes on on the next line
_OPEN_END = re.compile(r"(?:,|\b(?:and|or|of|the|a|an|by|in|on|at|to|for|with|from|as|its|their|than|over|about|"
                       r"nearly|some|around|more|less|including|between|into|under|which|that|who|were|was|"
                       r"is|are|has|have|had|been|be|per|total|worth))\s*$", re.I)
_LIST_START = re.compile(r"^\s*(?:[-*+•·|]|\d+[.)]\s|[A-Z][\w '&/-]{0,40}:\s|Q\s*[:.]|A\s*[:.])")


def unwrap(text: str) -> str:
    """The text with hard-wrap newlines read as spaces (same length, so offsets are unchanged).

    Plain-text releases are often wrapped at 70-100 characters. A newline inside a paragraph joins two
    lines when the first line does not end a sentence or a label and either ends on a word that cannot end
    one ("and", "of", a comma ...), or the next line starts in lower case, or the first line is about as
    long as the longest lines of the text (the wrap width) and is not a title. Blank lines always separate
    paragraphs; list items, table rows and "Label: value" lines are never joined to the line before.
    Only "\n" characters are replaced, one for one, so every offset into the result is an offset into
    `text` and `text[start:end]` differs from a sentence at most by those newlines.
    """
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return text
    width = lengths[int(0.9 * (len(lengths) - 1))]  # the wrap width: long lines, ignoring a few outliers
    out = list(text)
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        body = line.rstrip()
        if body.strip() and nxt.strip() and not _TERMINAL.search(body) and not _LIST_START.match(nxt) \
                and not re.search(r"[\u4e00-\u9fff]$", body) and not re.match(r"^\s*[\u4e00-\u9fff]", nxt) \
                and not (i == 0 and DATE_LINE.match(line)):
            words = re.findall(r"[A-Za-z][\w'-]*", body)
            small = {"a", "an", "the", "of", "in", "and", "for", "to", "at", "on", "by", "with"}
            title = words and sum(w[0].isupper() or w.lower() in small for w in words) >= 0.8 * len(words)
            long_line = width >= 50 and len(body) >= 0.8 * width and len(nxt.strip()) > 0
            if _OPEN_END.search(body) or re.match(r"^\s*[a-z(]", nxt) or (long_line and not title):
                out[pos] = " "
        pos += 1
    return "".join(out)


# The longest sentence in the releases read so far has about 550 characters. A longer "sentence" (a list without full
# stops, a table flattened into one line, or a hostile run of digits) is read in parts of at most this many
# characters, cut after a clause mark or a space; a part with neither is skipped. Every rule then reads a bounded
# piece of text, so the extraction's time grows linearly with the release whatever the rules' regexes do.
MAX_SENTENCE_CHARS = 2000
_WORD_WINDOW = 40  # enough for the word before a full stop ("approx", "u.s.a"): only abbreviations are looked up
_CLAUSE_MARKS = "，,；;、：:"
_NEXT_CHAR = re.compile(r"\s*+(\S?)")


def split_sentences(text: str, notes: list[str] | None = None) -> list[Sentence]:
    """The sentences of the text with their offsets; a sentence longer than MAX_SENTENCE_CHARS is cut into parts
    (what was cut or skipped is said in `notes`, when given, for the reviewer)."""
    out: list[Sentence] = []
    pos = 0
    for line in unwrap(text).split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        offset = 0
        if not out and line_start == _first_line_start(text):
            match = DATE_LINE.match(line)
            if match:
                offset = match.end()
        pieces = []
        seg_start = offset
        for m in re.finditer(r"[.!?。！？][\"'”’)]?(?=\s+|$)|[。！？][\"'”’)]?", line):
            if m.start() < seg_start:
                continue
            if line[m.start()] == ".":
                # the word before the full stop, from a short window: searching the whole segment again at every
                # skipped abbreviation ("No. No. No. ...") was O(n^2)
                word = re.search(r"(?<![\w.])([\w.]+)$", line[max(seg_start, m.start() - _WORD_WINDOW):m.start()])
                token = word.group(1).lower() if word else ""
                if token in _ABBREV or re.fullmatch(r"^(?:[a-z]\.)*[a-z]", token):
                    continue
                nxt = _NEXT_CHAR.match(line, m.end()).group(1)
                if nxt and not re.match(r"[A-Z0-9\"'“‘(\u4e00-\u9fff]", nxt):
                    continue
            pieces.append((seg_start, m.end()))
            seg_start = m.end()
        if seg_start < len(line):
            pieces.append((seg_start, len(line)))
        for a, b in pieces:
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
            if a >= b:
                continue
            for a, b in _bounded(line, a, b, line_start, notes):
                seg = line[a:b]
                headline = not re.search(r"[.!?。！？\"”]$", seg)
                out.append(Sentence(seg, line_start + a, line_start + b, headline))
    return out


def _bounded(line: str, a: int, b: int, line_start: int, notes: list[str] | None) -> list[tuple[int, int]]:
    """(start, end) of the parts of line[a:b], each at most MAX_SENTENCE_CHARS long (see there)."""
    if b - a <= MAX_SENTENCE_CHARS:
        return [(a, b)]
    parts, skipped, pos = [], 0, a
    while pos < b:
        if b - pos <= MAX_SENTENCE_CHARS:
            parts.append((pos, b))
            break
        window_end = pos + MAX_SENTENCE_CHARS
        cut = max(line.rfind(mark, pos, window_end) for mark in _CLAUSE_MARKS)
        if cut <= pos:
            cut = line.rfind(" ", pos, window_end)
        if cut > pos:
            parts.append((pos, cut + 1))
            pos = cut + 1
        else:  # no clause mark and no space: the piece up to the next one is not a sentence
            nxt = min([i for i in (line.find(mark, window_end, b) for mark in _CLAUSE_MARKS + " ") if i >= 0],
                      default=b)
            skipped += nxt + 1 - pos
            pos = nxt + 1
        while pos < b and line[pos].isspace():
            pos += 1
    if notes is not None:
        note = (f"a sentence of {b - a:,} characters (characters {line_start + a:,}-{line_start + b:,}) is longer "
                f"than {MAX_SENTENCE_CHARS:,}: read in {len(parts)} parts")
        notes.append(note + (f", {min(skipped, b - a):,} characters without a clause mark or space skipped; "
                             "check its figures by hand" if skipped else "; check its figures by hand"))
    return [(p, q) for p, q in parts if line[p:q].strip()]


# a pointer to other articles: "Related: ...", "Read more: ...", "See also ...", and the heading of a block of such
# links ("Related stories", "Most read"); the link titles that follow it report other editions' figures
_NAV_LINE = re.compile(r"^\W*(?:related(?:\s+(?:stories|news|articles|links|reading|coverage|reports?|content))?|"
                       r"read (?:more|also)|also read|see also|more (?:news|stories|on this|from \w+)|most (?:read|viewed|"
                       r"popular)|recommended(?: for you| reading)?|further reading|you (?:may|might) also like|"
                       r"previous coverage|trending|top stories|latest news|editor'?s picks?)\b\s*(?::|>>|»|\||-{1,2}|—)?",
                       re.I)


def navigation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of navigation text: a line that points to other articles ("Related: 2019 convention signs
    638 projects", "Read more: ..."), or a "Related" / "Most read" / "See also" heading and the link titles after it
    up to the next line of real prose (70+ characters ending a sentence). Such text never gives a figure."""
    spans: list[tuple[int, int]] = []
    pos, in_block = 0, False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body:
            continue
        nav = _NAV_LINE.match(body)
        if nav:
            rest = body[nav.end():].strip()
            if not rest or nav.group(0).rstrip().endswith((":", ">>", "»", "|", "-", "—")):
                spans.append((start, end))
                in_block = not rest
                continue
        if in_block:
            if len(body) >= 70 and re.search(r"[.!?。！？][\"'”’)]?$", body):
                in_block = False
            else:
                spans.append((start, end))
    return spans


def _first_line_start(text: str) -> int:
    match = re.search(r"\S", text)
    return text.rfind("\n", 0, match.start()) + 1 if match else 0


def _has_cjk(text: str) -> bool:
    """Is the sentence Chinese (read by the Chinese rules)? A short one ("参展企业523家。") too; an English sentence
    with a Chinese name in it is not."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    return cjk > 5 or cjk >= 3 and cjk >= len(re.findall(r"[A-Za-z]", text))
