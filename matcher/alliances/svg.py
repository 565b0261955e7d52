"""An alliance as a picture: members as nodes, who-helps-whom as arrows
labelled with what is offered, as one self-contained SVG string (no scripts,
fonts or files outside it) for web pages and files.

networkx holds the graph and places the members on a circle, in the order
of the alliance (so the same group is always drawn the same way); the SVG
is written here, by hand.
"""
from __future__ import annotations

import hashlib
import math
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from matcher.alliances.proposals import Alliance

WIDTH, HEIGHT = 800, 600
BOX_WIDTH, BOX_HEIGHT = 136, 44
LABEL_CHARS = 19
BEND_PX = 30  # how far an arrow bows out when both members help each other
COLOURS = {"organisation": "#cfe3f5", "artist": "#f8dcc8"}
TEXTS = {
    "en": {"caption": "score {score} · {coverage}% of needs met · all within {km}",
           "organisation": "organisation", "artist": "artist or company", "arrow": "arrow: who offers what to whom"},
    "nl": {"caption": "score {score} · {coverage}% van de noden ingevuld · allen binnen {km}",
           "organisation": "organisatie", "artist": "kunstenaar of gezelschap", "arrow": "pijl: wie biedt wat aan wie"},
    "fr": {"caption": "score {score} · {coverage} % des besoins couverts · tous à moins de {km}",
           "organisation": "organisation", "artist": "artiste ou compagnie",
           "arrow": "flèche : qui apporte quoi à qui"},
}
# Arrow labels: short, unlike the lexicon's labels ("workshops en educatieve activiteiten").
SHORT_LABELS = {
    "en": {"rehearsal_space": "rehearsal space", "performance_venue": "stage", "exhibition_space": "exhibition space",
           "residency": "residency", "coproduction_budget": "co-production money",
           "technical_support": "technical support", "production_support": "production support",
           "audience_mediation": "mediation", "workshops": "workshops", "audience_reach": "audience",
           "promotion": "promotion", "school_network": "schools", "artistic_collaboration": "co-creation"},
    "nl": {"rehearsal_space": "repetitieruimte", "performance_venue": "speelplek",
           "exhibition_space": "tentoonstellingsruimte", "residency": "residentie",
           "coproduction_budget": "coproductiegeld", "technical_support": "techniek",
           "production_support": "productie", "audience_mediation": "publiekswerking", "workshops": "workshops",
           "audience_reach": "publiek", "promotion": "promotie", "school_network": "scholen",
           "artistic_collaboration": "samen creëren"},
    "fr": {"rehearsal_space": "salle de répétition", "performance_venue": "scène",
           "exhibition_space": "espace d'exposition", "residency": "résidence",
           "coproduction_budget": "coproduction", "technical_support": "technique",
           "production_support": "production", "audience_mediation": "médiation", "workshops": "ateliers",
           "audience_reach": "public", "promotion": "promotion", "school_network": "écoles",
           "artistic_collaboration": "co-création"},
}


def alliance_graph(alliance: Alliance) -> nx.DiGraph:
    """Members as nodes (name, kind, place); an edge giver -> taker with the offer types given, in order."""
    graph = nx.DiGraph()
    for member in alliance.members:
        graph.add_node(member.id, name=member.name, kind=member.kind, place=member.municipality)
    for edge in alliance.edges:
        if graph.has_edge(edge.giver, edge.taker):
            types = graph.edges[edge.giver, edge.taker]["types"]
            if edge.type not in types:
                types.append(edge.type)
        else:
            graph.add_edge(edge.giver, edge.taker, types=[edge.type])
    return graph


def _wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> list[str]:
    """A name on at most two lines, cut with an ellipsis when longer."""
    wrapped, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][:width - 1] + "…"
    return [w if len(w) <= width else w[:width - 1] + "…" for w in wrapped]


def _number(value: float) -> str:
    return f"{value:.1f}"


