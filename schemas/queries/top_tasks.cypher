// name: top_tasks
// description: Tasks addressed by the most papers.
// params: limit=10
MATCH (p:Paper)-[:ADDRESSES]->(t:Task)
RETURN t.name AS task, count(p) AS papers
ORDER BY papers DESC, task
LIMIT $limit
