"""The examples in examples/python run against the installed package, so they cannot rot."""

import subprocess
import sys
from pathlib import Path

import pytest
from support import EXAMPLES


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_there_is_an_example() -> None:
    assert list(EXAMPLES.glob("*.py"))
