"""Case tracker models (Case, CaseEvent, Material, ...)."""
__all__: list[str] = []
