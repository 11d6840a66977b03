"""Text from content made inert in GitHub-flavoured Markdown, for the summaries reviewers read on a
pull request (`validate --format github`, `changes`).

A summary is Markdown that GitHub renders, so a value written into it as it is can take the page
over: `<!--` hides everything after it, a line break followed by `## ✅ …` adds a heading, `|`
splits a table cell, `@someone` notifies a person, a bare address becomes a link. `markdown_text`
turns any value into one line of plain text that renders exactly as written, and is the only way
content reaches a summary.
"""

from __future__ import annotations

import re

# Line breaks and tabs: a value stays on its line (a line of its own could start a heading, a
# list, a table row or an HTML block).
_BREAK = re.compile(r"[\t\n\v\f\r\u0085\u2028\u2029]+")
# Controls no reviewer should have to read: C0 and C1 (NUL included), and the bidirectional
# embeddings, overrides and isolates that make text display in an order other than its own.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# ASCII punctuation that starts or ends an inline construct of CommonMark or GFM: code spans,
# emphasis and strikethrough, links and images, table cells. Each is backslash-escaped, which
# CommonMark allows for any ASCII punctuation; `\` too, so escapes already in the value stay text.
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
# GFM's extended autolinks: `scheme://…` (found at the `:`) and `www.…`; an escaped `:` or `.`
# stops them. E-mail addresses are handled with mentions, below.
_AUTOLINK = re.compile(r"(?<=www)\.|:(?=//)", re.IGNORECASE)
# What would open a block where the value begins a line or a list item: a heading, bullet or
# thematic break (`#`, `-`, `+`, `=`), or an ordered item (`1. `, `1) `, not `2.000 đồng`). `>` and
# `<` are entities by then.
_BLOCK_MARK = re.compile(r"^[#+\-=]")
_ORDERED_MARK = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(value: object) -> str:
    """`value` as GitHub-flavoured Markdown that renders as this text and nothing else: no HTML,
    no Markdown construct, no link, mention or math. It stays on one line (line breaks become
    spaces), and control and bidirectional-override characters show as `�`."""
    text = _BREAK.sub(" ", str(value)).strip()
    text = _HIDDEN.sub("\ufffd", text)  # shown, so that a reviewer sees something is there
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    text = re.sub(r"[&<>]", lambda m: _HTML[m.group(0)], text)
    text = _BLOCK_MARK.sub(r"\\\g<0>", text)
    text = _ORDERED_MARK.sub(r"\1\\\2", text)
    # GitHub finds mentions and e-mail addresses in the rendered text, after Markdown, so no
    # Markdown escape stops them: an invisible word joiner after `@` does.
    text = text.replace("@", "@\u2060")
    # GitHub's inline math ($…$) does not honour `\$`; its documentation says to wrap the sign
    # in a span, which its sanitiser keeps.
    return text.replace("$", "<span>$</span>")
