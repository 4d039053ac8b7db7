"""pytest setup: hypothesis settings and a report header naming the posguard under test.

cargo xtask test runs pytest from target/py-run against the installed wheel,
never against the source tree; the header shows which package was imported.
"""

from pathlib import Path

import posguard
from hypothesis import settings

# No deadline: shared 2-core CI machines make per-example timing meaningless.
settings.register_profile("posguard", deadline=None)
settings.load_profile("posguard")


def pytest_report_header() -> str:
    return f"posguard {posguard.__version__} from {Path(posguard.__file__).parent}"
