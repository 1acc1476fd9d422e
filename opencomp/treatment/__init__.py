"""Treatment requests: what a provider asks to give, the NSW pre-approval exemptions, decisions, ICD-10-CM."""
