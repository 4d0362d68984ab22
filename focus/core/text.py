import unicodedata


def sort_key(text: str) -> str:
    """Order names as a reader expects: Ángola next to Angola, not after Zambia."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
