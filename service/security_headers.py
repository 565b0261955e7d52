"""Security headers on every answer, set by the `secure` package's ASGI middleware.

The pages load scripts, styles and images from this site only and hold no
inline script or style (score bars are SVG, not `style=` attributes), so the
Content-Security-Policy needs no 'unsafe-inline'. No page may be framed
(`frame-ancestors 'none'` and `X-Frame-Options: DENY`), so the sign-in and
edit forms cannot be overlaid by another site; forms post only here
(`form-action 'self'`); `nosniff` and a same-origin referrer on everything,
the JSON API and /docs included (whose Swagger UI is served from here too).
"""
from __future__ import annotations

from secure import (
    ContentSecurityPolicy,
    CrossOriginOpenerPolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    XContentTypeOptions,
    XFrameOptions,
)
from secure.middleware import SecureASGIMiddleware

SELF, NONE = "'self'", "'none'"


def security_headers() -> Secure:
    """The headers every answer carries."""
    policy = (ContentSecurityPolicy()
              .default_src(SELF).script_src(SELF).style_src(SELF).img_src(SELF, "data:").font_src(SELF)
              .connect_src(SELF).object_src(NONE).base_uri(NONE).form_action(SELF).frame_ancestors(NONE))
    return Secure(csp=policy, xfo=XFrameOptions().deny(), xcto=XContentTypeOptions().nosniff(),
                  referrer=ReferrerPolicy().same_origin(),
                  permissions=PermissionsPolicy().geolocation().camera().microphone(),
                  coop=CrossOriginOpenerPolicy().same_origin())


__all__ = ["SecureASGIMiddleware", "security_headers"]
