"""Run only by tests/test_isolation.py, inside a fresh pytest session (not a test_*.py file).

A CLI run in that session caches in the session's directory, whatever the environment
that started the session named.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from normalize.cache import cache_dir


def test_a_cli_run_caches_in_the_session(tmp_path: Path) -> None:
    lexicon = tmp_path / "lex.jsonl"
    lexicon.write_text('{"id": "t:1", "type": "place", "names": ["Alpha Town"]}\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "normalize", "match", "--lexicon", str(lexicon), "Alpha Town"],
                         capture_output=True, text=True, check=True, timeout=120)
    assert '"t:1"' in run.stdout
    assert list(cache_dir().glob("index-*.nidx")), "the CLI did not cache in the session's directory"
