"""The visible text of a page with the language each piece is marked with."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HIDDEN = {"script", "style", "template", "title", "textarea"}


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, hidden)
        self.texts: list[tuple[str, str]] = []

    def _lang(self) -> str:
        for _tag, lang, _hidden in reversed(self.stack):
            if lang:
                return lang
        return ""

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        hidden = tag in HIDDEN or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, dict(attrs).get("lang"), hidden))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1][2]):
            self.texts.append((self._lang(), " ".join(data.split())))


def texts(html: str) -> list[tuple[str, str]]:
    """(language, text) for every visible text node, the language from the nearest lang."""
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def unmarked(html: str, phrases, language: str) -> set[str]:
    """The phrases (of another language than `language`) found in text not marked as theirs."""
    joined = "\n".join(text for lang, text in texts(html) if lang.split("-")[0] == language)
    return {phrase for phrase in phrases if phrase in joined}
