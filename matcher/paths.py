"""Where the project's shipped data and model artefacts live."""
import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MATCHER_DATA_DIR", PROJECT_DIR / "data"))
MODELS_DIR = Path(os.environ.get("MATCHER_MODELS_DIR", PROJECT_DIR / "models"))
