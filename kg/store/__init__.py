"""Stores: the embedded Cypher database (LadybugDB, the default) and Neo4j, same Cypher."""
