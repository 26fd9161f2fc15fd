"""Role-play simulator: personas, the reacting customer, sessions and the grader."""
