"""`/docs`: Swagger UI from the `swagger-ui-bundle-v2` package, served by this service.

FastAPI's own /docs loads Swagger UI from a CDN, so it breaks offline and
needs its inline script allowed. Here the page, Swagger UI's files (from the
package, with its Apache-2.0 licence, under /docs/assets) and the script
that starts it (service/static/api-docs.js) all come from this service.
"""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/assets"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>matcher API · Swagger UI</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<script src="{ASSETS}/swagger-ui-bundle.js" defer></script>
<script src="/static/api-docs.js" defer></script>
</head>
<body>
<div id="swagger-ui" data-openapi-url="{{openapi_url}}"></div>
</body>
</html>
"""


def install_api_docs(app: FastAPI) -> None:
    """Serve Swagger UI for `app.openapi_url` at /docs, every file from this service."""
    page = PAGE.replace("{openapi_url}", app.openapi_url or "/openapi.json")
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return HTMLResponse(page)
