"""The convenings' public addresses (/<lang>/convenings/…)."""

urlpatterns: list = []
