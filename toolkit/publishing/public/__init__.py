"""Public pages under /open/<lang>/: the network's published strategies, one region's strategy,
the Handbook and the Model Framework, read without signing in.

- The language is in the address (a converter accepting exactly settings.LANGUAGES); the view
  renders inside translation.override(lang). /open/ redirects to the visitor's language.
- Pages are rendered without the request (no user, session, CSRF token or messages), so every
  visitor gets the same HTML. PublicCacheMiddleware, first in settings.MIDDLEWARE, sends them with
  `Cache-Control: public, max-age=300, s-maxage=600`, `Vary: Accept-Encoding` and no cookies.
- The rendered HTML is kept in the Django cache under toolkit.publishing.cache.key("page", lang,
  path) for ten minutes: a publish, a withdrawal or an accepted report draws a new generation and
  no stale page survives; a repeat request costs no database query. Handbook and framework edits
  do not draw a new generation, so those pages may lag an edit by up to ten minutes (and a CDN's
  copy by ten more).
"""
