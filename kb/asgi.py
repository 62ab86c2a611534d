"""ASGI factory for serving with several processes (`kb serve --workers N`).

Datasette's own `serve` runs one process; on a machine with several cores,
uvicorn can start N identical workers, each opening the same immutable
database read-only. `kb serve` passes the settings through the environment.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from datasette.app import Datasette


def create_app():
    db = os.environ["KB_DB"]
    metadata = yaml.safe_load(Path(os.environ["KB_METADATA"]).read_text(encoding="utf-8"))
    settings = json.loads(os.environ.get("KB_SETTINGS", "{}"))
    inspect_file = os.environ.get("KB_INSPECT")
    inspect_data = json.loads(Path(inspect_file).read_text(encoding="utf-8")) if inspect_file else None
    datasette = Datasette(immutables=[db], metadata=metadata, settings=settings, inspect_data=inspect_data)
    return datasette.app()
