"""Turns the noisy regulations into a cited rulebook, chunks and a hybrid search store."""
