"""The one Settings object: every MATCHER_* variable, documented in one table."""
import re

from matcher.settings import ENVIRONMENT

from conftest import PROJECT


def test_every_setting_is_in_the_readme_table():
    """The README's settings table lists exactly the MATCHER_* variables that Settings reads."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `(MATCHER_[A-Z_]+)` \|", readme, flags=re.M))
    assert table == set(ENVIRONMENT.values())

