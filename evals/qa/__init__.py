"""Batch quality inspection (质检) of recorded calls: read, group, grade, time, report."""
