"""Where profiles are: Belgian municipalities, postcodes and points, and areas made of them.

| module | holds |
| --- | --- |
| `gazetteer.py` | names, postcodes and coordinates to a place; distances |
| `boundaries.py` | point-in-polygon over the shipped municipality boundaries |
| `areas.py` | an area asked for by a place and radius, municipalities or a region |
"""
