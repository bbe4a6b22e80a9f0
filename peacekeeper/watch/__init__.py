"""The watch floor's significant events: CCIRs as rules over reports, SIGEVENT flags and alerts."""
