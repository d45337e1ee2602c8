"""The small HTML a client shows in a frame or a flyout: a concept's names, path and
definition. Built with escaping only (no template): two dozen lines of markup."""

from __future__ import annotations

from markupsafe import Markup, escape

from catalogue.search.index_reader import Concept, SearchIndex
from server.reconcile.manifest import PREVIEW_SIZE

STYLE = (
    "font:13px/1.4 'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;margin:0;padding:6px;"
    "color:#222"
)


def card(index: SearchIndex, concept: Concept, page: str) -> Markup:
    """The concept's card: code, Chinese and English names, path, a definition's start."""
    trail = " › ".join(
        f"{index.concepts[i].notation} {index.concepts[i].label('zh')}" for i in concept.path[:-1]
    )
    definition = next(
        (t.text for t in concept.texts if t.field == "definition" and t.language == "zh"),
        next((t.text for t in concept.texts if t.field == "definition"), ""),
    )
    if len(definition) > 160:
        definition = definition[:160] + "…"
    return Markup(
        '<div lang="zh"><a href="{page}" target="_blank"><b>{code}</b> {zh}</a></div>'
        '<div lang="en">{en} <small>(unofficial translation)</small></div>'
        '<div style="color:#666">{trail}</div><p style="margin:4px 0">{definition}</p>'
    ).format(
        page=page,
        code=concept.notation,
        zh=concept.label("zh"),
        en=concept.label("en"),
        trail=trail,
        definition=definition,
    )


def page(index: SearchIndex, concept: Concept, link: str) -> str:
    width, height = PREVIEW_SIZE
    return (
        f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(concept.notation)}</title></head>"
        f'<body style="{STYLE};width:{width - 12}px;height:{height - 12}px;overflow:hidden">'
        f"{card(index, concept, link)}</body></html>"
    )
