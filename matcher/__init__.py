"""matcher: ranked, explained partner suggestions for the cultural field of Brussels and Flanders."""

__version__ = "0.1.0"
