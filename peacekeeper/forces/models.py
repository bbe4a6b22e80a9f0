"""Forces: units with their APP-6D symbol codes."""
