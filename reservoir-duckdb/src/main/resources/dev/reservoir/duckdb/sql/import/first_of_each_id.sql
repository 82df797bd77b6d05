-- first_of_each_id: only when an id occurs more than once in the file. nth = 1 marks the first
-- row (in line order) with its id; the later ones are repeats, compared with it below.
CREATE OR REPLACE TEMP TABLE keyed AS
SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY line) AS nth FROM accepted
