// name: top_datasets
// description: Datasets used or introduced by the most papers.
// params: limit=10
MATCH (p:Paper)-[:USES|INTRODUCES]->(d:Dataset)
RETURN d.name AS dataset, count(p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
