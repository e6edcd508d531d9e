// name: top_methods
// note: one relationship per paper and node (kg keeps the strongest), so count(p) counts papers.
// description: Methods proposed or used by the most papers.
// params: limit=10
MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method)
RETURN m.name AS method, count(p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
