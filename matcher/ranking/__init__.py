"""Scoring pairs of profiles and ranking partners, with the reasons why.

| module | holds |
| --- | --- |
| `weights.py` | models/weights.json as a typed, checked object |
| `rules.py` | the one rule table built from the weights: what meets what, and how well |
| `scoring.py` | the plain scorer, pair by pair: the reference |
| `index.py` | the vectorised scorer over every stored profile at once |
| `columns.py` | the column storage and per-owner reductions the vectorised scorers share |
| `pairwise.py` | every pair of a pool as matrices, for the alliances |
| `reasons.py` | why a partner is suggested, as reasons with a key, parameters and a sentence |
"""
