"""Alliances: groups of complementary partners in an area, for a coordinator.

| module | holds |
| --- | --- |
| `groups.py` | the group search: pool, group score, greedy growth and swaps (the algorithm is described there) |
| `proposals.py` | the entry points a coordinator uses and what a proposed group is |
| `reasons.py` | a group's reasons in nl, fr and en |
| `svg.py` | a group drawn as a graph, offline |
"""
