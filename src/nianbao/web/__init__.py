"""The web app behind `nianbao serve`: FastAPI, server-rendered Jinja2 pages, JS/CSS shipped here.

    from nianbao.web import create_app, Settings
    app = create_app(Settings(db=Path("corpus.duckdb")))
"""

from .app import create_app
from .service import Settings

__all__ = ["Settings", "create_app"]
