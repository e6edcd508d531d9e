// name: co_used_datasets
// description: Datasets used in the same papers as a given dataset.
// params: dataset, limit=10
MATCH (d:Dataset)<-[:USES|INTRODUCES]-(p:Paper)
WHERE $dataset_key IN d.keys
MATCH (p)-[:USES|INTRODUCES]->(o:Dataset)
WHERE o.id <> d.id
RETURN o.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
