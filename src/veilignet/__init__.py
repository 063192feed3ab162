"""Veilignet: the regional platform for joint work against domestic violence and child abuse."""