def alliance_svg(alliance: Alliance, language: str | None = None) -> str:
    """The alliance as an SVG document (a string), labels in `language` (default: the alliance's)."""
    language = language if language in TEXTS else alliance.language if alliance.language in TEXTS else "en"
    text = TEXTS[language]
    graph = alliance_graph(alliance)
    # Ids unique to this group, so that several pictures can sit in one page.
    prefix = "a" + hashlib.sha1(" ".join(graph.nodes).encode()).hexdigest()[:8]
    centre_x, centre_y = WIDTH / 2, HEIGHT / 2
    radius_x, radius_y = WIDTH / 2 - BOX_WIDTH / 2 - 20, HEIGHT / 2 - BOX_HEIGHT / 2 - 60
    layout = nx.circular_layout(graph)  # deterministic: members in the alliance's order
    points = {node: (centre_x + radius_x * float(x), centre_y - radius_y * float(y)) for node, (x, y) in layout.items()}

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{prefix}-title" '
        f'font-family="Helvetica, Arial, sans-serif">',
        f'<title id="{prefix}-title">{escape(", ".join(graph.nodes[n]["name"] for n in graph.nodes))}</title>',
        f'<defs><marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{WIDTH / 2}" y="26" text-anchor="middle" font-size="15" fill="#222">'
        f'{escape(_caption(alliance, language))}</text>',
    ]
    labels = []
    for giver, taker, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = points[giver], points[taker]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        bend = BEND_PX if graph.has_edge(taker, giver) else 0.0
        # the control point lies off the middle, to the right of the direction of travel
        cx, cy = (x1 + x2) / 2 - uy * bend * 2, (y1 + y2) / 2 + ux * bend * 2
        start, end = _box_edge(x1, y1, cx, cy, 2), _box_edge(x2, y2, cx, cy, 4)
        label = ", ".join(SHORT_LABELS[language].get(t, t) for t in data["types"])
        label_x, label_y = (start[0] + 2 * cx + end[0]) / 4, (start[1] + 2 * cy + end[1]) / 4
        parts.append(
            f'<path class="edge" data-from={quoteattr(giver)} data-to={quoteattr(taker)} '
            f'd="M{_number(start[0])},{_number(start[1])} Q{_number(cx)},{_number(cy)} '
            f'{_number(end[0])},{_number(end[1])}" fill="none" stroke="#555" stroke-width="1.6" '
            f'marker-end="url(#{prefix}-arrow)"/>')
        labels.append(
            f'<text x="{_number(label_x)}" y="{_number(label_y + 4)}" text-anchor="middle" font-size="11" '
            f'fill="#333" stroke="#ffffff" stroke-width="4" paint-order="stroke">{escape(label)}</text>')
    for node, data in graph.nodes(data=True):
        x, y = points[node]
        parts.append(f'<rect class="member" data-id={quoteattr(node)} x="{_number(x - BOX_WIDTH / 2)}" '
                     f'y="{_number(y - BOX_HEIGHT / 2)}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="10" '
                     f'fill="{COLOURS.get(data["kind"], "#eeeeee")}" stroke="#333" stroke-width="1.2">'
                     f'<title>{escape(data["name"])}</title></rect>')
        lines = _wrap(data["name"])
        for number, line in enumerate(lines):
            baseline = y + 4 + 14 * (number - (len(lines) - 1) / 2)
            parts.append(f'<text x="{_number(x)}" y="{_number(baseline)}" text-anchor="middle" font-size="12" '
                         f'fill="#111">{escape(line)}</text>')
        if data.get("place"):  # where each member is, so a coordinator sees the area in the graph
            parts.append(f'<text class="place" x="{_number(x)}" y="{_number(y + BOX_HEIGHT / 2 + 13)}" '
                         f'text-anchor="middle" font-size="11" fill="#444">{escape(data["place"])}</text>')
    parts += labels
    parts += _legend(text)
    parts.append("</svg>")
    return "\n".join(parts)


def _box_edge(x: float, y: float, to_x: float, to_y: float, gap: float) -> tuple[float, float]:
    """Where a line from a member's box centre towards (to_x, to_y) leaves the box, plus `gap`."""
    dx, dy = to_x - x, to_y - y
    length = math.hypot(dx, dy) or 1.0
    dx, dy = dx / length, dy / length
    inside = min(BOX_WIDTH / 2 / abs(dx) if dx else math.inf, BOX_HEIGHT / 2 / abs(dy) if dy else math.inf)
    return x + dx * (inside + gap), y + dy * (inside + gap)


def _legend(text: dict) -> list[str]:
    y = HEIGHT - 18
    return [
        f'<rect x="20" y="{y - 11}" width="14" height="14" rx="3" fill="{COLOURS["organisation"]}" stroke="#333"/>',
        f'<text x="40" y="{y}" font-size="12" fill="#333">{escape(text["organisation"])}</text>',
        f'<rect x="170" y="{y - 11}" width="14" height="14" rx="3" fill="{COLOURS["artist"]}" stroke="#333"/>',
        f'<text x="190" y="{y}" font-size="12" fill="#333">{escape(text["artist"])}</text>',
        f'<text x="{WIDTH - 20}" y="{y}" text-anchor="end" font-size="12" fill="#333">{escape(text["arrow"])}</text>',
    ]


def _caption(alliance: Alliance, language: str) -> str:
    km = "?" if alliance.max_distance_km is None else f"{alliance.max_distance_km:.1f} km"
    score = f"{alliance.score:.2f}"
    if language in ("nl", "fr"):
        km, score = km.replace(".", ","), score.replace(".", ",")
    return TEXTS[language]["caption"].format(score=score, coverage=round(100 * alliance.need_coverage), km=km)


def write_alliance_svgs(alliances: list[Alliance], directory: str | Path, language: str | None = None) -> list[Path]:
    """One file per alliance, `alliance-1.svg`, `alliance-2.svg`, ... in `directory` (created if missing)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, alliance in enumerate(alliances, start=1):
        path = folder / f"alliance-{number}.svg"
        path.write_text(alliance_svg(alliance, language), encoding="utf-8")
        written.append(path)
    return written
