// name: methods_for_task
// description: Methods proposed by papers that address a task, with the paper.
// params: task
MATCH (t:Task)<-[:ADDRESSES]-(p:Paper)
WHERE $task_key IN t.keys
MATCH (p)-[:PROPOSES]->(m:Method)
RETURN m.name AS method, p.title AS paper
ORDER BY method, paper
