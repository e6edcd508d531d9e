// name: papers_with_code_for_method
// description: Papers proposing or using a method that link a GitHub repository.
// params: method
MATCH (m:Method)<-[:PROPOSES|USES]-(p:Paper)
WHERE $method_key IN m.keys
MATCH (p)-[:HAS_CODE]->(r:Repository)
RETURN p.title AS paper, r.name AS repository, r.url AS url
ORDER BY paper, repository
