"""Reading what people write: from a profile or a search to the keys the ranking uses.

| module | holds |
| --- | --- |
| `lexicon.py` | the multilingual lexicon (data/lexicon.json): terms, cues, months |
| `reader.py` | free text to disciplines, audiences, themes, offers and needs, with periods and amounts |
| `clauses.py` | which cue governs a thing in a sentence, and what negates or denies it |
| `implied.py` | what a sentence says without naming it: a room by its use, people brought, a stage sought |
| `roles.py` | who gives what to whom: verbs of giving and their subject, barter, rooms free |
| `partners.py` | who writes, and the kind of partner asked for or addressed |
| `terms.py` | the terms of those offers and needs: size and features of a space, support, price, budget, in return |
| `preparation.py` | a profile made ready to score: place, language, stated and understood fields |
| `concepts.py` | concept vectors: the embeddings of the English labels of recognised concepts |
| `evaluation.py` | what is read, scored against labelled texts: precision, recall and F1 per field and language |
"""
