"""The service reads the project's one settings object (matcher/settings.py, where every MATCHER_*
variable is listed); imported here so that the service's modules name it next to them."""
from matcher.settings import MIN_ADMIN_KEY_CHARS, PLACEHOLDER_KEYS, Settings, SettingsError

__all__ = ["MIN_ADMIN_KEY_CHARS", "PLACEHOLDER_KEYS", "Settings", "SettingsError"]
