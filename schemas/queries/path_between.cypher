// name: path_between
// description: A shortest path (at most 6 hops) between two entities or papers, as node names.
// params: a, b
MATCH (x) WHERE $a_key IN x.keys
MATCH (y) WHERE $b_key IN y.keys
{{shortest(p, x, y, 6)}}
RETURN length(p) AS hops, nodes(p) AS path
ORDER BY hops
LIMIT 1
