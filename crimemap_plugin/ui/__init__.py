"""Docks, panels, map tools and dialogs. `.ui` files sit beside the classes that load them."""
