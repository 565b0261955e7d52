"""Alliances: groups of complementary partners in an area, for a coordinator.

| module | holds |
| --- | --- |
| `proposals.py` | the group search and what a proposed group is |
| `reasons.py` | a group's reasons in nl, fr and en |
| `svg.py` | a group drawn as a graph, offline |
"""
