"""Services: rules and units of work. Top-level modules are shared; each sub-package is one area."""
