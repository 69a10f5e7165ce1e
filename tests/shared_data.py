"""Where the real police.uk and ONS data for tests lives (../shared/data beside the repository).

Tests that need it fail loudly when it is missing: they never skip themselves.
"""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    path = Path(os.environ.get("CRIMEMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not (path / "police_uk").is_dir():
        raise RuntimeError(f"the real test data is missing: expected {path}/police_uk "
                           "(set CRIMEMAP_SHARED_DATA to the shared data folder)")
    return path


def city_of_london_street() -> Path:
    return shared_data() / "police_uk" / "city-of-london-2024-2025"
