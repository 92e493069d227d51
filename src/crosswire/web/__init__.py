"""crosswire.web: the local web app over a store (``crosswire serve``)."""

from crosswire.web.app import create_app

__all__ = ["create_app"]
