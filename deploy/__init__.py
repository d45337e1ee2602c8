"""Running the catalogue beyond one process: nginx in front of replicas, rolling rebuilds."""
