"""article_md.code: each code listing carries its number of lines for the stylesheet."""

import re

LISTING = "```python\ndef f(x):\n    return x + 1\n\nprint(f(1))\n```"
HIGHLIGHT = ["pymdownx.highlight", "pymdownx.superfences", "article_md.code"]


def lines_of(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<code[^>]* style="--code-lines: (\d+)">', html)]


def test_a_highlighted_listing_carries_its_lines(render):
    html = render(f"前文\n\n{LISTING}\n\n后文", *HIGHLIGHT)
    assert lines_of(html) == [4]  # the blank line counts: it takes a line's height
    # focusable, so the keyboard can scroll it before Material has seen it (content.lazy)
    assert ('<pre><span></span><code tabindex="0" style="--code-lines: 4">'
            '<span class="k">def</span>') in html
    assert html.count("<span") == render(f"前文\n\n{LISTING}\n\n后文", *HIGHLIGHT[:2]).count("<span")


def test_plain_fences_indented_code_and_listings_in_admonitions(render):
    html = render("```\na\nb\n```\n\n    one line\n\n!!! note \"编者注\"\n\n    ```\n    x\n    ```",
                  "pymdownx.superfences", "article_md.code")
    assert lines_of(html) == [2, 1, 1]


def test_inline_code_empty_listings_and_diagrams_are_left_alone(render):
    html = render("正文 `x = 1` 和 <pre><code></code></pre>", "article_md.code")
    assert "style=" not in html
    diagram = '<pre class="mermaid"><code>graph LR\n  A --> B\n</code></pre>'
    assert diagram in render(diagram, "md_in_html", "article_md.code")
    styled = '<pre><code style="color: red">a\n</code></pre>'
    assert styled in render(styled, "md_in_html", "article_md.code")  # its own style stays
