"""Decision tool records."""
__all__: list[str] = []
