"""HTML views: Jupyter displays and the self-contained corpus report."""
