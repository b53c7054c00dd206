"""Sessions read from the cache and kept in the database.

Every request reads its session; serving it from Redis saves a query per request. The database
stays the record, so a session survives a cache flush, and while Redis is unreachable sessions are
read from and written to the database alone instead of failing the request.
"""

import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches

logger = logging.getLogger("django.contrib.sessions")
KEY_PREFIX = cached_db.KEY_PREFIX


def forget(session_keys) -> None:
    """Drop cached copies of sessions whose database rows were deleted directly."""
    keys = [KEY_PREFIX + key for key in session_keys]
    if not keys:
        return
    try:
        caches[settings.SESSION_CACHE_ALIAS].delete_many(keys)
    except Exception:
        # The region door checks grants in the database on every request, so a copy that
        # outlives this call still opens no region; it expires with the session's age.
        logger.exception("Could not drop %d cached sessions", len(keys))


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        row = self._get_session_from_db()
        if not row:
            return {}
        data = self.decode(row.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception:
            logger.warning("Session cache unreachable; reading sessions from the database")
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("Session cache unreachable; checking the database only")
        return cached_db.DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        cached_db.DBStore.delete(self, session_key)
        key = session_key or self.session_key
        if key is not None:
            forget([key])
