// name: datasets_for_task
// description: Datasets and benchmarks most used by papers addressing a task.
// params: task, limit=10
MATCH (t:Task)<-[:ADDRESSES]-(p:Paper)
WHERE $task_key IN t.keys
MATCH (p)-[:USES|INTRODUCES|EVALUATES_ON]->(d)
WHERE {{labelin(d, Dataset, Benchmark)}}
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
