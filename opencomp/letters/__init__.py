"""Letters and forms: statutory notices printed from versioned templates, issued as PDF files."""
