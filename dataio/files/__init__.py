"""Files from people and agencies: shared cell readers, one importer per format, import undo."""
