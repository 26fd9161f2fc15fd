"""Live assist: draft checks, customer emotion, scenario detection and suggested replies."""
