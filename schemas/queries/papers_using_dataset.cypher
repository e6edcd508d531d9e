// name: papers_using_dataset
// description: Papers that use, introduce or evaluate on a dataset or benchmark (matched through its aliases).
// params: dataset
MATCH (p:Paper)-[r:USES|INTRODUCES|EVALUATES_ON]->(d)
WHERE $dataset_key IN d.keys AND {{labelin(d, Dataset, Benchmark)}}
RETURN p.title AS title, p.arxiv_id AS arxiv_id, {{reltype(r)}} AS relation, r.sentence AS evidence
ORDER BY title
