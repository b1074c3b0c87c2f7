"""Tests of dataio.offences."""
