"""The Processing provider `crimemap` and its algorithms (thin adapters over core/ and layers/)."""
