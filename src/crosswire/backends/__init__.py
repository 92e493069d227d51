"""Where the pipeline runs besides this process: ``spark`` (the same functions on Spark).

One process is :func:`crosswire.pipeline.run` itself.
"""

__all__: list[str] = []
