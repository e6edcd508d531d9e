"""Scale: parallel extraction on one machine (processes) or on a Dask cluster."""
