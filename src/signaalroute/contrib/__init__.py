"""External systems, each in its own app: their formats are mapped here, at the edge."""
