"""The HTTP service of matcher: a thin FastAPI layer over matcher.engine.Matcher."""
