// name: methods_on_dataset
// description: Methods proposed or used by papers that use a dataset.
// params: dataset, limit=10
MATCH (d:Dataset)<-[:USES|INTRODUCES]-(p:Paper)
WHERE $dataset_key IN d.keys
MATCH (p)-[:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
