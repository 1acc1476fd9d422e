"""The worker's consent to release information, its scope and withdrawal, and the disclosure log."""
