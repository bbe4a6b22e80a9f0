"""The <link> and <meta> tags of a page's <head>, read with an HTML parser rather than by string search."""

from html.parser import HTMLParser


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif self._in_head and tag == "link":
            self.links.append({name: value or "" for name, value in attrs})
        elif self._in_head and tag == "meta":
            self.metas.append({name: value or "" for name, value in attrs})

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def head_tags(html: str) -> _HeadParser:
    parser = _HeadParser()
    parser.feed(html)
    return parser


def links(html: str, rel: str) -> list[dict[str, str]]:
    return [link for link in head_tags(html).links if link.get("rel") == rel]


def og(html: str) -> dict[str, list[str]]:
    """Each Open Graph property's values, in order."""
    found: dict[str, list[str]] = {}
    for meta in head_tags(html).metas:
        if meta.get("property", "").startswith("og:"):
            found.setdefault(meta["property"], []).append(meta.get("content", ""))
    return found
