"""What is kept on disk: the SQLite database and the saved index beside it.

| module | holds |
| --- | --- |
| `store.py` | the database: profiles, derivations, the embedding cache, the change log; the only SQL |
| `sessions.py` | sessions of people signed in on the web pages: hashes of their ids, whose, until when |
| `snapshot.py` | the in-memory index saved beside the database, for a fast start |
"""
