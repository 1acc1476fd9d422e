"""Claim documents: uploads checked by their content, classified, restricted and audited."""
