"""Pure core of service-level measurement: lead times, working days, compliance per period. No Django."""
