"""Fixed text data for the demo municipality built by `manage.py seed_demo`."""
