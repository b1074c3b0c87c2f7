"""Seed data: the shipped reference tables, the demo generators and `botrygt init`."""
