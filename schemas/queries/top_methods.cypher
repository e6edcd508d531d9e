// name: top_methods
// description: Methods proposed or used by the most papers.
// params: limit=10
MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
