"""Statistikbanken (Danmarks Statistik): the CSV reader, the importer and the API client."""
