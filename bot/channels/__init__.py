"""Channels: one blueprint each (SMS now; voice and the navigators' console to come)."""
